package org.ecarehub.person;

import java.time.Instant;
import org.ecarehub.shared.LogRedactor;

/**
 * A person's decision that two agency records are, or are not, one person: it wins over the matching algorithm until
 * a person decides otherwise about the same two records.
 *
 * <p>{@link #toString()} masks the reason: a reviewer may have written about the person.
 */
public record ManualDecision(
        AgencyRecordId first,
        AgencyRecordId second,
        Verdict verdict,
        String reason,
        Instant decidedAt,
        String decidedBy) {

    @Override
    public String toString() {
        return "ManualDecision[" + verdict + " by " + decidedBy + " at " + decidedAt + ", " + LogRedactor.MASK + "]";
    }
}
