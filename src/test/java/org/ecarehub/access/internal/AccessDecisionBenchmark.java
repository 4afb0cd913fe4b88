package org.ecarehub.access.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.ecarehub.access.AccessDecision;
import org.ecarehub.access.AccessItem;
import org.ecarehub.access.Holder;
import org.ecarehub.access.RelationshipDraft;
import org.ecarehub.access.RelationshipKind;
import org.ecarehub.access.Relationships;
import org.ecarehub.access.Requester;
import org.ecarehub.access.Sensitivity;
import org.ecarehub.consent.ConsentDraft;
import org.ecarehub.consent.ConsentEvidence;
import org.ecarehub.consent.ConsentState;
import org.ecarehub.consent.Consents;
import org.ecarehub.consent.Recipient;
import org.ecarehub.partnership.Action;
import org.ecarehub.partnership.AgencyType;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.PartnershipSnapshot;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.partnership.StaffAccount;
import org.ecarehub.person.Actor;
import org.ecarehub.person.Address;
import org.ecarehub.person.AgencyRecord;
import org.ecarehub.person.AgencyRecordId;
import org.ecarehub.person.ChiNumber;
import org.ecarehub.person.Demographics;
import org.ecarehub.person.PersonIndex;
import org.ecarehub.person.Sex;
import org.ecarehub.person.population.SyntheticPerson;
import org.ecarehub.person.population.SyntheticPopulation;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The benchmark: one access decision in-process with warm caches, excluding the log append, on a partnership
 * of 20 agencies, 2,000 staff and 100,000 people with relationships and some consents. Run by {@code bench/access.sh}.
 *
 * <p>The hub is real (H2 in {@code target/bench/access-hub}, kept between runs: seeding 100,000 people takes minutes),
 * the partnership file is {@link BenchmarkPartnership}'s, and people, relationships and consents are made through the
 * modules' facades. Each decision is a staff member, a person and an item drawn at random beforehand: half the time a
 * person the staff member or their team is involved with, so that every rule, consent included, is reached.
 *
 * <p>{@link #warm} is the figure; for comparison, {@link #cold} is the same decision with the person's facts dropped
 * from both caches just before it (read from the database), and {@link #logged} is {@code decide}, which appends the
 * decision to the transparency log and waits for its commit.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 4, time = 5)
@Measurement(iterations = 5, time = 10)
public class AccessDecisionBenchmark {

    /** As many drawn requests as fit a cache line or two of memory each; cycled through in order. */
    private static final int REQUESTS = 1 << 16;

    private static final long SEED = 5;

    private static final int THREADS = 32;

    @Param("100000")
    int people;

    @Param("100")
    int staffPerAgency;

    RunningHub hub;
    DecisionPoint point;
    Request[] requests;
    int next;

    /** One decision to take: who asks, about whom, for which item. */
    record Request(Requester requester, PersonId person, List<AccessItem> items) {}

    @Setup(Level.Trial)
    public void startHub(BenchmarkParams params) throws Exception {
        Path dataDir = Path.of(System.getProperty("ecare.bench.dir", "target/bench/access-hub"))
                .resolve(people + "-" + staffPerAgency);
        Path seeded = dataDir.resolve("seeded");
        if (Files.isDirectory(dataDir) && !Files.exists(seeded)) {
            deleteTree(dataDir); // a seeding that did not finish
        }
        Files.createDirectories(dataDir);
        TestDatabase database = new TestDatabase(
                "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("ecare")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                "sa",
                "");
        hub = RunningHub.start(
                "serve",
                dataDir,
                database,
                Map.of(
                        "logging.level.root",
                        "WARN",
                        // Seeding's threads each hold a connection while their log event commits.
                        "spring.datasource.hikari.maximum-pool-size",
                        THREADS + 8));
        try {
            prepare(dataDir, seeded, !params.getBenchmark().endsWith(".cold"));
        } catch (Exception | Error e) {
            hub.close();
            throw e;
        }
    }

    private void prepare(Path dataDir, Path seeded, boolean warmEveryone) throws Exception {
        Plan plan = new Plan(people, staffPerAgency);
        List<PersonId> ids;
        if (Files.exists(seeded)) {
            ids = plan.personIds(hub.bean(PersonIndex.class));
        } else {
            long start = System.nanoTime();
            ids = plan.seed(hub);
            Files.writeString(seeded, "seeded in " + (System.nanoTime() - start) / 1_000_000_000 + " s\n");
        }
        System.err.println("access benchmark: " + Files.readString(seeded).strip());
        point = hub.bean(DecisionPoint.class);
        requests = plan.requests(point.snapshot().partnership(), ids);
        if (warmEveryone) {
            // Every person in both caches, as on a node that has served the whole population since its start.
            AccessCache access = hub.bean(AccessCache.class);
            Consents consents = hub.bean(Consents.class);
            LocalDate today = LocalDate.now(DecisionPoint.PARTNERSHIP_ZONE);
            for (PersonId id : ids) {
                access.of(id);
                consents.latest(
                        id,
                        Purpose.DIRECT_CARE,
                        AgencyId.of("agency-00"),
                        AgencyType.HEALTH_BOARD,
                        Category.ALERTS,
                        today);
            }
        }
        // Warm both caches with every person a request names, then take every decision once.
        long allowed = 0;
        for (Request request : requests) {
            allowed +=
                    evaluate(request).stream().filter(AccessDecision::allowed).count();
        }
        System.err.printf(
                "access benchmark: %d requests, %.1f%% allowed, %d people in the access cache%n",
                requests.length,
                100.0 * allowed / requests.length,
                hub.bean(AccessCache.class).size());
    }

    @TearDown(Level.Trial)
    public void stopHub() {
        hub.close();
    }

    /** The figure: one decision with warm caches, as {@code decide} takes it before it logs. */
    @Benchmark
    public List<AccessDecision> warm() {
        return evaluate(nextRequest());
    }

    /** Comparison: the same decision with the person's relationships, grants, reviews and consents read anew. */
    @Benchmark
    public List<AccessDecision> cold(ColdCaches cold) {
        return evaluate(cold.request);
    }

    /** Comparison: the whole {@code decide}, the log append and its commit included. */
    @Benchmark
    public List<AccessDecision> logged() {
        Request request = nextRequest();
        return point.decide(request.requester(), Action.READ, request.person(), request.items());
    }

    private List<AccessDecision> evaluate(Request request) {
        PartnershipSnapshot snapshot = point.snapshot();
        return point.evaluate(
                snapshot.partnership(),
                request.requester(),
                Action.READ,
                request.person(),
                request.items(),
                point.now());
    }

    Request nextRequest() {
        Request request = requests[next];
        next = (next + 1) & (REQUESTS - 1);
        return request;
    }

    /** Drops the next request's person from the access and consent caches before each call, outside the timing. */
    @State(Scope.Benchmark)
    public static class ColdCaches {

        Request request;
        private AccessCache access;
        private Object consent;
        private Method evict;

        @Setup(Level.Trial)
        public void find(AccessDecisionBenchmark benchmark) throws ReflectiveOperationException {
            access = benchmark.hub.bean(AccessCache.class);
            // The consent cache is the consent module's own; the benchmark reaches in only to empty it.
            Class<?> type = Class.forName("org.ecarehub.consent.internal.ConsentCache");
            consent = benchmark.hub.bean(type);
            evict = type.getDeclaredMethod("evict", Collection.class);
            evict.setAccessible(true);
        }

        @Setup(Level.Invocation)
        public void drop(AccessDecisionBenchmark benchmark) throws ReflectiveOperationException {
            request = benchmark.nextRequest();
            access.drop(request.person());
            evict.invoke(consent, Set.of(request.person()));
        }
    }

    /**
     * Who is who, drawn from {@link #SEED}: each person's agency record, team caseload, key worker and consent, and
     * the requests. The same every run, so a seeded database is used again.
     */
    public static final class Plan {

        private final int people;
        private final int staffPerAgency;
        private final int agencies = BenchmarkPartnership.AGENCY_TYPES.size();
        private final int[] owner;
        private final int[] team;
        private final int[] keyWorker;
        private final ConsentState[] consent;
        private final AgencyType[] consentTo;

        public Plan(int people, int staffPerAgency) {
            this.people = people;
            this.staffPerAgency = staffPerAgency;
            owner = new int[people];
            team = new int[people];
            keyWorker = new int[people];
            consent = new ConsentState[people];
            consentTo = new AgencyType[people];
            Random random = new Random(SEED);
            List<AgencyType> types = Stream.of(AgencyType.values())
                    .filter(type -> BenchmarkPartnership.AGENCY_TYPES.contains(type.code()))
                    .toList();
            for (int i = 0; i < people; i++) {
                owner[i] = random.nextInt(agencies);
                team[i] = random.nextInt(agencies * BenchmarkPartnership.TEAMS_PER_AGENCY);
                // Half the people have a key worker of their own; -1 for none.
                keyWorker[i] = random.nextBoolean() ? random.nextInt(agencies * staffPerAgency) : -1;
                int c = random.nextInt(100);
                consent[i] = c < 8 ? ConsentState.GIVEN : c < 10 ? ConsentState.REFUSED : ConsentState.NONE;
                consentTo[i] = types.get(random.nextInt(types.size()));
            }
        }

        AgencyRecordId record(int i) {
            return AgencyRecordId.of(BenchmarkPartnership.agency(owner[i]), "P" + i);
        }

        /**
         * Person {@code i} of the project's generated population as its true details, with no recording errors: a
         * CHI number, name, date of birth and address of their own, so the index links no two of them.
         */
        AgencyRecord agencyRecord(SyntheticPerson person, int i) {
            return new AgencyRecord(
                    record(i),
                    new Demographics(
                            person.givenName(),
                            person.otherGivenNames(),
                            person.familyName(),
                            person.previousFamilyNames(),
                            person.dateOfBirth(),
                            Sex.fromCode(person.sex()).orElse(null),
                            person.address() == null
                                    ? List.of()
                                    : List.of(Address.current(person.address(), person.postcode())),
                            person.phone(),
                            ChiNumber.of(person.chi())));
        }

        Holder keyWorkerOf(int i) {
            int agency = keyWorker[i] / staffPerAgency;
            // Accounts 0 and 1 are governance staff; a key worker is a practitioner.
            int number = 2 + keyWorker[i] % (staffPerAgency - 2);
            return Holder.staff(Username.of(BenchmarkPartnership.staff(agency, number)));
        }

        Holder teamOf(int i) {
            return Holder.team(TeamId.of(BenchmarkPartnership.team(
                    team[i] / BenchmarkPartnership.TEAMS_PER_AGENCY, team[i] % BenchmarkPartnership.TEAMS_PER_AGENCY)));
        }

        public List<PersonId> personIds(PersonIndex index) {
            List<PersonId> ids = new ArrayList<>(people);
            for (int i = 0; i < people; i++) {
                ids.add(index.personOf(record(i)).orElseThrow());
            }
            return ids;
        }

        /** The partnership, people, relationships and consents, through the modules' facades; the people's ids. */
        public List<PersonId> seed(RunningHub hub) throws Exception {
            long start = System.nanoTime();
            PartnershipSnapshot snapshot = hub.bean(Partnerships.class)
                    .apply("generated", BenchmarkPartnership.yaml(staffPerAgency), "access benchmark");
            Actor actor = Actor.hub("access benchmark");
            PersonIndex index = hub.bean(PersonIndex.class);
            List<PersonId> ids = new ArrayList<>(people);
            // The size of one import's batch, as the demo seeds its people.
            List<SyntheticPerson> population =
                    SyntheticPopulation.generate(people, SEED).people();
            for (int from = 0; from < people; from += 500) {
                List<AgencyRecord> batch = new ArrayList<>();
                for (int i = from; i < Math.min(people, from + 500); i++) {
                    batch.add(agencyRecord(population.get(i), i));
                }
                index.submitAll(batch, actor).forEach(submission -> ids.add(submission.person()));
            }
            if (new java.util.HashSet<>(ids).size() != people) {
                throw new IllegalStateException("the index linked generated people together: "
                        + new java.util.HashSet<>(ids).size() + " persons for " + people + " records");
            }
            System.err.printf(
                    "access benchmark: partnership version %d and %d people in %d s%n",
                    snapshot.version(), people, (System.nanoTime() - start) / 1_000_000_000);
            start = System.nanoTime();
            Relationships relationships = hub.bean(Relationships.class);
            Consents consents = hub.bean(Consents.class);
            LocalDate since = LocalDate.of(2025, 1, 1);
            // Each start waits for its log event's commit; from many threads the log commits them in batches.
            ExecutorService threads = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int first = t;
                    done.add(threads.submit(() -> {
                        for (int i = first; i < people; i += THREADS) {
                            PersonId person = ids.get(i);
                            relationships.start(
                                    RelationshipDraft.of(person, teamOf(i), RelationshipKind.TEAM_CASELOAD, since),
                                    actor);
                            if (keyWorker[i] >= 0) {
                                relationships.start(
                                        RelationshipDraft.of(
                                                person, keyWorkerOf(i), RelationshipKind.KEY_WORKER, since),
                                        actor);
                            }
                            if (consent[i] != ConsentState.NONE) {
                                consents.record(
                                        new ConsentDraft(
                                                person,
                                                Purpose.DIRECT_CARE,
                                                // Half name the categories restricted items need; half cover all.
                                                i % 2 == 0
                                                        ? Set.of(Category.HEALTH_DETAIL, Category.CARE_PLAN)
                                                        : Set.of(),
                                                List.of(Recipient.type(consentTo[i])),
                                                consent[i],
                                                null,
                                                ConsentEvidence.written(),
                                                since,
                                                null),
                                        actor);
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> future : done) {
                    future.get();
                }
            } finally {
                threads.shutdown();
            }
            System.err.printf(
                    "access benchmark: relationships and consents in %d s%n",
                    (System.nanoTime() - start) / 1_000_000_000);
            return ids;
        }

        /**
         * The requests: a practitioner at random; half the time a person their team or they are involved with,
         * otherwise anyone; a purpose their roles allow (usually their default); a category at random, normal,
         * restricted or sealed, owned by their own agency or another.
         */
        Request[] requests(Partnership partnership, List<PersonId> ids) {
            Map<String, List<Integer>> involved = new HashMap<>();
            for (int i = 0; i < people; i++) {
                involved.computeIfAbsent(teamOf(i).reference(), key -> new ArrayList<>())
                        .add(i);
                if (keyWorker[i] >= 0) {
                    involved.computeIfAbsent(keyWorkerOf(i).reference(), key -> new ArrayList<>())
                            .add(i);
                }
            }
            Random random = new Random(SEED + 1);
            Category[] categories = Category.values();
            Request[] requests = new Request[REQUESTS];
            for (int r = 0; r < REQUESTS; r++) {
                int agency = random.nextInt(agencies);
                int number = 2 + random.nextInt(staffPerAgency - 2);
                StaffAccount user = partnership
                        .staff(Username.of(BenchmarkPartnership.staff(agency, number)))
                        .orElseThrow();
                List<Purpose> purposes = partnership.purposesOf(user).stream()
                        .sorted(Comparator.naturalOrder())
                        .toList();
                Purpose purpose = random.nextInt(10) < 8
                        ? partnership.defaultPurpose(user).orElseThrow()
                        : purposes.get(random.nextInt(purposes.size()));
                int person = random.nextInt(people);
                if (random.nextBoolean()) {
                    List<Integer> theirs = new ArrayList<>(
                            involved.getOrDefault(Holder.staff(user.username()).reference(), List.of()));
                    user.teams()
                            .forEach(team -> theirs.addAll(
                                    involved.getOrDefault(Holder.team(team).reference(), List.of())));
                    if (!theirs.isEmpty()) {
                        person = theirs.get(random.nextInt(theirs.size()));
                    }
                }
                int s = random.nextInt(100);
                Sensitivity sensitivity =
                        s < 85 ? Sensitivity.NORMAL : s < 97 ? Sensitivity.RESTRICTED : Sensitivity.SEALED;
                AgencyId itemOwner =
                        AgencyId.of(BenchmarkPartnership.agency(random.nextBoolean() ? agency : owner[person]));
                boolean protection = purpose == Purpose.CHILD_PROTECTION || purpose == Purpose.ADULT_PROTECTION;
                requests[r] = new Request(
                        new Requester.Staff(
                                user.username(), purpose, protection ? "risk of harm reported today" : null),
                        ids.get(person),
                        List.of(new AccessItem(
                                "item-" + r, categories[random.nextInt(categories.length)], sensitivity, itemOwner)));
            }
            return requests;
        }
    }

    private static void deleteTree(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
