package org.ecarehub.consent;

/** The latest consent decision in force for a purpose, as rule 7 reads it; {@link #NONE} when none is recorded. */
public enum ConsentState {
    GIVEN,
    REFUSED,
    WITHDRAWN,
    NONE
}
