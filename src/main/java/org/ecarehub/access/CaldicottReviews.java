package org.ecarehub.access;

import java.util.List;
import org.ecarehub.person.Actor;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;

/**
 * The Caldicott guardians' review queue: break-glass grants, protection overrides, overdue withholdings and the
 * person's challenges. Only the guardian a task is assigned to may claim, close or escalate it; an escalation passes
 * it from an agency's guardian to the partnership's, and from the partnership's to the data protection officer.
 * Every step is logged inside its transaction (when the log cannot record it, nothing changes) and published.
 */
public interface CaldicottReviews {

    /**
     * Puts a task on its guardian's queue.
     *
     * @throws CaldicottReviewRefused when the person is not in the index, or the agency or guardian not in the
     *     partnership in force
     */
    CaldicottReview open(CaldicottReviewDraft draft, Actor by);

    /**
     * Opens the review POLICY.md rule 5 asks for when a protection purpose crosses agencies with no sharing agreement:
     * for the owning agency's guardian. The justification stays with the decision, not the task.
     *
     * @param subject the decision's reference, such as the log entry's id
     */
    CaldicottReview openForProtectionOverride(PersonId person, AgencyId owningAgency, String subject, Actor by);

    /**
     * The assigned guardian takes the task on.
     *
     * @throws CaldicottReviewRefused when the actor is not the assigned guardian or the task is closed
     */
    CaldicottReview claim(CaldicottReviewId id, Actor by);

    /**
     * The guardian who claimed the task closes it with a note.
     *
     * @throws CaldicottReviewRefused when the actor has not claimed it, or the note is blank
     */
    CaldicottReview close(CaldicottReviewId id, String note, Actor by);

    /**
     * The assigned guardian passes the task to the next guardian, with a reason.
     *
     * @throws CaldicottReviewRefused when the actor is not the assigned guardian, the task is closed, the reason is
     *     blank, or there is no one further to escalate to
     */
    CaldicottReview escalate(CaldicottReviewId id, String reason, Actor by);

    /** The tasks waiting for the guardian or claimed by them, the oldest first. */
    List<CaldicottReview> openFor(Username guardian);

    /** Every task about the person, the oldest first. */
    List<CaldicottReview> forPerson(PersonId person);

    /** The user has claimed a task about the person that is not closed (POLICY.md rule 6, governance branch). */
    boolean workingOn(Username user, PersonId person);
}
