package org.ecarehub.transparency.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ecarehub.cli.EcareCli;
import org.ecarehub.shared.PersonId;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.ecarehub.transparency.EventType;
import org.ecarehub.transparency.LogEvent;
import org.ecarehub.transparency.LogVerification;
import org.ecarehub.transparency.TransparencyLog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tampering with a stored log, as someone with write access to the database could, re-signing nothing: the check of
 * {@code ecare log verify} finds each change and names what was changed. Each change is made in a transaction that
 * the check rolls back, so the tests share one log.
 */
@Tag("database")
class LogVerifyIntegrationTests {

    @TempDir
    static Path dataDir;

    static TestDatabase database;
    static List<byte[]> trustedKeys;
    static final int EVENTS = 40;

    /** Leaves the hub logged before the test's own events (the demo partnership applied). */
    static long base;

    @BeforeAll
    static void writeALogAndStopTheHub() throws java.io.IOException {
        database = TestDatabase.fresh(dataDir);
        // Served, not a demo: the tests name leaves by index, and the demo's people would come first in the log.
        Path partnership = dataDir.resolve("partnership.yaml");
        try (var in = LogVerifyIntegrationTests.class.getResourceAsStream("/demo/partnership.yaml")) {
            java.nio.file.Files.write(partnership, in.readAllBytes());
        }
        // Sequenced by hand, ten events a head, so that the heads have known sizes.
        try (RunningHub hub = RunningHub.start(
                "serve",
                dataDir,
                database,
                Map.of("ecare.partnership-file", partnership.toString(), "ecare.log.sequence-interval", "1h"))) {
            TransparencyLog log = hub.bean(TransparencyLog.class);
            hub.bean(StoredTransparencyLog.class).sequenceNow();
            base = log.latestTreeHead().orElseThrow().treeSize();
            List<PersonId> people = List.of(PersonId.random(), PersonId.random(), PersonId.random());
            for (int i = 0; i < EVENTS; i++) {
                log.append(new LogEvent(
                        EventType.ACCESS,
                        Instant.now(),
                        LogEvent.Who.staff("sw.hamilton", "slc-social-work", List.of("social-worker")),
                        LogEvent.What.of("read", List.of("demographics")),
                        i % 4 == 3 ? null : people.get(i % 3),
                        LogEvent.Why.of("direct-care", 1)));
                if (i % 10 == 9) {
                    hub.bean(StoredTransparencyLog.class).sequenceNow();
                }
            }
        }
        trustedKeys = List.of(LogVerification.publicKeyOfKeyFile(dataDir.resolve("transparency/log-key.pem")));
    }

    static String eventOfLeaf(long leafIndex) {
        return "(select event_id from transparency_leaf where leaf_index = " + leafIndex + ")";
    }

