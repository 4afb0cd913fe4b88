package org.ecarehub.person;

import java.time.Instant;
import java.util.Optional;
import org.ecarehub.shared.LogRedactor;
import org.ecarehub.shared.PersonId;

/**
 * One person merged into another, by whom, when and why, and its unmerge if it was undone.
 *
 * <p>{@link #toString()} masks the reasons: people write them about the person.
 */
public record Merge(
        MergeId id,
        PersonId survivor,
        PersonId merged,
        String reason,
        Instant mergedAt,
        String mergedBy,
        Optional<Instant> unmergedAt,
        Optional<String> unmergedBy,
        Optional<String> unmergeReason) {

    public boolean inForce() {
        return unmergedAt.isEmpty();
    }

    @Override
    public String toString() {
        return "Merge[" + id.value() + " by " + mergedBy + " at " + mergedAt + ", in force " + inForce() + ", "
                + LogRedactor.MASK + "]";
    }
}
