package org.ecarehub.record.internal;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.ecarehub.access.Holder;
import org.ecarehub.access.RelationshipDraft;
import org.ecarehub.access.RelationshipKind;
import org.ecarehub.access.RelationshipRefused;
import org.ecarehub.access.Relationships;
import org.ecarehub.access.Requester;
import org.ecarehub.access.internal.AccessDecisionBenchmark;
import org.ecarehub.access.internal.BenchmarkPartnership;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.person.Actor;
import org.ecarehub.person.PersonIndex;
import org.ecarehub.record.Alert;
import org.ecarehub.record.AlertType;
import org.ecarehub.record.Assessment;
import org.ecarehub.record.Assessments;
import org.ecarehub.record.CarePlan;
import org.ecarehub.record.CarePlanAction;
import org.ecarehub.record.EligibilityBand;
import org.ecarehub.record.ItemDraft;
import org.ecarehub.record.RecordItem;
import org.ecarehub.record.Records;
import org.ecarehub.record.ServiceProvision;
import org.ecarehub.record.Summary;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;

/**
 * The summary-read benchmark, run by {@code bench/record.sh} (not by the test suite): an audited read of a
 * person's summary, in-process through the module APIs, on 100,000 people on PostgreSQL, from {@code THREADS}
 * concurrent callers for {@code SECONDS}.
 *
 * <p>The population is the access benchmark's ({@link AccessDecisionBenchmark.Plan}: its generated partnership of 20
 * agencies and 2,000 staff, 100,000 generated people, their team caseloads, key workers and consents), and each person
 * then gets, through the facades, a referral to team 0 of one of the two social work agencies, whose members are
 * social workers, and four items written by one of them: an alert, a signed Single Shared Assessment, a care plan and
 * a service. All of it stays in schema {@code SCHEMA} and {@code target/bench/record-hub} (its log key) between runs.
 *
 * <p>One read: a person at random and a social worker of that team at random; {@link Records#summary}, which reads the
 * person's agency records and record items, decides on all of them in one decision (as {@code PersonDirectory.read}
 * and {@link Records#read} would decide them) and returns only once its log entries are committed to the transparency
 * log.
 *
 * <p>Usage: {@code URL SCHEMA THREADS SECONDS [PEOPLE] [WARMUP_SECONDS]}.
 */
public final class SummaryReadBenchmark {

    private static final int STAFF_PER_AGENCY = 100;

    /** The two social work agencies of the generated partnership: agency-06 and agency-07. */
    private static final int FIRST_SOCIAL_WORK = BenchmarkPartnership.AGENCY_TYPES.indexOf("council-social-work");

    /** Team 0's practitioners are accounts 5, 10, ... 95: the social workers of {@link BenchmarkPartnership}. */
    private static final int[] SOCIAL_WORKERS = java.util.stream.IntStream.range(2, STAFF_PER_AGENCY)
            .filter(n -> BenchmarkPartnership.teamOf(n) == 0)
            .toArray();

    private static final int SEEDING_THREADS = 32;

