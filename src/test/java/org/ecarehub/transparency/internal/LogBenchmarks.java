package org.ecarehub.transparency.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.ecarehub.shared.PersonId;
import org.ecarehub.transparency.EventType;
import org.ecarehub.transparency.LogEvent;
import org.ecarehub.transparency.SignedTreeHead;
import org.ecarehub.transparency.merkle.MerkleFrontier;
import org.ecarehub.transparency.merkle.MerkleHashes;
import org.ecarehub.transparency.merkle.Node;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Benchmarks of the transparency log on PostgreSQL, run by bench/transparency.sh (not by the test suite):
 *
 * <ul>
 *   <li>{@code append URL SCHEMA THREADS SECONDS}: durable appends a second through the real append path;
 *   <li>{@code load URL SCHEMA LEAVES KEYFILE}: a bulk loader that writes a complete, signed, verifiable log of that
 *       many leaves with COPY, bypassing the append path;
 *   <li>{@code proofs URL SCHEMA COUNT KEYFILE}: latency of inclusion proofs by hash and consistency proofs on it.
 * </ul>
 */
public final class LogBenchmarks {

    private static final HexFormat HEX = HexFormat.of();

    private LogBenchmarks() {}

    public static void main(String[] args) throws Exception {
        String url = args[1] + (args[1].contains("?") ? "&" : "?") + "currentSchema=" + args[2];
        switch (args[0]) {
            case "append" -> append(url, args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "load" -> load(url, args[2], Long.parseLong(args[3]), Path.of(args[4]));
            case "proofs" -> proofs(url, Integer.parseInt(args[3]), Path.of(args[4]));
            default -> throw new IllegalArgumentException("append, load or proofs");
        }
    }

    static HikariDataSource dataSource(String url, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(env("ECARE_TEST_DB_USER", "ecare"));
        config.setPassword(env("ECARE_TEST_DB_PASSWORD", "ecare"));
        config.setMaximumPoolSize(size);
        return new HikariDataSource(config);
    }

    static void freshSchema(String url, String schema) throws Exception {
        try (HikariDataSource admin = dataSource(url, 1);
                Connection connection = admin.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + schema + " cascade");
            statement.execute("create schema " + schema);
        }
        try (HikariDataSource migrations = dataSource(url, 2)) {
            Flyway.configure()
                    .dataSource(migrations)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        }
    }

    static LogEvent event(Random random, int people) {
        return new LogEvent(
                EventType.ACCESS,
                Instant.now(),
                LogEvent.Who.staff("sw.hamilton", "slc-social-work", List.of("social-worker")),
                new LogEvent.What("read", List.of("demographics", "contacts", "alerts"), List.of(), null),
                new PersonId(new java.util.UUID(7, random.nextInt(people)).toString()),
                new LogEvent.Why(
                        "direct-care",
                        "allow",
                        List.of("active", "purpose", "role", "sharing-agreement", "relationship", "consent"),
                        "implied-consent",
                        "nhs-slc-direct-care",
                        "none-recorded",
                        null,
                        3));
    }

    static void append(String url, String schema, int threads, int seconds) throws Exception {
        freshSchema(url, schema);
        Path keyFile = Files.createTempDirectory("bench-key").resolve("log-key.pem");
        try (HikariDataSource dataSource = dataSource(url, threads + 4)) {
            StoredTransparencyLog log = new StoredTransparencyLog(
                    dataSource,
                    Clock.systemUTC(),
                    keyFile,
                    Duration.parse(System.getProperty("bench.sequence-interval", "PT0.2S")),
                    10_000,
                    Duration.ofSeconds(10),
                    1000,
                    Integer.getInteger("bench.append-writers", 1));
            log.start();
            AtomicBoolean measuring = new AtomicBoolean(false);
            AtomicBoolean stop = new AtomicBoolean(false);
            LongAdder appended = new LongAdder();
            CountDownLatch done = new CountDownLatch(threads);
            for (int t = 0; t < threads; t++) {
                Random random = new Random(t);
                Thread thread = new Thread(() -> {
                    while (!stop.get()) {
                        log.append(event(random, 100_000));
                        if (measuring.get()) {
                            appended.increment();
                        }
                    }
                    done.countDown();
                });
                thread.start();
            }
            // Long enough for the JIT compilers to finish with the append path: they take most of both cores at first.
            Thread.sleep(Integer.getInteger("bench.warmup-seconds", 30) * 1000L);
            measuring.set(true);
            long start = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            measuring.set(false);
            double elapsed = (System.nanoTime() - start) / 1e9;
            stop.set(true);
            done.await();
            long count = appended.sum();
            long lagStart = System.nanoTime();
            log.sequenceNow();
            System.out.printf(
                    "append: %d threads, %d durable appends in %.1f s = %.0f appends/s (sequencing the backlog"
                            + " afterwards took %.2f s)%n",
                    threads, count, elapsed, count / elapsed, (System.nanoTime() - lagStart) / 1e9);
            log.stop();
        }
    }