    static long eventIdOfLeaf(long leafIndex) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                java.sql.ResultSet row = statement.executeQuery(
                        "select event_id from transparency_leaf where leaf_index = " + leafIndex)) {
            row.next();
            return row.getLong(1);
        }
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(database.url(), database.user(), database.password());
    }

    /** Runs the check after the statements, in one transaction that the check rolls back. */
    static List<String> problemsAfter(String... statements) throws SQLException {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (String sql : statements) {
                    statement.execute(sql);
                }
            }
            return LogVerification.verify(connection, trustedKeys).problems();
        }
    }

    @Test
    void verifiesAnUntouchedLog() throws SQLException {
        try (Connection connection = connect()) {
            LogVerification.Report report = LogVerification.verify(connection, trustedKeys);
            assertThat(report.problems()).isEmpty();
            assertThat(report.leaves()).isEqualTo(base + EVENTS);
            assertThat(report.events()).isEqualTo(report.leaves());
            assertThat(report.treeHeads()).isGreaterThanOrEqualTo(4);
            assertThat(report.persons()).isEqualTo(3);
        }
    }

    @Nested
    class AnEvent {

        @Test
        void rewrittenIsNamedByItsLeaf() throws SQLException {
            assertThat(problemsAfter("update transparency_event set event = replace(event, 'sw.hamilton',"
                            + " 'sw.airdrie') where id = " + eventOfLeaf(7)))
                    .first()
                    .asString()
                    .startsWith("leaf 7 does not commit to event");
        }

        @Test
        void deletedIsNamedByItsLeaf() throws SQLException {
            assertThat(problemsAfter("delete from transparency_event where id = " + eventOfLeaf(12)))
                    .first()
                    .asString()
                    .startsWith("leaf 12 has no event");
        }

        @Test
        void insertedIsFound() throws SQLException {
            assertThat(problemsAfter("insert into transparency_event (id, timestamp_ms, event_type, salt, event)"
                            + " select 999999999, timestamp_ms, event_type, salt, event from transparency_event where id = "
                            + eventOfLeaf(0)))
                    .singleElement()
                    .asString()
                    .endsWith(
                            "is in no leaf and is not waiting to be sequenced (it was inserted, or its leaf deleted)");
        }

        @Test
        void movedToAnotherLeafIsFound() throws SQLException {
            long fifth = eventIdOfLeaf(5);
            long sixth = eventIdOfLeaf(6);
            assertThat(problemsAfter(
                            "update transparency_leaf set event_id = -1 where leaf_index = 5",
                            "update transparency_leaf set event_id = " + fifth + " where leaf_index = 6",
                            "update transparency_leaf set event_id = " + sixth + " where leaf_index = 5"))
                    .first()
                    .asString()
                    .startsWith("leaf 5 does not commit to event " + sixth);
        }

        @Test
        void withItsPlaceInThePersonsChainChangedIsFound() throws SQLException {
            long leaf;
            try (Connection connection = connect();
                    Statement statement = connection.createStatement();
                    java.sql.ResultSet row = statement.executeQuery(
                            "select min(leaf_index) from transparency_leaf where person_seq > 1")) {
                row.next();
                leaf = row.getLong(1);
            }
            assertThat(problemsAfter(
                            "update transparency_leaf set person_seq = person_seq + 1 where leaf_index = " + leaf))
                    .first()
                    .asString()
                    .startsWith("leaf " + leaf + " does not commit to event");
        }

        @Test
        void thatIsSequencedAndWaitingAgainIsFound() throws SQLException {
            assertThat(problemsAfter("insert into transparency_pending (event_id) select event_id from"
                            + " transparency_leaf where leaf_index = 11"))
                    .first()
                    .asString()
                    .contains("is in leaf 11 and also waiting to be sequenced");
        }
    }

    @Nested
    class ALeaf {

        @Test
        void rewrittenIsNamed() throws SQLException {
            assertThat(problemsAfter("update transparency_leaf set leaf_input = (select leaf_input from"
                            + " transparency_leaf where leaf_index = 4) where leaf_index = 3"))
                    .first()
                    .asString()
                    .startsWith("leaf 3: its stored hash is not the hash of its leaf input");
        }

        @Test
        void deletedInTheMiddleIsNamed() throws SQLException {
            assertThat(problemsAfter("delete from transparency_leaf where leaf_index = 20"))
                    .first()
                    .asString()
                    .startsWith("leaf 20 is missing");
        }

        @Test
        void deletedAtTheEndLeavesATreeHeadBeyondTheLeaves() throws SQLException {
            long size = base + EVENTS;
            assertThat(problemsAfter("delete from transparency_leaf where leaf_index = " + (size - 1)))
                    .anySatisfy(problem -> assertThat(problem).startsWith("tree head of size " + size + " is beyond"));
        }

        @Test
        void swappedWithAnotherIsFound() throws SQLException {
            assertThat(problemsAfter(
                            "update transparency_leaf set leaf_index = -1 where leaf_index = 14",
                            "update transparency_leaf set leaf_index = 14 where leaf_index = 15",
                            "update transparency_leaf set leaf_index = 15 where leaf_index = -1"))
                    .first()
                    .asString()
                    .startsWith("node (level 1, index 7) differs from the hash of its leaves 14 to 15");
        }

        @Test
        void insertedAtTheEndIsFound() throws SQLException {
            long size = base + EVENTS;
            assertThat(problemsAfter(
                            "insert into transparency_leaf (leaf_index, leaf_hash, leaf_input, event_id)" + " select "
                                    + size + ", leaf_hash, leaf_input, -5 from transparency_leaf where leaf_index = 0"))
                    .anySatisfy(problem -> assertThat(problem).startsWith("leaf " + size + " has no event"))
                    .anySatisfy(problem -> assertThat(problem).contains("the sequencer records " + size));
        }
    }

    @Nested
    class ATreeHead {

        @Test
        void withAnotherRootFailsItsSignature() throws SQLException {
            assertThat(problemsAfter("update transparency_tree_head set root_hash = (select root_hash from"
                            + " transparency_tree_head where tree_size = " + (base + 10) + ") where tree_size = "
                            + (base + 20)))
                    .first()
                    .asString()
                    .isEqualTo("tree head of size " + (base + 20) + " has a bad signature");
        }

        @Test
        void signedByAnUntrustedKeyIsNamed() throws SQLException {
            assertThat(problemsAfter("update transparency_tree_head set key_id = 'someone-else' where tree_size = "
                            + (base + 30)))
                    .first()
                    .asString()
                    .contains("tree head of size " + (base + 30)
                            + " is signed by key someone-else, which is not trusted");
        }
    }

    @Test
    void findsARewrittenSubtreeHash() throws SQLException {
        assertThat(problemsAfter("update transparency_node set hash = (select leaf_hash from transparency_leaf where"
                        + " leaf_index = 0) where level = 2 and idx = 1"))
                .first()
                .asString()
                .startsWith("node (level 2, index 1) differs from the hash of its leaves 4 to 7");
    }

    @Nested
    class TheCommand {

        @Test
        void exitsZeroOnAnUntouchedLog() {
            Run run = verify();
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).startsWith("log verified: " + (base + EVENTS) + " leaves");
        }

        @Test
        void exitsOneAndNamesWhatWasChanged() throws SQLException {
            try (Connection connection = connect();
                    Statement statement = connection.createStatement()) {
                statement.execute("update transparency_event set event = replace(event, 'read', 'export')"
                        + " where id = " + eventOfLeaf(2));
            }
            try {
                Run run = verify();
                assertThat(run.exitCode()).isEqualTo(1);
                assertThat(run.out()).startsWith("leaf 2 does not commit to event");
            } finally {
                try (Connection connection = connect();
                        Statement statement = connection.createStatement()) {
                    statement.execute("update transparency_event set event = replace(event, 'export', 'read')"
                            + " where id = " + eventOfLeaf(2));
                }
            }
        }

        Run verify() {
            List<String> args = new ArrayList<>(
                    List.of("log", "verify", "--data-dir", dataDir.toString(), "--db-url", database.url()));
            if (!database.user().isEmpty()) {
                args.addAll(List.of("--db-user", database.user(), "--db-password", database.password()));
            }
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exitCode =
                    EcareCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
            return new Run(exitCode, out.toString(), err.toString());
        }
    }

    record Run(int exitCode, String out, String err) {}
}