    private SummaryReadBenchmark() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String schema = args[1];
        int threads = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int people = args.length > 4 ? Integer.parseInt(args[4]) : 100_000;
        int warmup = args.length > 5 ? Integer.parseInt(args[5]) : 30;
        try (Seeded seeded = Seeded.start(url, schema, people, Math.max(threads, SEEDING_THREADS) + 8, Map.of())) {
            RunningHub hub = seeded.hub();
            List<PersonId> ids = seeded.ids();
            // Cold: people read at random, few of them read before. Warm: every person read once first, as on a hub
            // that has been running for a while, whose caches hold the people it serves.
            read(hub, ids, threads, warmup, seconds, "cold");
            long warming = System.nanoTime();
            readEveryone(hub, ids, threads);
            System.out.printf(
                    "every person read once in %.0f s; measuring again%n", (System.nanoTime() - warming) / 1e9);
            read(hub, ids, threads, 5, seconds, "warm");
        }
    }

    /**
     * A hub in serve mode on the benchmark's population in {@code schema}, seeded on first use (many minutes for
     * 100,000 people) and kept there, with its log key under {@code target/bench/record-hub/}.
     */
    record Seeded(RunningHub hub, List<PersonId> ids) implements AutoCloseable {

        static Seeded start(String url, String schema, int people, int pool, Map<String, Object> extra)
                throws Exception {
            String user = env("ECARE_TEST_DB_USER", "ecare");
            String password = env("ECARE_TEST_DB_PASSWORD", "ecare");
            Path dataDir = Path.of("target/bench/record-hub").resolve(schema + "-" + people);
            Path seeded = dataDir.resolve("seeded");
            if (!Files.exists(seeded)) {
                // A new schema, or a seeding that did not finish: start again from nothing.
                try (Connection connection = DriverManager.getConnection(url, user, password);
                        Statement statement = connection.createStatement()) {
                    statement.execute("drop schema if exists " + schema + " cascade");
                    statement.execute("create schema " + schema);
                }
                if (Files.isDirectory(dataDir)) {
                    try (var paths = Files.walk(dataDir)) {
                        paths.sorted(java.util.Comparator.reverseOrder())
                                .forEach(path -> path.toFile().delete());
                    }
                }
            }
            Files.createDirectories(dataDir);
            TestDatabase database =
                    new TestDatabase(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema, user, password);
            Map<String, Object> properties = new java.util.LinkedHashMap<>();
            properties.put("logging.level.root", "WARN");
            properties.put("spring.datasource.hikari.maximum-pool-size", Math.max(pool, SEEDING_THREADS + 8));
            properties.putAll(extra);
            RunningHub hub = RunningHub.start("serve", dataDir, database, properties);
            try {
                AccessDecisionBenchmark.Plan plan = new AccessDecisionBenchmark.Plan(people, STAFF_PER_AGENCY);
                List<PersonId> ids;
                if (Files.exists(seeded)) {
                    ids = plan.personIds(hub.bean(PersonIndex.class));
                } else {
                    long start = System.nanoTime();
                    ids = plan.seed(hub);
                    long records = System.nanoTime();
                    seedRecords(hub, ids);
                    Files.writeString(
                            seeded,
                            String.format(
                                    "seeded in %d s, of which %d s for the record items%n",
                                    (System.nanoTime() - start) / 1_000_000_000,
                                    (System.nanoTime() - records) / 1_000_000_000));
                }
                System.out.println("benchmark population: " + people + " people, "
                        + Files.readString(seeded).strip());
                return new Seeded(hub, ids);
            } catch (Exception | Error e) {
                hub.close();
                throw e;
            }
        }

        @Override
        public void close() {
            hub.close();
        }
    }

    /** The username of a social worker of the team involved with the person, one of several. */
    static String socialWorkerName(int person, int which) {
        return BenchmarkPartnership.staff(
                socialWorkAgency(person), SOCIAL_WORKERS[Math.floorMod(which, SOCIAL_WORKERS.length)]);
    }

    static int socialWorkAgency(int person) {
        return FIRST_SOCIAL_WORK + person % 2;
    }

    static Requester socialWorker(int person, int which) {
        int agency = socialWorkAgency(person);
        return new Requester.Staff(
                Username.of(BenchmarkPartnership.staff(agency, SOCIAL_WORKERS[which % SOCIAL_WORKERS.length])),
                Purpose.DIRECT_CARE,
                null);
    }

    static TeamId teamOf(int person) {
        return TeamId.of(BenchmarkPartnership.team(socialWorkAgency(person), 0));
    }

    /** The referral and the four items of every person, from many threads so that the log commits them in batches. */
    static void seedRecords(RunningHub hub, List<PersonId> ids) throws Exception {
        Relationships relationships = hub.bean(Relationships.class);
        Records records = hub.bean(Records.class);
        Assessments assessments = hub.bean(Assessments.class);
        Actor actor = Actor.hub("summary benchmark");
        LocalDate since = LocalDate.of(2025, 1, 1);
        ExecutorService pool = Executors.newFixedThreadPool(SEEDING_THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < SEEDING_THREADS; t++) {
                int first = t;
                done.add(pool.submit(() -> {
                    for (int i = first; i < ids.size(); i += SEEDING_THREADS) {
                        PersonId person = ids.get(i);
                        try {
                            relationships.start(
                                    RelationshipDraft.of(
                                            person, Holder.team(teamOf(i)), RelationshipKind.REFERRAL, since),
                                    actor);
                        } catch (RelationshipRefused alreadyInvolved) {
                            // The person is on that team's caseload already: the team is involved either way.
                        }
                        Requester writer = socialWorker(i, i / 2);
                        AgencyId agency = AgencyId.of(BenchmarkPartnership.agency(socialWorkAgency(i)));
                        records.add(writer, person, ItemDraft.of(alert(i)));
                        RecordItem draft = assessments.start(writer, person, assessment(i));
                        assessments.signOff(writer, draft.id(), draft.version());
                        records.add(writer, person, ItemDraft.of(carePlan(agency, teamOf(i), since)));
                        records.add(writer, person, ItemDraft.of(service(i, since)));
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    static Alert alert(int i) {
        return i % 3 == 0
                ? new Alert(AlertType.RISK_TO_VISITING_STAFF, "Dog in the house: ask for it to be shut away.", null)
                : new Alert(AlertType.COMMUNICATION_NEEDS, "Hard of hearing: face them and speak clearly.", null);
    }

    static Assessment assessment(int i) {
        return new Assessment(
                "Lives alone in a ground-floor flat.",
                "Wants to stay at home.",
                List.of("To stay at home", "To keep in touch with family"),
                "Arthritis; takes painkillers as prescribed.",
                "Needs help to wash in the mornings.",
                "Needs help with shopping.",
                "Walks with a stick; no falls this year.",
                "Memory good; mood good.",
                "A son visits weekly.",
                "The son is happy to go on helping.",
                "Home in good repair.",
                i % 4 == 0,
                "Falls when tired.",
                "Needs help with personal care each morning and with shopping.",
                EligibilityBand.values()[i % EligibilityBand.values().length]);
    }

    static CarePlan carePlan(AgencyId agency, TeamId team, LocalDate since) {
        return new CarePlan(
                List.of("Stays safely at home"),
                List.of(new CarePlanAction("Review of needs", agency, team, null, "every six months")),
                since.plusYears(2),
                List.of());
    }

    static ServiceProvision service(int i, LocalDate since) {
        // The four care providers, agency-13 to agency-16.
        AgencyId provider = AgencyId.of(
                BenchmarkPartnership.agency(BenchmarkPartnership.AGENCY_TYPES.indexOf("care-provider") + i % 4));
        return new ServiceProvision("Homecare", provider, since, null, 2, null, new BigDecimal("7.00"));
    }

    /** Each person's summary read once, by one of the threads, each thread a share of the people. */
    static void readEveryone(RunningHub hub, List<PersonId> ids, int threads) throws Exception {
        Records records = hub.bean(Records.class);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int me = t;
            Thread worker = new Thread(() -> {
                for (int i = me; i < ids.size(); i += threads) {
                    records.summary(socialWorker(i, i), ids.get(i));
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
    }

    /**
     * Every thread reads summaries for the warm-up, then for the measured seconds; the figures are printed, labelled
     * with how warm the caches were.
     */
    static void read(RunningHub hub, List<PersonId> ids, int threads, int warmup, int seconds, String label)
            throws Exception {
        Records records = hub.bean(Records.class);
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicBoolean stop = new AtomicBoolean(false);
        LongAdder reads = new LongAdder();
        LongAdder complete = new LongAdder();
        long[][] latencies = new long[threads][];
        int[] counts = new int[threads];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int me = t;
            latencies[me] = new long[1 << 20];
            Thread worker = new Thread(() -> {
                SplittableRandom random = new SplittableRandom(me);
                while (!stop.get()) {
                    int i = random.nextInt(ids.size());
                    Requester requester = socialWorker(i, random.nextInt(SOCIAL_WORKERS.length));
                    long start = System.nanoTime();
                    Summary summary = records.summary(requester, ids.get(i));
                    long took = System.nanoTime() - start;
                    if (measuring.get()) {
                        reads.increment();
                        if (summary.person().isPresent()
                                && summary.record().items().size() == 4) {
                            complete.increment();
                        }
                        if (counts[me] < latencies[me].length) {
                            latencies[me][counts[me]++] = took;
                        }
                    }
                }
            });
            worker.start();
            workers.add(worker);
        }
        Thread.sleep(warmup * 1000L);
        measuring.set(true);
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        measuring.set(false);
        double elapsed = (System.nanoTime() - start) / 1e9;
        stop.set(true);
        for (Thread worker : workers) {
            worker.join();
        }
        long[] all = new long[Arrays.stream(counts).sum()];
        int at = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(latencies[t], 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        System.out.printf(
                "summary reads (%s): %d threads, %.1f s measured after %d s of warm-up: %d reads, %.0f reads/s;"
                        + " %.1f%% showed the person and all 4 items; latency p50 %.2f ms, p99 %.2f ms%n",
                label,
                threads,
                elapsed,
                warmup,
                reads.sum(),
                reads.sum() / elapsed,
                100.0 * complete.sum() / Math.max(1, reads.sum()),
                percentile(all, 0.50) / 1e6,
                percentile(all, 0.99) / 1e6);
        System.out.printf("summary reads/s (%s): %.0f%n", label, reads.sum() / elapsed);
    }

    static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
