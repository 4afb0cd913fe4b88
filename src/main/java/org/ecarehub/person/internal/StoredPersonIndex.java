package org.ecarehub.person.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongToDoubleFunction;
import java.util.function.Supplier;
import org.ecarehub.person.Actor;
import org.ecarehub.person.AgencyRecord;
import org.ecarehub.person.AgencyRecordId;
import org.ecarehub.person.AgencyRecordLinked;
import org.ecarehub.person.AgencyRecordRecorded;
import org.ecarehub.person.AgencyRecordVersion;
import org.ecarehub.person.ChiNumber;
import org.ecarehub.person.Demographics;
import org.ecarehub.person.ManualDecision;
import org.ecarehub.person.ManualDecisionRecorded;
import org.ecarehub.person.MatchCandidate;
import org.ecarehub.person.MatchGrade;
import org.ecarehub.person.Merge;
import org.ecarehub.person.MergeId;
import org.ecarehub.person.Person;
import org.ecarehub.person.PersonCreated;
import org.ecarehub.person.PersonIndex;
import org.ecarehub.person.PersonIndexRefused;
import org.ecarehub.person.PersonMatch;
import org.ecarehub.person.PersonSearch;
import org.ecarehub.person.PersonsMerged;
import org.ecarehub.person.PersonsUnmerged;
import org.ecarehub.person.ReviewOpened;
import org.ecarehub.person.ReviewTaskId;
import org.ecarehub.person.Submission;
import org.ecarehub.person.Verdict;
import org.ecarehub.person.internal.AgencyRecords.Stored;
import org.ecarehub.person.internal.AgencyRecords.StoredVersion;
import org.ecarehub.person.matching.MatchIndex;
import org.ecarehub.person.matching.PersonRecord;
import org.ecarehub.shared.PersonId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The person index over the database and the in-memory match index. Every change runs in one transaction as the
 * index's one writer ({@link IndexedRecords#joinWrite()}); its log events are appended inside it, so a log that cannot
 * record them rolls the change back.
 *
 * <p>A record's events are logged under its own person, the one it is linked to itself, not the person a merge made it
 * part of: so that after an unmerge each person's history holds their own records' events only.
 */
@Service
class StoredPersonIndex implements PersonIndex {

    static final int MAX_REASON = 2000;

    /** The id the details of a match are scored under: an agency no partnership file can name. */
    private static final AgencyRecordId QUERY = AgencyRecordId.of("match-query", "details");

    private final Persons persons;
    private final AgencyRecords records;
    private final Links links;
    private final Decisions decisions;
    private final Merges merges;
    private final ReviewTasks tasks;
    private final IndexedRecords indexed;
    private final Journal journal;
    private final TransactionTemplate transactions;
    private final Linkage linkage;
    private final PersonCache cache;
    private final org.ecarehub.person.matching.Thresholds thresholds;

    StoredPersonIndex(
            Persons persons,
            AgencyRecords records,
            Links links,
            Decisions decisions,
            Merges merges,
            ReviewTasks tasks,
            IndexedRecords indexed,
            Journal journal,
            TransactionTemplate transactions,
            PersonIndexSettings settings,
            PersonCache cache) {
        this.cache = cache;
        this.persons = persons;
        this.records = records;
        this.links = links;
        this.decisions = decisions;
        this.merges = merges;
        this.tasks = tasks;
        this.indexed = indexed;
        this.journal = journal;
        this.transactions = transactions;
        this.linkage = new Linkage(settings.thresholds());
        this.thresholds = settings.thresholds();
    }

    @Override
    public Submission submit(AgencyRecord record, Actor actor) {
        return writing(() -> store(record, actor));
    }

    @Override
    public List<Submission> submitAll(List<AgencyRecord> submitted, Actor actor) {
        return writing(() -> journal.batched(() -> {
            List<Submission> done = new ArrayList<>(submitted.size());
            for (AgencyRecord record : submitted) {
                done.add(store(record, actor));
            }
            indexed.fitAfterCommit();
            return done;
        }));
    }

    /** Runs a change in a transaction (or the caller's) as the index's one writer; public, as the class is proxied. */
    public <T> T writing(Supplier<T> change) {
        return indexed.exclusively(() -> transactions.execute(status -> {
            indexed.joinWrite();
            return change.get();
        }));
    }

