package org.ecarehub.transparency.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ecarehub.shared.PersonId;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.ecarehub.transparency.EventType;
import org.ecarehub.transparency.LogEvent;
import org.ecarehub.transparency.LogVerification;
import org.ecarehub.transparency.TransparencyLog;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Two hubs over one PostgreSQL database, both appending and both sequencing, as two nodes behind a balancer. */
@Tag("postgres")
class TwoNodesIntegrationTests {

    @TempDir
    Path dataDir;

    @Test
    void appendingOnTwoNodesAtOnceUsesEveryIndexOnceAndVerifies() throws Exception {
        TestDatabase database = TestDatabase.fresh(dataDir);
        Map<String, Object> fastSequencing = Map.of("ecare.demo.people", 0, "ecare.log.sequence-interval", "20ms");
        List<PersonId> people = List.of(PersonId.random(), PersonId.random(), PersonId.random(), PersonId.random());
        int perNode = 600;
        long demoPersons;
        try (RunningHub first = RunningHub.start("demo", dataDir, database, fastSequencing);
                RunningHub second = RunningHub.start("demo", dataDir, database, fastSequencing)) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> appends = new ArrayList<>();
            for (RunningHub node : List.of(first, second)) {
                TransparencyLog log = node.bean(TransparencyLog.class);
                for (int i = 0; i < perNode; i++) {
                    PersonId person = people.get(i % people.size());
                    appends.add(pool.submit(() -> log.append(new LogEvent(
                            EventType.ACCESS,
                            Instant.now(),
                            LogEvent.Who.staff("sw.hamilton", "slc-social-work", List.of("social-worker")),
                            LogEvent.What.of("read", List.of("contacts")),
                            person,
                            LogEvent.Why.of("direct-care", 1)))));
                }
            }
            for (Future<?> append : appends) {
                append.get();
            }
            pool.shutdown();
            JdbcClient jdbc = first.bean(JdbcClient.class);
            demoPersons = jdbc.sql("select count(distinct person_ref) from transparency_event where event_type = 8")
                    .query(Long.class)
                    .single();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (jdbc.sql("select count(*) from transparency_pending")
                            .query(Long.class)
                            .single()
                    > 0) {
                assertThat(System.nanoTime())
                        .as("everything sequenced within 30 s")
                        .isLessThan(deadline);
                Thread.sleep(20);
            }
        }

        try (Connection connection =
                DriverManager.getConnection(database.url(), database.user(), database.password())) {
            LogVerification.Report report = LogVerification.verify(
                    connection,
                    List.of(LogVerification.publicKeyOfKeyFile(dataDir.resolve("transparency/log-key.pem"))));
            assertThat(report.problems()).isEmpty();
            assertThat(report.leaves()).isEqualTo(report.events()).isGreaterThanOrEqualTo(2L * perNode);
            assertThat(report.persons()).isEqualTo(people.size() + demoPersons);
            assertThat(report.pending()).isZero();
        }
    }
}
