package org.ecarehub.record;

import java.time.Instant;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.Username;

/**
 * One version of a record item, as written: never changed afterwards.
 *
 * @param number 1 for the first version, one more for each after
 * @param reason why this version was written (a correction's reason); null for the first
 * @param author the member of staff who wrote it; null when an agency's system wrote it on its own
 * @param agency the agency it was written for
 */
public record ItemVersion(
        int number,
        ItemStatus status,
        RecordContent content,
        String reason,
        Username author,
        AgencyId agency,
        Instant at) {}
