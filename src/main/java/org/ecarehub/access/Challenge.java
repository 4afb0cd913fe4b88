package org.ecarehub.access;

import java.time.Instant;
import java.time.LocalDate;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;

/**
 * A person's or representative's challenge, tracked as a task on the owning agency's Caldicott guardian's review queue
 * (decision 0037): acknowledged when the guardian claims the task, answered when the guardian writes the answer the
 * person sees. The target times are those of UK GDPR's rights of access and rectification.
 *
 * @param raisedBy the portal account that raised it
 * @param agency the agency whose guardian answers: the one whose staff made the access, or that owns the item
 * @param details the person's words; left out of {@link #toString()} and never logged
 * @param acknowledgeBy five working days after the day it was raised
 * @param answerBy one month after the day it was raised
 * @param acknowledgedAt when the guardian claimed the task, or null
 * @param answer the guardian's answer, which the person sees; null until answered; never logged
 */
public record Challenge(
        ChallengeId id,
        Kind kind,
        PersonId person,
        String subject,
        String raisedBy,
        Instant raisedAt,
        String details,
        AgencyId agency,
        CaldicottReviewId review,
        LocalDate acknowledgeBy,
        LocalDate answerBy,
        Status status,
        Instant acknowledgedAt,
        String answer,
        Instant answeredAt) {

    /** What the person challenges. */
    public enum Kind {
        ACCESS("access", "an access to the record"),
        SHARING("sharing", "a sharing decision"),
        CORRECTION("correction", "a correction of the record");

        private final String code;
        private final String description;

        Kind(String code, String description) {
            this.code = code;
            this.description = description;
        }

        public String code() {
            return code;
        }

        public String description() {
            return description;
        }

        /** An access or a sharing decision names an access entry; a correction names an item of the record. */
        public boolean aboutAccessEntry() {
            return this != CORRECTION;
        }
    }

    /** Where the challenge is, as the person is told. */
    public enum Status {
        RECEIVED("received"),
        ACKNOWLEDGED("acknowledged"),
        ANSWERED("answered");

        private final String code;

        Status(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** Not acknowledged by its target day, or not answered by its. */
    public boolean overdue(LocalDate today) {
        return (status == Status.RECEIVED && today.isAfter(acknowledgeBy))
                || (status != Status.ANSWERED && today.isAfter(answerBy));
    }

    @Override
    public String toString() {
        return "Challenge[" + id + ", " + kind.code() + ", " + subject + ", " + status.code() + "]";
    }
}
