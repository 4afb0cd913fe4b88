package org.ecarehub.person;

/** A person decided that two agency records are, or are not, the same person; the decision wins over the algorithm. */
public record ManualDecisionRecorded(AgencyRecordId first, AgencyRecordId second, Verdict verdict, String decidedBy) {}
