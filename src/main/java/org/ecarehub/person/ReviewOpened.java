package org.ecarehub.person;

/** A pair of agency records went to the review queue for a person to decide. */
public record ReviewOpened(ReviewTaskId task, AgencyRecordId first, AgencyRecordId second, double probability) {}
