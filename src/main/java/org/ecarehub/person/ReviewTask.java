package org.ecarehub.person;

import java.time.Instant;
import java.util.Optional;

/**
 * Two agency records a person must decide about: the record that came in, and the candidate it nearly matched.
 *
 * @param claimedBy the reviewer working on it, while their claim lasts
 */
public record ReviewTask(
        ReviewTaskId id,
        AgencyRecordId first,
        AgencyRecordId second,
        double probability,
        Reason reason,
        Instant openedAt,
        Status status,
        Optional<String> claimedBy,
        Optional<Instant> claimedAt) {

    /** Why the pair was not linked without a person. */
    public enum Reason {
        /** The match probability is between the review and match thresholds. */
        BETWEEN_THRESHOLDS,
        /** Above the match threshold, but another record of the candidate's person scores below the review one. */
        CONTRADICTED,
        /** Above the match threshold, but the two persons hold different valid CHI numbers. */
        DIFFERENT_CHI
    }

    public enum Status {
        OPEN,
        DECIDED
    }
}
