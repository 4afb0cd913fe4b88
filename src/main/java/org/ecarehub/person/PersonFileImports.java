package org.ecarehub.person;

/**
 * Imports person files (PersonFiles' format) sent by an agency's system: each row is decided first (an agency system
 * writes only its own agency's records), the decision, allowed or denied, is written to the transparency log before
 * any change, and an allowed row is submitted to the {@link PersonIndex}. A row is stored whole or not at all; under
 * {@code strict} the file is one transaction, refused whole on any problem.
 */
public interface PersonFileImports {

    ImportReport importFile(String name, byte[] content, Actor system, boolean strict);
}
