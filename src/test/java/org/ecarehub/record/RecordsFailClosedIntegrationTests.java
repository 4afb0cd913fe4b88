package org.ecarehub.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import org.ecarehub.access.Requester;
import org.ecarehub.demo.DemoStoryPeople;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;
import org.ecarehub.support.LogOutage;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.ecarehub.transparency.LogUnavailable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * When the transparency log cannot record a decision, the record returns nothing and stores nothing: shown with the
 * database user's right to insert into the log taken away, on PostgreSQL.
 */
@Tag("postgres")
class RecordsFailClosedIntegrationTests {

    @TempDir
    static Path dataDir;

    static TestDatabase database;
    static RunningHub hub;
    static PersonId agnes;

    static final Requester KEY_WORKER = new Requester.Staff(Username.of("sw.hamilton"), Purpose.DIRECT_CARE, null);

    @BeforeAll
    static void startHub() {
        database = TestDatabase.fresh(dataDir);
        hub = RunningHub.start(
                "demo", dataDir, database, Map.of("ecare.demo.people", 0, "ecare.log.append-timeout", "5s"));
        agnes = DemoStoryPeople.ids(hub).get("Agnes Thomson");
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    static long count(String table) {
        return hub.bean(JdbcClient.class)
                .sql("select count(*) from " + table)
                .query(Long.class)
                .single();
    }

    static Alert alert(String text) {
        return new Alert(AlertType.COMMUNICATION_NEEDS, text, null);
    }

    @Test
    void storesNothingWhenTheLogCannotRecordTheCreation() throws SQLException {
        Records records = hub.bean(Records.class);
        long items = count("record_item");

        LogOutage.withoutTheLog(
                database,
                () -> assertThatThrownBy(
                                () -> records.add(KEY_WORKER, agnes, ItemDraft.of(alert("Hard of hearing; face her"))))
                        .isInstanceOf(LogUnavailable.class));

        assertThat(count("record_item")).isEqualTo(items);
    }

    @Test
    void keepsTheOldVersionWhenTheLogCannotRecordTheCorrection() throws SQLException {
        Records records = hub.bean(Records.class);
        RecordItem item = records.add(KEY_WORKER, agnes, ItemDraft.of(alert("Hard of hearing")));

        LogOutage.withoutTheLog(
                database,
                () -> assertThatThrownBy(() -> records.correct(
                                KEY_WORKER, item.id(), 1, alert("Deaf in her left ear"), "more precise"))
                        .isInstanceOf(LogUnavailable.class));

        assertThat(records.history(KEY_WORKER, item.id())).hasSize(1);
    }

    @Test
    void returnsNothingWhenTheLogCannotRecordTheRead() throws SQLException {
        Records records = hub.bean(Records.class);
        RecordItem item = records.add(KEY_WORKER, agnes, ItemDraft.of(alert("Uses a hearing aid")));

        LogOutage.withoutTheLog(database, () -> {
            assertThatThrownBy(() -> records.read(KEY_WORKER, agnes)).isInstanceOf(LogUnavailable.class);
            assertThatThrownBy(() -> records.item(KEY_WORKER, item.id())).isInstanceOf(LogUnavailable.class);
        });
    }
}
