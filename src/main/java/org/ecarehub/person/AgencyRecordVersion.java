package org.ecarehub.person;

import java.time.Instant;

/** One version of an agency's record: its demographics, who recorded them and when. */
public record AgencyRecordVersion(
        AgencyRecordId record, int version, Demographics demographics, Instant recordedAt, String recordedBy) {}
