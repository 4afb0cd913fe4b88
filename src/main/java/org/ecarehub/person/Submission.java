package org.ecarehub.person;

import java.util.List;
import org.ecarehub.shared.PersonId;

/**
 * What the index did with a new or changed agency record.
 *
 * @param person the person the record belongs to now
 * @param probability the match probability that decided a link or a review, or 0 when none did
 * @param newPerson whether a person was created for the record
 * @param reviews the review tasks opened for the record
 */
public record Submission(
        AgencyRecordId record,
        PersonId person,
        Outcome outcome,
        double probability,
        boolean newPerson,
        List<ReviewTaskId> reviews) {

    public Submission {
        reviews = List.copyOf(reviews);
    }

    public enum Outcome {
        /** Linked to a person the index already knew, at or above the match threshold. */
        LINKED,
        /** Unlike anyone known: a new person. */
        NEW_PERSON,
        /** Between the thresholds, or a match that another record of that person contradicts: a person decides. */
        REVIEW,
        /** A change that leaves the record with its person. */
        KEPT,
        /** The same as the record's current version: nothing stored. */
        UNCHANGED
    }
}