    /** Stores and links one record; the caller has joined the write. */
    Submission store(AgencyRecord record, Actor actor) {
        Optional<Stored> existing = records.find(record.id());
        if (existing.isEmpty()) {
            return storeNew(record, actor);
        }
        Stored stored = existing.get();
        StoredVersion current = records.current(List.of(stored.id())).get(0);
        if (current.version().demographics().equals(record.demographics())) {
            return new Submission(
                    record.id(), persons.effective(stored.person()), Submission.Outcome.UNCHANGED, 0, false, List.of());
        }
        return storeChange(stored, record, actor);
    }

    private Submission storeNew(AgencyRecord record, Actor actor) {
        Instant now = journal.now();
        PersonRecord matching = MatchingRecords.of(record.id(), record.demographics());
        Linkage.Plan plan = linkage.plan(
                -1,
                record.demographics().chi(),
                indexed.match(matching, -1),
                Set.of(),
                Set.of(),
                new StoredFacts(),
                scorer(matching));
        PersonId person;
        AgencyRecordLinked.Reason reason;
        double probability;
        if (plan.target().isPresent()) {
            person = plan.target().get().person();
            reason = AgencyRecordLinked.Reason.MATCHED;
            probability = plan.target().get().probability();
        } else {
            person = PersonId.random();
            persons.create(person, now, actor.reference());
            reason = AgencyRecordLinked.Reason.NEW_PERSON;
            probability = 0;
        }
        long id = records.insert(record.id(), person, now);
        long versionId = records.insertVersion(id, 1, record.demographics(), now, actor);
        links.open(id, person, reason, probability, now, actor.reference());
        indexed.put(id, matching, versionId);
        if (plan.target().isEmpty()) {
            journal.log(actor, "create-person", person, List.of(Journal.record(id)), List.of());
            journal.publish(new PersonCreated(person));
        }
        journal.log(actor, "record", person, List.of(Journal.version(id, 1)), List.of());
        journal.publish(new AgencyRecordRecorded(record.id(), person, 1));
        journal.log(actor, "link", person, List.of(Journal.record(id)), List.of(rule(reason)));
        journal.publish(new AgencyRecordLinked(record.id(), person, null, reason, probability));
        List<Long> opened = openReviews(id, record.id(), person, plan.reviews(), actor, now);
        Submission.Outcome outcome = plan.target().isPresent()
                ? Submission.Outcome.LINKED
                : opened.isEmpty() ? Submission.Outcome.NEW_PERSON : Submission.Outcome.REVIEW;
        return new Submission(
                record.id(),
                person,
                outcome,
                outcome == Submission.Outcome.REVIEW ? strongest(plan.reviews()) : probability,
                plan.target().isEmpty(),
                opened.stream().map(ReviewTaskId::new).toList());
    }

    /**
     * A changed record stays with its person while it still agrees with every other record of them, or a person
     * linked it there (a decision that it is the same as another record, or a merge in force). Otherwise it is
     * matched like a new record, never against records a person said are someone else: it moves to the person it
     * matches, or, when it no longer agrees with its own person, leaves them for a new person.
     */
    private Submission storeChange(Stored stored, AgencyRecord record, Actor actor) {
        Instant now = journal.now();
        int version = stored.currentVersion() + 1;
        PersonRecord matching = MatchingRecords.of(record.id(), record.demographics());
        long versionId = records.insertVersion(stored.id(), version, record.demographics(), now, actor);
        indexed.put(stored.id(), matching, versionId);
        PersonId own = stored.person();
        journal.log(actor, "record", own, List.of(Journal.version(stored.id(), version)), List.of());
        PersonId effective = persons.effective(own);
        journal.publish(new AgencyRecordRecorded(record.id(), effective, version));
        if (linkedByAPerson(stored)) {
            return new Submission(record.id(), effective, Submission.Outcome.KEPT, 0, false, List.of());
        }
        StoredFacts facts = new StoredFacts();
        LongToDoubleFunction score = scorer(matching);
        ChiNumber chi = record.demographics().chi();
        Set<Long> others = new HashSet<>(facts.recordsOf(effective));
        others.remove(stored.id());
        if (!others.isEmpty()
                && linkage.disagreement(stored.id(), chi, others, facts, score).isEmpty()) {
            return new Submission(record.id(), effective, Submission.Outcome.KEPT, 0, false, List.of());
        }
        Linkage.Plan plan = linkage.plan(
                stored.id(),
                chi,
                indexed.match(matching, stored.id()),
                keptApartFrom(stored),
                others.isEmpty() ? Set.of() : Set.of(effective),
                facts,
                score);
        PersonId person = own;
        Submission.Outcome outcome;
        double probability = 0;
        boolean newPerson = false;
        if (plan.target().isPresent()) {
            person = plan.target().get().person();
            probability = plan.target().get().probability();
            relink(stored, person, AgencyRecordLinked.Reason.MATCHED, probability, actor, now);
            outcome = Submission.Outcome.LINKED;
        } else if (!others.isEmpty()) {
            person = newPerson(stored.id(), actor, now);
            newPerson = true;
            relink(stored, person, AgencyRecordLinked.Reason.SPLIT, 0, actor, now);
            outcome = Submission.Outcome.NEW_PERSON;
        } else {
            outcome = Submission.Outcome.KEPT;
        }
        List<Long> opened = openReviews(stored.id(), record.id(), person, plan.reviews(), actor, now);
        if (plan.target().isEmpty() && !opened.isEmpty()) {
            outcome = Submission.Outcome.REVIEW;
            probability = strongest(plan.reviews());
        }
        return new Submission(
                record.id(),
                person,
                outcome,
                probability,
                newPerson,
                opened.stream().map(ReviewTaskId::new).toList());
    }

