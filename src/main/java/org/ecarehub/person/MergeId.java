package org.ecarehub.person;

/** A merge of one person into another, by the index's own number for it. */
public record MergeId(long value) {}
