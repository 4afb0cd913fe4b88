package org.ecarehub.person;

/** What a person decided about two agency records. */
public enum Verdict {
    SAME_PERSON,
    NOT_THE_SAME_PERSON
}
