package org.ecarehub.person;

import java.time.Instant;

/**
 * One version of an agency's record: its demographics, who recorded them and when.
 *
 * @param reference the index's own name for the record ({@code agency-record-12}), which the transparency log uses
 *     because it identifies nobody outside the hub, unlike the agency's id for the person
 */
public record AgencyRecordVersion(
        AgencyRecordId record,
        int version,
        Demographics demographics,
        Instant recordedAt,
        String recordedBy,
        String reference) {}
