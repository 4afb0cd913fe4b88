package org.ecarehub.person;

/** A task in the review queue, by the index's own number for it. */
public record ReviewTaskId(long value) {}
