package org.ecarehub.access;

import java.util.Optional;
import org.ecarehub.person.Actor;
import org.ecarehub.person.Evidence;
import org.ecarehub.person.ManualDecision;
import org.ecarehub.person.Page;
import org.ecarehub.person.ReviewTask;
import org.ecarehub.person.ReviewTaskId;
import org.ecarehub.person.Verdict;

/**
 * The person index's match review queue for the staff who work it, through the decision: only staff under the
 * {@code administration} purpose whose roles may read demographics reach it, and the evidence of a task (both records'
 * demographics) is decided and logged about each record's person, with the task the reviewer has claimed as the
 * governance task of POLICY.md rule 6. Decision 0025 says why.
 */
public interface MatchReviews {

    /**
     * The open tasks, oldest first; they name records by the index's own ids only. Logged without a person.
     *
     * @throws AccessRefused unless the requester is staff under administration whose roles may read demographics
     */
    Page<ReviewTask> open(Requester requester, int page, int size);

    /**
     * One open task, or empty when there is none by that id (a decided task is no longer worked).
     *
     * @throws AccessRefused as {@link #open}
     */
    Optional<ReviewTask> task(Requester requester, ReviewTaskId id);

    /**
     * Both records of the task the requester has claimed, field by field, each decided as its person's demographics
     * and logged about that person before it is read; empty when the task is not open or not claimed by the
     * requester.
     *
     * @throws AccessRefused as {@link #open}, or when the decision refuses either record (a sealed one, say)
     */
    Optional<Evidence> evidence(Requester requester, ReviewTaskId id);

    /**
     * Claims the task for the requester, or renews their claim.
     *
     * @throws AccessRefused as {@link #open}
     * @throws org.ecarehub.person.ReviewQueue.ClaimedByAnother while another reviewer's claim lasts
     */
    ReviewTask claim(Requester requester, ReviewTaskId id, Actor by);

    /**
     * Gives up the requester's claim.
     *
     * @throws AccessRefused as {@link #open}
     */
    void release(Requester requester, ReviewTaskId id, Actor by);

    /**
     * Decides the task the requester has claimed, with a reason kept in the index and never logged.
     *
     * @throws AccessRefused as {@link #open}
     * @throws org.ecarehub.person.PersonIndexRefused unless the requester holds the claim, or the reason is bad
     */
    ManualDecision decide(Requester requester, ReviewTaskId id, Verdict verdict, String reason, Actor by);
}
