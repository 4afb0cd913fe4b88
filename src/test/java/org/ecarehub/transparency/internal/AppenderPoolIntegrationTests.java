package org.ecarehub.transparency.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.ecarehub.shared.PersonId;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.ecarehub.transparency.EventType;
import org.ecarehub.transparency.LogEvent;
import org.ecarehub.transparency.TransparencyLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * More transactions waiting on the log than the pool has connections: each caller holds its transaction's connection
 * while the log's writer commits its event, so a writer that needed a fresh connection from the pool for each batch
 * would wait for one of those callers, who wait for it, until the append times out.
 */
@Tag("database")
class AppenderPoolIntegrationTests {

    static final int POOL = 4;
    static final int CALLERS = 16;

    @TempDir
    static Path dataDir;

    static RunningHub hub;

    @BeforeAll
    static void startHub() {
        hub = RunningHub.start(
                "serve",
                dataDir,
                TestDatabase.fresh(dataDir),
                Map.of(
                        "spring.datasource.hikari.maximum-pool-size", POOL,
                        "spring.datasource.hikari.connection-timeout", "3000",
                        "ecare.log.append-timeout", "5s"));
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    static LogEvent readBy(String account) {
        return new LogEvent(
                EventType.ACCESS,
                Instant.now(),
                LogEvent.Who.staff(account, "slc-social-work", List.of("social-worker")),
                LogEvent.What.of("read", List.of("demographics")),
                PersonId.random(),
                new LogEvent.Why("direct-care", "allow", List.of("relationship"), null, null, null, null, 1));
    }

    @Test
    void moreCallersThanConnectionsAllCommitTheirEvents() throws Exception {
        TransactionTemplate transactions = hub.bean(TransactionTemplate.class);
        JdbcClient jdbc = hub.bean(JdbcClient.class);
        TransparencyLog log = hub.bean(TransparencyLog.class);
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        try {
            for (int round = 0; round < 5; round++) {
                List<Future<Long>> appended = new ArrayList<>();
                for (int i = 0; i < CALLERS; i++) {
                    String account = "caller-" + round + "-" + i;
                    appended.add(callers.submit(() -> transactions.execute(status -> {
                        // The transaction holds its connection from here, as a change that logs itself does.
                        jdbc.sql("select 1").query(Integer.class).single();
                        return log.append(readBy(account)).eventId();
                    })));
                }
                for (Future<Long> future : appended) {
                    assertThat(future.get(20, TimeUnit.SECONDS)).isPositive();
                }
            }
        } finally {
            callers.shutdownNow();
        }
    }
}