    /** Whether a person linked the record where it is: decided it the same as another record, or merged its person. */
    private boolean linkedByAPerson(Stored stored) {
        return decisions.inForceAbout(stored.id()).stream().anyMatch(Decisions.Stored::samePerson)
                || merges.inForceInvolving(stored.person());
    }

    /**
     * Records the algorithm must never put with this one: those a person decided are not the same person, and those
     * of a person an unmerge separated from the record's own person.
     */
    private Set<Long> keptApartFrom(Stored stored) {
        Set<Long> apart = new HashSet<>();
        decisions.inForceAbout(stored.id()).stream()
                .filter(decision -> !decision.samePerson())
                .forEach(decision -> apart.add(decision.other(stored.id())));
        Set<PersonId> unmerged = new HashSet<>();
        for (Merge merge : merges.involving(stored.person())) {
            if (!merge.inForce()) {
                unmerged.add(merge.survivor().equals(stored.person()) ? merge.merged() : merge.survivor());
            }
        }
        if (!unmerged.isEmpty()) {
            records.ofPersons(unmerged).forEach(record -> apart.add(record.id()));
        }
        return apart;
    }

    private PersonId newPerson(long record, Actor actor, Instant now) {
        PersonId person = PersonId.random();
        persons.create(person, now, actor.reference());
        journal.log(actor, "create-person", person, List.of(Journal.record(record)), List.of());
        journal.publish(new PersonCreated(person));
        return person;
    }

    /** Moves a record's own link to another person, logged under both. */
    private void relink(
            Stored stored,
            PersonId person,
            AgencyRecordLinked.Reason reason,
            double probability,
            Actor actor,
            Instant now) {
        links.end(stored.id(), now, actor.reference());
        links.open(stored.id(), person, reason, probability, now, actor.reference());
        records.setPerson(stored.id(), person);
        journal.log(actor, "unlink", stored.person(), List.of(Journal.record(stored.id())), List.of(rule(reason)));
        journal.log(actor, "link", person, List.of(Journal.record(stored.id())), List.of(rule(reason)));
        journal.publish(new AgencyRecordLinked(stored.recordId(), person, stored.person(), reason, probability));
    }

    private List<Long> openReviews(
            long record,
            AgencyRecordId recordId,
            PersonId person,
            List<Linkage.Review> reviews,
            Actor actor,
            Instant now) {
        List<Long> opened = new ArrayList<>();
        for (Linkage.Review review : reviews) {
            if (tasks.openAbout(record, review.candidate())
                    || decisions.inForce(record, review.candidate()).isPresent()) {
                continue;
            }
            long task = tasks.open(record, review.candidate(), review.probability(), review.reason(), now);
            journal.log(
                    actor,
                    "open-review",
                    person,
                    List.of(Journal.record(record), "review-" + task),
                    List.of(review.reason().name().toLowerCase(Locale.ROOT)));
            AgencyRecordId candidate =
                    records.find(review.candidate()).orElseThrow().recordId();
            journal.publish(new ReviewOpened(new ReviewTaskId(task), recordId, candidate, review.probability()));
            opened.add(task);
        }
        return opened;
    }

