package org.ecarehub.person.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongToDoubleFunction;
import java.util.stream.Collectors;
import org.ecarehub.person.ChiNumber;
import org.ecarehub.person.ReviewTask;
import org.ecarehub.person.matching.MatchIndex.Candidate;
import org.ecarehub.person.matching.Thresholds;
import org.ecarehub.shared.PersonId;

/**
 * Where a new or changed record goes, from the records it was scored against and what people decided: plain Java
 * over the facts it is given, so that the rules read in one place.
 *
 * <ul>
 *   <li>A person whose best record scores at or above the match threshold takes the record, but only when every one of
 *       their records scores at least the review threshold against it (no chaining: A matches B, B matches C, yet A is
 *       not C) and none holds a valid CHI number other than the record's own valid one (the NHS gives one person one
 *       CHI); otherwise the pair goes to review.
 *   <li>Without such a person, each person whose best record scores between the thresholds is a review.
 *   <li>Records a person decided are not the same person, and the persons holding them, are never candidates.
 * </ul>
 */
final class Linkage {

    /** The most review tasks one record opens: the strongest candidates' persons. */
    static final int MAX_REVIEWS = 5;

    private final Thresholds thresholds;

    Linkage(Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    /** What the index holds, as linkage needs it. */
    interface Facts {
        /** The person an indexed record belongs to now, through merges in force. */
        PersonId personOf(long record);

        /** Every record of a person, those of persons merged into them included. */
        Set<Long> recordsOf(PersonId person);

        /** The CHI number an indexed record holds, if it holds a valid one. */
        Optional<String> validChi(long record);
    }

    record Target(PersonId person, long record, double probability) {}

    record Review(long candidate, double probability, ReviewTask.Reason reason) {}

    /** A link, or none; and the reviews to open either way. */
    record Plan(Optional<Target> target, List<Review> reviews) {}

    /**
     * @param ownId the record's number in the index, or -1 for a record new to it
     * @param chi the record's CHI number, if any
     * @param candidates the indexed records the record was scored against
     * @param apartRecords records it must never join: decided not the same person, or kept apart by an unmerge
     * @param apartPersons persons it must not join (its own, when it no longer agrees with them)
     * @param score the match probability of the record against any indexed record
     */
    Plan plan(
            long ownId,
            ChiNumber chi,
            List<Candidate> candidates,
            Set<Long> apartRecords,
            Set<PersonId> apartPersons,
            Facts facts,
            LongToDoubleFunction score) {
        Set<PersonId> excluded = apartRecords.stream().map(facts::personOf).collect(Collectors.toSet());
        excluded.addAll(apartPersons);
        Map<PersonId, Candidate> best = new LinkedHashMap<>();
        candidates.stream()
                .filter(candidate -> candidate.recordId() != ownId && !apartRecords.contains(candidate.recordId()))
                .sorted(Comparator.comparingDouble(Candidate::probability).reversed())
                .forEach(candidate -> {
                    PersonId person = facts.personOf(candidate.recordId());
                    if (!excluded.contains(person)) {
                        best.putIfAbsent(person, candidate);
                    }
                });
        Map<Long, Double> scored = new LinkedHashMap<>();
        candidates.forEach(candidate -> scored.put(candidate.recordId(), candidate.probability()));
        LongToDoubleFunction probability = record -> scored.computeIfAbsent(record, score::applyAsDouble);
        Target target = null;
        List<Review> reviews = new ArrayList<>();
        for (Map.Entry<PersonId, Candidate> entry : best.entrySet()) {
            Candidate candidate = entry.getValue();
            if (candidate.probability() >= thresholds.match()) {
                if (target != null) {
                    continue;
                }
                Optional<ReviewTask.Reason> refused =
                        disagreement(ownId, chi, facts.recordsOf(entry.getKey()), facts, probability);
                if (refused.isEmpty()) {
                    target = new Target(entry.getKey(), candidate.recordId(), candidate.probability());
                } else {
                    reviews.add(new Review(candidate.recordId(), candidate.probability(), refused.get()));
                }
            } else if (candidate.probability() >= thresholds.review() && target == null) {
                reviews.add(new Review(
                        candidate.recordId(), candidate.probability(), ReviewTask.Reason.BETWEEN_THRESHOLDS));
            }
        }
        return new Plan(
                Optional.ofNullable(target), reviews.stream().limit(MAX_REVIEWS).toList());
    }

    /**
     * Why the record cannot be one person with these records, or empty when it can: one of them scores below the
     * review threshold against it, or holds another valid CHI number.
     */
    Optional<ReviewTask.Reason> disagreement(
            long ownId, ChiNumber chi, Set<Long> records, Facts facts, LongToDoubleFunction probability) {
        String ownChi = chi != null && chi.valid() ? chi.text() : null;
        for (long record : records) {
            if (record == ownId) {
                continue;
            }
            if (ownChi != null
                    && facts.validChi(record)
                            .filter(other -> !other.equals(ownChi))
                            .isPresent()) {
                return Optional.of(ReviewTask.Reason.DIFFERENT_CHI);
            }
            if (probability.applyAsDouble(record) < thresholds.review()) {
                return Optional.of(ReviewTask.Reason.CONTRADICTED);
            }
        }
        return Optional.empty();
    }
}