    static void load(String url, String schema, long leaves, Path keyFile) throws Exception {
        freshSchema(url, schema);
        LogKeys keys = LogKeys.loadOrCreate(keyFile);
        long started = System.nanoTime();
        int people = (int) Math.max(1, leaves / 10);
        SecureRandom salts = new SecureRandom();
        Random random = new Random(42);
        MerkleFrontier frontier = new MerkleFrontier();
        long[] chainSeq = new long[people];
        long[] chainLeaf = new long[people];
        Arrays.fill(chainLeaf, -1);
        int chunk = 100_000;
        try (HikariDataSource dataSource = dataSource(url, 2);
                Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            long timestamp = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
            for (long from = 0; from < leaves; from += chunk) {
                StringBuilder events = new StringBuilder(chunk * 600);
                StringBuilder leafRows = new StringBuilder(chunk * 170);
                StringBuilder nodeRows = new StringBuilder(chunk * 90);
                long to = Math.min(leaves, from + chunk);
                for (long index = from; index < to; index++) {
                    int person = random.nextInt(people);
                    LogEvent event = event(random, people);
                    String personRef = new java.util.UUID(7, person).toString();
                    event = new LogEvent(
                            event.type(),
                            Instant.ofEpochMilli(timestamp + index),
                            event.who(),
                            event.what(),
                            new PersonId(personRef),
                            event.why());
                    long sequence = ++chainSeq[person];
                    long previous = chainLeaf[person];
                    chainLeaf[person] = index;
                    String pending = EventDocuments.pending(event);
                    String document = EventDocuments.sequenced(pending, personRef, sequence, previous);
                    byte[] salt = new byte[LeafInputs.SALT_LENGTH];
                    salts.nextBytes(salt);
                    byte[] leafInput = LeafInputs.leafInput(timestamp + index, 1, salt, document);
                    List<Node> nodes = frontier.append(MerkleHashes.leafHash(leafInput));
                    events.append(index + 1)
                            .append('\t')
                            .append(timestamp + index)
                            .append("\t1\t")
                            .append(personRef)
                            .append("\t\\\\x")
                            .append(HEX.formatHex(salt))
                            .append('\t')
                            .append(pending.replace("\\", "\\\\"))
                            .append('\n');
                    leafRows.append(index)
                            .append("\t\\\\x")
                            .append(HEX.formatHex(nodes.get(0).hash()))
                            .append("\t\\\\x")
                            .append(HEX.formatHex(leafInput))
                            .append('\t')
                            .append(index + 1)
                            .append('\t')
                            .append(sequence)
                            .append('\t')
                            .append(previous < 0 ? "\\N" : Long.toString(previous))
                            .append('\n');
                    for (Node node : nodes.subList(1, nodes.size())) {
                        nodeRows.append(node.id().level())
                                .append('\t')
                                .append(node.id().index())
                                .append("\t\\\\x")
                                .append(HEX.formatHex(node.hash()))
                                .append('\n');
                    }
                }
                copy.copyIn(
                        "copy transparency_event (id, timestamp_ms, event_type, person_ref, salt, event) from stdin",
                        new StringReader(events.toString()));
                copy.copyIn(
                        "copy transparency_leaf (leaf_index, leaf_hash, leaf_input, event_id, person_seq, previous_leaf)"
                                + " from stdin",
                        new StringReader(leafRows.toString()));
                copy.copyIn(
                        "copy transparency_node (level, idx, hash) from stdin", new StringReader(nodeRows.toString()));
                SignedTreeHead head = new SignedTreeHead(
                        frontier.size(),
                        timestamp + to,
                        frontier.root(),
                        keys.sign(SignedTreeHead.signedBytes(frontier.size(), timestamp + to, frontier.root())),
                        keys.keyId());
                LogTables.insertTreeHead(connection, head);
                connection.commit();
            }
            LogTables.registerKey(connection, keys.keyId(), keys.publicKeyDer(), timestamp);
            try (PreparedStatement chains = connection.prepareStatement(
                    "insert into transparency_person_chain (person_ref, last_seq, last_leaf) values (?, ?, ?)")) {
                int batched = 0;
                for (int person = 0; person < people; person++) {
                    if (chainSeq[person] == 0) {
                        continue;
                    }
                    chains.setString(1, new java.util.UUID(7, person).toString());
                    chains.setLong(2, chainSeq[person]);
                    chains.setLong(3, chainLeaf[person]);
                    chains.addBatch();
                    if (++batched % 10_000 == 0) {
                        chains.executeBatch();
                    }
                }
                chains.executeBatch();
            }
            LogTables.setTreeSize(connection, frontier.size());
            try (Statement statement = connection.createStatement()) {
                statement.execute(
                        "select setval('transparency_event_block', " + (leaves / LogTables.ID_BLOCK + 1) + ")");
            }
            connection.commit();
            try (Statement statement = connection.createStatement()) {
                connection.setAutoCommit(true);
                statement.execute("vacuum analyze transparency_event");
                statement.execute("vacuum analyze transparency_leaf");
                statement.execute("vacuum analyze transparency_node");
            }
        }
        System.out.printf(
                "load: %d leaves, %d people, in %.1f s%n", leaves, people, (System.nanoTime() - started) / 1e9);
    }

