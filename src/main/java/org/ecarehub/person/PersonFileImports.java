package org.ecarehub.person;

/**
 * Imports person files (PersonFiles' format) sent by an agency's system: each row is decided first (an agency system
 * writes only its own agency's records), the decision, allowed or denied, is written to the transparency log before
 * any change, and an allowed row is submitted to the {@link PersonIndex}. A row is stored whole or not at all; under
 * {@code strict} the file is one transaction, refused whole on any problem.
 */
public interface PersonFileImports {

    ImportReport importFile(String name, byte[] content, Actor system, boolean strict);

    /**
     * Imports one agency record unless the agency already holds one with its local id: decided as a row of a file is,
     * the decision logged, and an allowed record stored and linked in the same transaction as its log entry (when the
     * log cannot record it, nothing is stored). A record already held is left as it is: an update is a change of
     * the agency's file, not a create.
     *
     * @throws RecordWriteRefused when the caller may not write records of the record's agency; the refusal is logged
     * @throws org.ecarehub.transparency.LogUnavailable when the log cannot record the decision; nothing is stored
     */
    RecordImport importRecord(AgencyRecord record, Actor system);
}
