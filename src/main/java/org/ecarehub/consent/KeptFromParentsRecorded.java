package org.ecarehub.consent;

import org.ecarehub.shared.PersonId;

/** A child's request to keep categories from their parents has been recorded. */
public record KeptFromParentsRecorded(long request, PersonId child) {}