    static void proofs(String url, int count, Path keyFile) throws Exception {
        try (HikariDataSource dataSource = dataSource(url, 4)) {
            StoredTransparencyLog log = new StoredTransparencyLog(
                    dataSource,
                    Clock.systemUTC(),
                    keyFile,
                    Duration.ofHours(1),
                    10_000,
                    Duration.ofSeconds(10),
                    1000,
                    1);
            long size = log.latestTreeHead().orElseThrow().treeSize();
            Random random = new Random(7);
            List<byte[]> hashes = new ArrayList<>(count);
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement select = connection.prepareStatement(
                            "select leaf_hash from transparency_leaf where leaf_index = ?")) {
                for (int i = 0; i < count; i++) {
                    select.setLong(1, (long) (random.nextDouble() * size));
                    try (ResultSet row = select.executeQuery()) {
                        row.next();
                        hashes.add(row.getBytes(1));
                    }
                }
            }
            for (int i = 0; i < Math.min(1000, count); i++) {
                log.inclusionProof(hashes.get(i), size).orElseThrow();
            }
            long[] inclusion = new long[count];
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                log.inclusionProof(hashes.get(i), size).orElseThrow();
                inclusion[i] = System.nanoTime() - start;
            }
            long[] consistency = new long[count];
            for (int i = 0; i < count; i++) {
                long first = 1 + (long) (random.nextDouble() * (size - 1));
                long start = System.nanoTime();
                log.consistencyProof(first, size);
                consistency[i] = System.nanoTime() - start;
            }
            System.out.printf(
                    "proofs on %d leaves: inclusion by hash p50 %.2f ms, p99 %.2f ms; consistency p50 %.2f ms,"
                            + " p99 %.2f ms (%d of each)%n",
                    size,
                    percentile(inclusion, 50),
                    percentile(inclusion, 99),
                    percentile(consistency, 50),
                    percentile(consistency, 99),
                    count);
            log.stop();
        }
    }

    static double percentile(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * percentile / 100.0) - 1)] / 1e6;
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