    private static double strongest(List<Linkage.Review> reviews) {
        return reviews.stream().mapToDouble(Linkage.Review::probability).max().orElse(0);
    }

    private static String rule(AgencyRecordLinked.Reason reason) {
        return reason.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private LongToDoubleFunction scorer(PersonRecord matching) {
        return other -> indexed.compare(matching, other)
                .map(candidate -> candidate.probability())
                .orElse(0.0);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<PersonId> personOf(AgencyRecordId record) {
        return records.find(record).map(stored -> persons.effective(stored.person()));
    }

    @Override
    public Optional<Person> person(PersonId person) {
        // Read on every decision about a person: from memory, unless this thread is changing the index.
        return indexed.writingHere() ? load(person).person() : cache.person(person, this::load);
    }

    /**
     * The person from the tables: the common case (no merge either way) costs one query for the person's standing and
     * one for their records' current versions, and may be kept, as it depends on no other person.
     */
    private PersonCache.Loaded load(PersonId person) {
        Optional<Persons.Standing> standing = persons.standing(person);
        if (standing.isEmpty()) {
            return new PersonCache.Loaded(Optional.empty(), false);
        }
        PersonId effective = standing.get().mergedInto() == null ? person : persons.effective(person);
        Set<PersonId> closure = standing.get().alone() ? Set.of(person) : persons.closure(effective);
        List<AgencyRecordVersion> versions = records.currentOfPersons(closure).stream()
                .map(StoredVersion::version)
                .toList();
        List<PersonId> merged =
                closure.stream().filter(id -> !id.equals(effective)).toList();
        return new PersonCache.Loaded(
                Optional.of(new Person(effective, versions, merged)),
                standing.get().alone());
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<PersonId> personNow(PersonId person) {
        return persons.now(person);
    }

    @Override
    @Transactional(readOnly = true)
    public List<PersonMatch> find(PersonSearch search, int limit) {
        if (search.isEmpty()) {
            throw new IllegalArgumentException("a search for a person needs at least one detail");
        }
        // A person merged into another is found as the person they are part of now; several records of one person
        // may match, so ask for more than the limit before joining them.
        Map<PersonId, Set<AgencyRecordId>> found = new LinkedHashMap<>();
        for (AgencyRecords.Matched matched : records.matching(search, limit * 4 + 1)) {
            PersonId person = persons.effective(matched.ownPerson());
            if (found.containsKey(person) || found.size() < limit) {
                found.computeIfAbsent(person, p -> new LinkedHashSet<>()).add(matched.record());
            }
        }
        return found.entrySet().stream()
                .map(entry -> new PersonMatch(entry.getKey(), entry.getValue()))
                .toList();
    }

    @Override
    @Transactional(readOnly = true)
    public List<MatchCandidate> candidates(Demographics details, int limit) {
        if (details.givenName() == null
                && details.familyName() == null
                && details.dateOfBirth() == null
                && details.chi() == null
                && details.addresses().isEmpty()
                && details.phone() == null) {
            throw new IllegalArgumentException(
                    "a match needs at least a name, a date of birth, a CHI number, an" + " address or a phone number");
        }
        // The details are nobody's record: scored as a record of no agency that the index never holds.
        PersonRecord matching = MatchingRecords.of(QUERY, details);
        List<MatchCandidate> found = new ArrayList<>();
        for (MatchIndex.Candidate candidate : indexed.match(matching, -1)) {
            if (found.size() >= limit || candidate.probability() < MIN_CANDIDATE) {
                break;
            }
            Optional<Stored> stored = records.find(candidate.recordId());
            if (stored.isPresent()) {
                found.add(new MatchCandidate(
                        persons.effective(stored.get().person()),
                        stored.get().recordId(),
                        candidate.probability(),
                        grade(candidate.probability())));
            }
        }
        return found;
    }

    private MatchGrade grade(double probability) {
        if (probability >= thresholds.match()) {
            return MatchGrade.CERTAIN;
        }
        return probability >= thresholds.review() ? MatchGrade.PROBABLE : MatchGrade.POSSIBLE;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<AgencyRecordVersion> current(AgencyRecordId record) {
        return records.current(record).map(StoredVersion::version);
    }

    @Override
    @Transactional(readOnly = true)
    public List<AgencyRecordVersion> versions(AgencyRecordId record) {
        return records.versionsOf(record).stream().map(StoredVersion::version).toList();
    }

    @Override
    public ManualDecision decide(
            AgencyRecordId first, AgencyRecordId second, Verdict verdict, String reason, Actor actor) {
        return writing(() -> decide(first, second, verdict, reason, actor, null));
    }

    /** Records a decision, from the review queue when {@code reviewTask} is given; the caller has joined the write. */
    public ManualDecision decide(
            AgencyRecordId first, AgencyRecordId second, Verdict verdict, String reason, Actor actor, Long reviewTask) {
        String why = requireReason(reason);
        Stored a =
                records.find(first).orElseThrow(() -> new PersonIndexRefused("the first record is not in the index"));
        Stored b =
                records.find(second).orElseThrow(() -> new PersonIndexRefused("the second record is not in the index"));
        if (a.id() == b.id()) {
            throw new PersonIndexRefused("a record is always the same person as itself");
        }
        PersonId personOfA = persons.effective(a.person());
        PersonId personOfB = persons.effective(b.person());
        Instant now = journal.now();
        boolean same = verdict == Verdict.SAME_PERSON;
        if (!same && personOfA.equals(personOfB)) {
            if (!a.person().equals(b.person())) {
                throw new PersonIndexRefused(
                        "the two records are one person through a merge; undo the merge instead of deciding");
            }
            boolean tiedToAnother = decisions.inForceAbout(a.id()).stream()
                    .filter(Decisions.Stored::samePerson)
                    .map(decision -> decision.other(a.id()))
                    .filter(other -> other != b.id())
                    .anyMatch(other -> records.find(other)
                            .map(record -> record.person().equals(a.person()))
                            .orElse(false));
            if (tiedToAnother) {
                throw new PersonIndexRefused("a person decided that the first record is the same person as another"
                        + " record of its person; decide about that pair first");
            }
        }
        long decision = decisions.insert(a.id(), b.id(), same, why, now, actor, reviewTask);
        // Each person's history names their own records only; the decision's number leads to the other.
        String action = same ? "decide-same" : "decide-different";
        String item = "decision-" + decision;
        if (a.person().equals(b.person())) {
            journal.log(
                    actor,
                    action,
                    a.person(),
                    List.of(Journal.record(a.id()), Journal.record(b.id()), item),
                    List.of("manual-decision"));
        } else {
            journal.log(actor, action, a.person(), List.of(Journal.record(a.id()), item), List.of("manual-decision"));
            journal.log(actor, action, b.person(), List.of(Journal.record(b.id()), item), List.of("manual-decision"));
        }
        if (same && !personOfA.equals(personOfB)) {
            merge(personOfB, personOfA, why, actor, now);
        } else if (!same && personOfA.equals(personOfB)) {
            PersonId person = newPerson(a.id(), actor, now);
            relink(a, person, AgencyRecordLinked.Reason.DECIDED, 0, actor, now);
        }
        tasks.decide(a.id(), b.id(), decision, now);
        journal.publish(new ManualDecisionRecorded(first, second, verdict, actor.reference()));
        return new ManualDecision(first, second, verdict, why, now, actor.reference());
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ManualDecision> decisionAbout(AgencyRecordId first, AgencyRecordId second) {
        Optional<Stored> a = records.find(first);
        Optional<Stored> b = records.find(second);
        if (a.isEmpty() || b.isEmpty()) {
            return Optional.empty();
        }
        return decisions
                .inForce(a.get().id(), b.get().id())
                .map(decision -> new ManualDecision(
                        first,
                        second,
                        decision.samePerson() ? Verdict.SAME_PERSON : Verdict.NOT_THE_SAME_PERSON,
                        decision.reason(),
                        decision.at(),
                        decision.by()));
    }

    @Override
    public MergeId merge(PersonId survivor, PersonId merged, String reason, Actor actor) {
        String why = requireReason(reason);
        return writing(() -> mergeInOwnRight(survivor, merged, why, actor));
    }

    private MergeId mergeInOwnRight(PersonId survivor, PersonId merged, String why, Actor actor) {
        if (!persons.exists(survivor) || !persons.exists(merged)) {
            throw new PersonIndexRefused("no such person");
        }
        if (survivor.equals(merged)) {
            throw new PersonIndexRefused("a person cannot be merged into themselves");
        }
        if (persons.mergedInto(survivor).isPresent()
                || persons.mergedInto(merged).isPresent()) {
            throw new PersonIndexRefused(
                    "only persons in their own right merge: one of the two is merged into another person now");
        }
        return merge(survivor, merged, why, actor, journal.now());
    }

    /**
     * Joins one person into another. A person merging them says their records are one person, so a decision in force
     * that a record of one is not the same as a record of the other is superseded, on the record, by this merge.
     */
    private MergeId merge(PersonId survivor, PersonId merged, String reason, Actor actor, Instant now) {
        Set<Long> survivorRecords = recordIds(persons.closure(survivor));
        Set<Long> mergedRecords = recordIds(persons.closure(merged));
        MergeId merge = merges.insert(survivor, merged, reason, now, actor.reference());
        for (Decisions.Stored decision : decisions.inForceBetween(mergedRecords, survivorRecords)) {
            if (!decision.samePerson()) {
                decisions.insert(
                        decision.first(),
                        decision.second(),
                        true,
                        "superseded by merge " + merge.value(),
                        now,
                        actor,
                        null);
            }
        }
        persons.setMergedInto(merged, survivor);
        List<String> items = List.of("merge-" + merge.value());
        journal.log(actor, "merge", survivor, items, List.of("survivor"));
        journal.log(actor, "merge", merged, items, List.of("merged"));
        journal.publish(new PersonsMerged(merge, survivor, merged));
        return merge;
    }

    @Override
    public void unmerge(MergeId id, String reason, Actor actor) {
        String why = requireReason(reason);
        writing(() -> {
            unmerge(id, why, actor, journal.now());
            return null;
        });
    }

    private void unmerge(MergeId id, String why, Actor actor, Instant now) {
        Merge merge = merges.find(id).orElseThrow(() -> new PersonIndexRefused("no such merge"));
        if (!merge.inForce()) {
            throw new PersonIndexRefused("the merge was undone already");
        }
        persons.setMergedInto(merge.merged(), null);
        merges.markUnmerged(id, now, actor.reference(), why);
        Set<Long> restored = recordIds(persons.closure(merge.merged()));
        Set<Long> rest = recordIds(persons.closure(persons.effective(merge.survivor())));
        for (Decisions.Stored decision : decisions.inForceBetween(restored, rest)) {
            if (decision.samePerson()) {
                decisions.insert(
                        decision.first(),
                        decision.second(),
                        false,
                        "superseded by unmerge " + id.value(),
                        now,
                        actor,
                        null);
            }
        }
        List<String> items = List.of("merge-" + id.value());
        journal.log(actor, "unmerge", merge.survivor(), items, List.of("survivor"));
        journal.log(actor, "unmerge", merge.merged(), items, List.of("restored"));
        journal.publish(new PersonsUnmerged(id, merge.survivor(), merge.merged()));
    }

    @Override
    @Transactional(readOnly = true)
    public List<Merge> merges(PersonId person) {
        return merges.involving(person);
    }

    @Override
    @Transactional(readOnly = true)
    public Set<PersonId> personIdsInHistory(PersonId person) {
        if (!persons.exists(person)) {
            return Set.of();
        }
        return Set.copyOf(persons.closure(persons.effective(person)));
    }

    private Set<Long> recordIds(Set<PersonId> owners) {
        Set<Long> ids = new LinkedHashSet<>();
        records.ofPersons(owners).forEach(record -> ids.add(record.id()));
        return ids;
    }

    static String requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new PersonIndexRefused("a reason is needed");
        }
        String stripped = reason.strip();
        if (stripped.length() > MAX_REASON) {
            throw new PersonIndexRefused("a reason has at most " + MAX_REASON + " characters");
        }
        return stripped;
    }

    /** The index's facts from the database, remembered for one change. */
    private final class StoredFacts implements Linkage.Facts {
        private final Map<Long, PersonId> personOfRecord = new HashMap<>();
        private final Map<PersonId, Set<Long>> recordsOfPerson = new HashMap<>();

        @Override
        public PersonId personOf(long record) {
            return personOfRecord.computeIfAbsent(
                    record,
                    id -> persons.effective(records.find(id).orElseThrow().person()));
        }

        @Override
        public Set<Long> recordsOf(PersonId person) {
            return recordsOfPerson.computeIfAbsent(person, id -> recordIds(persons.closure(id)));
        }

        @Override
        public Optional<String> validChi(long record) {
            return indexed.record(record)
                    .map(PersonRecord::chi)
                    .map(ChiNumber::of)
                    .filter(ChiNumber::valid)
                    .map(ChiNumber::text);
        }
    }
}
