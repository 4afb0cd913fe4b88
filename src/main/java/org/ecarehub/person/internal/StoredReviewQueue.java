package org.ecarehub.person.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ecarehub.person.Actor;
import org.ecarehub.person.AgencyRecordId;
import org.ecarehub.person.AgencyRecordVersion;
import org.ecarehub.person.Demographics;
import org.ecarehub.person.Evidence;
import org.ecarehub.person.ManualDecision;
import org.ecarehub.person.Page;
import org.ecarehub.person.PersonIndexRefused;
import org.ecarehub.person.ReviewQueue;
import org.ecarehub.person.ReviewTask;
import org.ecarehub.person.ReviewTaskId;
import org.ecarehub.person.Verdict;
import org.ecarehub.person.internal.AgencyRecords.Stored;
import org.ecarehub.person.internal.AgencyRecords.StoredVersion;
import org.ecarehub.person.matching.Field;
import org.ecarehub.person.matching.MatchExplanation;
import org.ecarehub.person.matching.MatchIndex;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The review queue over its table; a decision goes through the index as a manual decision. */
@Service
class StoredReviewQueue implements ReviewQueue {

    static final int MAX_PAGE = 200;

    private final ReviewTasks tasks;
    private final AgencyRecords records;
    private final IndexedRecords indexed;
    private final StoredPersonIndex index;
    private final Clock clock;
    private final PersonIndexSettings settings;

