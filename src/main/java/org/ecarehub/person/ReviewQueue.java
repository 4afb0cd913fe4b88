package org.ecarehub.person;

import java.util.Optional;

/**
 * The pairs of agency records the algorithm left for a person: listed oldest first, claimed by one reviewer at a
 * time, and decided with the evidence of every field. A decision is a {@link ManualDecision}, logged like every
 * change of the index.
 */
public interface ReviewQueue {

    /** The open tasks, oldest first. */
    Page<ReviewTask> open(int page, int size);

    Optional<ReviewTask> task(ReviewTaskId id);

    /**
     * Gives the task to this reviewer for a while (30 minutes by default), or renews their claim.
     *
     * @throws ClaimedByAnother while another reviewer's claim lasts
     */
    ReviewTask claim(ReviewTaskId id, Actor reviewer);

    /** Gives up this reviewer's claim, so that another may take the task. */
    void release(ReviewTaskId id, Actor reviewer);

    /** Both records field by field, with the agreement and weight of each, from their current versions. */
    Evidence evidence(ReviewTaskId id);

    /**
     * Decides the task with a reason, as a manual decision about its two records.
     *
     * @throws PersonIndexRefused unless the reviewer holds the claim, or when the decision would go against another
     */
    ManualDecision decide(ReviewTaskId id, Verdict verdict, String reason, Actor reviewer);

    /** Another reviewer is working on the task. */
    final class ClaimedByAnother extends PersonIndexRefused {

        public ClaimedByAnother(String reviewer) {
            super("the task is claimed by " + reviewer);
        }
    }
}
