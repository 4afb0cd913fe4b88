package org.ecarehub.access.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ecarehub.access.AccessDecision;
import org.ecarehub.access.AccessItem;
import org.ecarehub.access.AccessRefused;
import org.ecarehub.access.MatchReviews;
import org.ecarehub.access.Requester;
import org.ecarehub.access.Sensitivity;
import org.ecarehub.partnership.Action;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.person.Actor;
import org.ecarehub.person.AgencyRecordId;
import org.ecarehub.person.AgencyRecordVersion;
import org.ecarehub.person.Evidence;
import org.ecarehub.person.ManualDecision;
import org.ecarehub.person.Page;
import org.ecarehub.person.PersonIndex;
import org.ecarehub.person.PersonIndexRefused;
import org.ecarehub.person.ReviewQueue;
import org.ecarehub.person.ReviewTask;
import org.ecarehub.person.ReviewTaskId;
import org.ecarehub.person.Verdict;
import org.ecarehub.shared.PersonId;
import org.springframework.stereotype.Service;

/**
 * The match review queue through the decision: the queue itself is reached under administration only, and a task's
 * evidence is decided about each record's person, with the claimed task as rule 6's governance task, and logged before
 * the records are read.
 */
@Service
class DecidedMatchReviews implements MatchReviews {

    static final String ADMINISTRATION_ONLY = "match-review-administration-only";

    private final DecisionPoint decisions;
    private final ReviewQueue queue;
    private final PersonIndex index;

    DecidedMatchReviews(DecisionPoint decisions, ReviewQueue queue, PersonIndex index) {
        this.decisions = decisions;
        this.queue = queue;
        this.index = index;
    }

    @Override
    public Page<ReviewTask> open(Requester requester, int page, int size) {
        admitted(requester, true);
        return queue.open(page, size);
    }

    @Override
    public Optional<ReviewTask> task(Requester requester, ReviewTaskId id) {
        admitted(requester, true);
        return openTask(id);
    }

    @Override
    public Optional<Evidence> evidence(Requester requester, ReviewTaskId id) {
        Requester.Staff staff = admitted(requester, false);
        Optional<ReviewTask> task = openTask(id).filter(open -> claimedBy(open, staff));
        if (task.isEmpty()) {
            decisions.logWithoutPerson(
                    requester, Action.READ, Category.DEMOGRAPHICS, refusal("the task is not claimed by the reader"));
            return Optional.empty();
        }
        // Each record is decided about the person the index holds it under now; the two may be one person or two.
        Map<PersonId, List<AccessItem>> byPerson = new LinkedHashMap<>();
        for (AgencyRecordId record : List.of(task.get().first(), task.get().second())) {
            PersonId person = index.personOf(record).orElse(null);
            String reference =
                    index.current(record).map(AgencyRecordVersion::reference).orElse(null);
            if (person == null || reference == null) {
                decisions.logWithoutPerson(
                        requester, Action.READ, Category.DEMOGRAPHICS, refusal("a record of the task is not held"));
                return Optional.empty();
            }
            byPerson.computeIfAbsent(person, key -> new ArrayList<>())
                    .add(new AccessItem(reference, Category.DEMOGRAPHICS, Sensitivity.NORMAL, record.agency()));
        }
        AccessDecision refused = null;
        for (Map.Entry<PersonId, List<AccessItem>> entry : byPerson.entrySet()) {
            for (AccessDecision decided :
                    decisions.decideWithinTask(staff, Action.READ, entry.getKey(), entry.getValue())) {
                if (!decided.allowed() && refused == null) {
                    refused = decided;
                }
            }
        }
        if (refused != null) {
            throw new AccessRefused(refused);
        }
        return Optional.of(queue.evidence(id));
    }

    @Override
    public ReviewTask claim(Requester requester, ReviewTaskId id, Actor by) {
        sameReviewer(admitted(requester, true), by);
        return queue.claim(id, by);
    }

    @Override
    public void release(Requester requester, ReviewTaskId id, Actor by) {
        sameReviewer(admitted(requester, true), by);
        queue.release(id, by);
    }

    @Override
    public ManualDecision decide(Requester requester, ReviewTaskId id, Verdict verdict, String reason, Actor by) {
        sameReviewer(admitted(requester, true), by);
        return queue.decide(id, verdict, reason, by);
    }

    /**
     * Staff under administration whose roles may read demographics; anyone else is refused and the refusal logged. The
     * admission is logged without a person when asked, since the queue names records only by the index's own ids.
     */
    private Requester.Staff admitted(Requester requester, boolean logAdmission) {
        if (!(requester instanceof Requester.Staff staff) || staff.purpose() != Purpose.ADMINISTRATION) {
            AccessDecision refused =
                    refusal("the match review queue is worked by staff under the administration purpose");
            decisions.logWithoutPerson(requester, Action.READ, Category.DEMOGRAPHICS, refused);
            throw new AccessRefused(refused);
        }
        AccessDecision attempt = decisions.mayAttempt(requester, Action.READ, Category.DEMOGRAPHICS);
        if (!attempt.allowed() || logAdmission) {
            decisions.logWithoutPerson(requester, Action.READ, Category.DEMOGRAPHICS, attempt);
        }
        if (!attempt.allowed()) {
            throw new AccessRefused(attempt);
        }
        return staff;
    }

    /** The reviewer the index records must be the member of staff the decision admitted. */
    private static void sameReviewer(Requester.Staff staff, Actor by) {
        if (!"staff".equals(by.kind()) || !by.account().equals(staff.user().value())) {
            throw new PersonIndexRefused("the reviewer must be the member of staff working the queue");
        }
    }

    private Optional<ReviewTask> openTask(ReviewTaskId id) {
        return queue.task(id).filter(task -> task.status() == ReviewTask.Status.OPEN);
    }

    private static boolean claimedBy(ReviewTask task, Requester.Staff staff) {
        return task.claimedBy()
                .filter(("staff:" + staff.user().value())::equals)
                .isPresent();
    }

    private static AccessDecision refusal(String reason) {
        return new AccessDecision(
                false, List.of(ADMINISTRATION_ONLY), null, Set.of(), null, reason, "choose the administration purpose");
    }
}
