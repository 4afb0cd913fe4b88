package org.ecarehub.transparency.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The appender's one-statement commit on PostgreSQL: the events and their places in the sequencer's queue are stored
 * together or not at all. H2 cannot insert inside {@code WITH}, so there the appender keeps its transaction.
 */
@Tag("database")
class AppendAtOnceIntegrationTests {

    @TempDir
    static Path dataDir;

    static RunningHub hub;

    @BeforeAll
    static void startHub() {
        hub = RunningHub.start("serve", dataDir, TestDatabase.fresh(dataDir), Map.of());
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    static LogTables.PendingEvent event(long id) {
        return new LogTables.PendingEvent(
                id, 1_700_000_000_000L, 1, null, "salt".getBytes(StandardCharsets.UTF_8), "{\"n\":" + id + "}");
    }

    static long stored(List<Long> ids) {
        JdbcClient jdbc = hub.bean(JdbcClient.class);
        return jdbc.sql("select count(*) from transparency_event where id in (:ids)")
                        .param("ids", ids)
                        .query(Long.class)
                        .single()
                + jdbc.sql("select count(*) from transparency_pending where event_id in (:ids)")
                        .param("ids", ids)
                        .query(Long.class)
                        .single();
    }

    @Test
    void storesEveryEventAndItsQueuePlaceOrNothing() throws SQLException {
        try (Connection connection = hub.bean(DataSource.class).getConnection()) {
            assertThat(LogTables.insertsEventsAtOnce(connection)).isEqualTo(TestDatabase.postgresql());
            if (!TestDatabase.postgresql()) {
                return;
            }
            connection.setAutoCommit(true);
            // Ids far above any the hub hands out, so the sequencer's own events cannot collide with them.
            long base = Long.MAX_VALUE / 2;
            LogTables.insertEventsAtOnce(connection, List.of(event(base), event(base + 1), event(base + 2)));
            assertThat(stored(List.of(base, base + 1, base + 2))).isEqualTo(6);

            // The second batch repeats an id: the statement fails whole, and its new event is stored nowhere.
            assertThatThrownBy(
                            () -> LogTables.insertEventsAtOnce(connection, List.of(event(base + 3), event(base + 2))))
                    .isInstanceOf(SQLException.class);
            assertThat(stored(List.of(base + 3))).isZero();
        }
    }
}
