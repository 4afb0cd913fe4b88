package org.ecarehub.access;

import java.util.List;
import java.util.Optional;
import org.ecarehub.person.Actor;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;

/**
 * The person's say (issue 8, item 7): a person or representative disputes an entry of the access history or a sharing
 * decision, or asks for a correction of an item; each becomes a task on the Caldicott guardian's review queue of the
 * agency concerned, with target times, and the guardian's answer comes back to the person. Only what the requester may
 * see can be challenged: that is decided, and logged, by the access decision, and a subject that does not exist reads
 * exactly as one withheld. Every step is logged inside its transaction; ids only reach the log. Decision 0037.
 */
public interface Challenges {

    /**
     * Raises a challenge about the person, whose record the requester is bound to (P2) or acts for (P3).
     *
     * @throws ChallengeRefused when the draft is bad, the account is not bound, or the subject is not something of the
     *     person that the requester may see; nothing is stored
     * @throws org.ecarehub.transparency.LogUnavailable when the log cannot record it; nothing is stored
     */
    Challenge raise(Requester.Portal requester, PersonId person, ChallengeDraft draft);

    /**
     * The challenges about the person that the requester may follow, the newest first: the person's own sees every one
     * about them, a representative the ones they raised; each only while its subject is still theirs to see.
     */
    List<Challenge> of(Requester.Portal requester, PersonId person);

    /** One challenge, as {@link #of} would show it to the requester; empty for any other id, existing or not. */
    Optional<Challenge> find(Requester.Portal requester, ChallengeId id);

    /** The challenge a review task is for, when the guardian is the one the task is assigned to. */
    Optional<Challenge> forReview(CaldicottReviewId review, Username guardian);

    /**
     * The guardian who claimed the challenge's review answers it; the review closes with the answer as its note.
     *
     * @throws ChallengeRefused when the answer is blank or too long, or the challenge is answered already or unknown
     * @throws CaldicottReviewRefused when the actor is not the guardian who claimed the review
     */
    Challenge answer(ChallengeId id, String answer, Actor by);
}
