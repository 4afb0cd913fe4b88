package org.ecarehub.person;

/**
 * How sure the index is that a record is the person a set of details describes, by its thresholds: at or above the
 * match threshold it would link them by itself, at or above the review threshold it would ask a person, below it
 * neither.
 */
public enum MatchGrade {
    CERTAIN,
    PROBABLE,
    POSSIBLE
}