    StoredReviewQueue(
            ReviewTasks tasks,
            AgencyRecords records,
            IndexedRecords indexed,
            StoredPersonIndex index,
            Clock clock,
            PersonIndexSettings settings) {
        this.tasks = tasks;
        this.records = records;
        this.indexed = indexed;
        this.index = index;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    @Transactional(readOnly = true)
    public Page<ReviewTask> open(int page, int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE) {
            throw new IllegalArgumentException("a page is numbered from 0 and holds 1 to " + MAX_PAGE + " tasks");
        }
        List<ReviewTasks.Stored> stored = tasks.open(page * size, size);
        List<Long> ids = new ArrayList<>();
        stored.forEach(task -> {
            ids.add(task.first());
            ids.add(task.second());
        });
        Map<Long, AgencyRecordId> recordIds =
                records.find(ids).stream().collect(Collectors.toMap(Stored::id, Stored::recordId));
        List<ReviewTask> items =
                stored.stream().map(task -> task(task, recordIds::get)).toList();
        return new Page<>(items, page, size, tasks.countOpen());
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ReviewTask> task(ReviewTaskId id) {
        return tasks.find(id.value()).map(this::task);
    }

    @Override
    @Transactional
    public ReviewTask claim(ReviewTaskId id, Actor reviewer) {
        ReviewTasks.Stored task = open(id);
        Instant now = clock.instant();
        if (!tasks.claim(id.value(), reviewer.reference(), now, now.minus(settings.claimLifetime()))) {
            throw new ClaimedByAnother(claimant(tasks.find(id.value()).orElse(task)));
        }
        return task(tasks.find(id.value()).orElseThrow());
    }

    @Override
    @Transactional
    public void release(ReviewTaskId id, Actor reviewer) {
        tasks.release(id.value(), reviewer.reference());
    }

    @Override
    @Transactional(readOnly = true)
    public Evidence evidence(ReviewTaskId id) {
        ReviewTasks.Stored task =
                tasks.find(id.value()).orElseThrow(() -> new PersonIndexRefused("no such review task"));
        Map<Long, StoredVersion> versions = records.current(List.of(task.first(), task.second())).stream()
                .collect(Collectors.toMap(StoredVersion::recordId, Function.identity()));
        AgencyRecordVersion first = versions.get(task.first()).version();
        AgencyRecordVersion second = versions.get(task.second()).version();
        MatchIndex.Candidate scored = indexed.compare(
                        MatchingRecords.of(first.record(), first.demographics()), task.second())
                .orElseThrow(() -> new IllegalStateException("a record of a review task is not in the match index"));
        MatchExplanation explanation = scored.explanation();
        List<Evidence.FieldEvidence> fields = new ArrayList<>();
        for (RecordField field : RecordField.values()) {
            MatchExplanation.FieldLevel level = explanation.field(field.comparedAs);
            MatchExplanation.FactorWeight factor = explanation.factors().stream()
                    .filter(weight -> weight.factor().fields().contains(field.comparedAs))
                    .findFirst()
                    .orElseThrow();
            fields.add(new Evidence.FieldEvidence(
                    field.column,
                    field.value(first.demographics()),
                    field.value(second.demographics()),
                    field.comparedAs,
                    level.agreement(),
                    factor.factor(),
                    factor.agreement(),
                    factor.weight()));
        }
        return new Evidence(
                task(task),
                first,
                second,
                scored.probability(),
                explanation.priorWeight(),
                explanation.nameFrequencyWeight(),
                fields);
    }

    @Override
    public ManualDecision decide(ReviewTaskId id, Verdict verdict, String reason, Actor reviewer) {
        return index.writing(() -> decideClaimed(id, verdict, reason, reviewer));
    }

    private ManualDecision decideClaimed(ReviewTaskId id, Verdict verdict, String reason, Actor reviewer) {
        ReviewTasks.Stored task = open(id);
        Instant now = clock.instant();
        boolean holdsClaim = reviewer.reference().equals(task.claimedBy())
                && task.claimedAt() != null
                && !task.claimedAt().isBefore(now.minus(settings.claimLifetime()));
        if (!holdsClaim) {
            throw new PersonIndexRefused("claim the task before deciding it");
        }
        Map<Long, AgencyRecordId> recordIds = records.find(List.of(task.first(), task.second())).stream()
                .collect(Collectors.toMap(Stored::id, Stored::recordId));
        return index.decide(
                recordIds.get(task.first()), recordIds.get(task.second()), verdict, reason, reviewer, task.id());
    }

    private ReviewTasks.Stored open(ReviewTaskId id) {
        ReviewTasks.Stored task =
                tasks.find(id.value()).orElseThrow(() -> new PersonIndexRefused("no such review task"));
        if (task.status() != ReviewTask.Status.OPEN) {
            throw new PersonIndexRefused("the task is decided already");
        }
        return task;
    }

    private static String claimant(ReviewTasks.Stored task) {
        String claimedBy = task.claimedBy() == null ? "another reviewer" : task.claimedBy();
        return claimedBy.startsWith("staff:") ? claimedBy.substring("staff:".length()) : claimedBy;
    }

    private ReviewTask task(ReviewTasks.Stored task) {
        Map<Long, AgencyRecordId> recordIds = records.find(List.of(task.first(), task.second())).stream()
                .collect(Collectors.toMap(Stored::id, Stored::recordId));
        return task(task, recordIds::get);
    }

    private ReviewTask task(ReviewTasks.Stored task, Function<Long, AgencyRecordId> recordIds) {
        boolean claimed = task.claimedBy() != null
                && task.claimedAt() != null
                && !task.claimedAt().isBefore(clock.instant().minus(settings.claimLifetime()));
        return new ReviewTask(
                new ReviewTaskId(task.id()),
                recordIds.apply(task.first()),
                recordIds.apply(task.second()),
                task.probability(),
                task.reason(),
                task.openedAt(),
                task.status(),
                claimed ? Optional.of(task.claimedBy()) : Optional.empty(),
                claimed ? Optional.of(task.claimedAt()) : Optional.empty());
    }

    /** Every field of a record, in the order a person file names them, with the model's field it is compared as. */
    private enum RecordField {
        CHI("chi", Field.CHI),
        GIVEN_NAME("given_name", Field.GIVEN_NAME),
        OTHER_GIVEN_NAMES("other_given_names", Field.GIVEN_NAME),
        FAMILY_NAME("family_name", Field.FAMILY_NAME),
        PREVIOUS_FAMILY_NAMES("previous_family_names", Field.FAMILY_NAME),
        DATE_OF_BIRTH("date_of_birth", Field.DATE_OF_BIRTH),
        SEX("sex", Field.SEX),
        ADDRESS("address", Field.RESIDENCE),
        POSTCODE("postcode", Field.RESIDENCE),
        PHONE("phone", Field.PHONE);

        private final String column;
        private final Field comparedAs;

        RecordField(String column, Field comparedAs) {
            this.column = column;
            this.comparedAs = comparedAs;
        }

        String value(Demographics demographics) {
            return switch (this) {
                case CHI ->
                    demographics.chi() == null
                            ? null
                            : demographics.chi().text() + " ("
                                    + demographics
                                            .chi()
                                            .validity()
                                            .name()
                                            .toLowerCase(Locale.ROOT)
                                            .replace('_', ' ')
                                    + ")";
                case GIVEN_NAME -> demographics.givenName();
                case OTHER_GIVEN_NAMES -> demographics.otherGivenNames();
                case FAMILY_NAME -> demographics.familyName();
                case PREVIOUS_FAMILY_NAMES ->
                    demographics.previousFamilyNames().isEmpty()
                            ? null
                            : String.join("; ", demographics.previousFamilyNames());
                case DATE_OF_BIRTH ->
                    demographics.dateOfBirth() == null
                            ? null
                            : demographics.dateOfBirth().toString();
                case SEX ->
                    demographics.sex() == null ? null : demographics.sex().code();
                case ADDRESS ->
                    demographics.currentAddress().map(address -> address.text()).orElse(null);
                case POSTCODE ->
                    demographics
                            .currentAddress()
                            .map(address -> address.postcode())
                            .orElse(null);
                case PHONE -> demographics.phone();
            };
        }
    }
}
