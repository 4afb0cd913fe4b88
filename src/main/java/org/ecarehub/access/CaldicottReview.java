package org.ecarehub.access;

import java.time.Instant;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;

/**
 * A task on the Caldicott guardian's review queue, about one person: a break-glass grant, a protection override, an
 * overdue withholding or the person's challenge. It is assigned to one guardian at a time, who claims it, then closes
 * it with a note or escalates it with a reason to the next guardian.
 *
 * @param agency the agency whose guardian reviews it (the user's for break-glass, the owning agency's for an override)
 * @param guardian who must review it now: the agency's guardian, or the one it was escalated to
 * @param subject what it is about, by id: {@code break-glass-7}
 * @param summary a short line without personal data, for the queue
 * @param note the closing note; free text, left out of {@link #toString()} and never logged
 * @param escalationReason why it was escalated; free text, left out of {@link #toString()} and never logged
 */
public record CaldicottReview(
        CaldicottReviewId id,
        Kind kind,
        PersonId person,
        AgencyId agency,
        Username guardian,
        String subject,
        String summary,
        State state,
        Instant openedAt,
        Username claimedBy,
        Instant claimedAt,
        Username closedBy,
        Instant closedAt,
        String note,
        Username escalatedFrom,
        String escalationReason) {

    /** What the guardian is asked to review. */
    public enum Kind {
        BREAK_GLASS("break-glass"),
        PROTECTION_OVERRIDE("protection-override"),
        OVERDUE_WITHHOLDING("overdue-withholding"),
        CHALLENGE("challenge");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** Open and escalated tasks wait for their guardian; a claimed one is being reviewed; a closed one is done. */
    public enum State {
        OPEN,
        CLAIMED,
        ESCALATED,
        CLOSED
    }

    public boolean closed() {
        return state == State.CLOSED;
    }

    @Override
    public String toString() {
        return "CaldicottReview[" + id + ", " + kind.code() + ", " + subject + ", " + state + ", " + guardian + "]";
    }
}
