package org.ecarehub.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.ecarehub.demo.DemoStoryPeople;
import org.ecarehub.partnership.Action;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.shared.AgencyId;
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

/**
 * When the transparency log cannot record a decision, the access fails and nothing is returned: shown with the
 * database user's right to insert into the log taken away, on PostgreSQL.
 */
@Tag("postgres")
class AccessDecisionsFailClosedIntegrationTests {

    @TempDir
    static Path dataDir;

    static TestDatabase database;
    static RunningHub hub;
    static Map<String, PersonId> people;

    static final Requester KEY_WORKER = new Requester.Staff(Username.of("sw.hamilton"), Purpose.DIRECT_CARE, null);

    @BeforeAll
    static void startHub() {
        database = TestDatabase.fresh(dataDir);
        hub = RunningHub.start(
                "demo", dataDir, database, Map.of("ecare.demo.people", 0, "ecare.log.append-timeout", "5s"));
        people = DemoStoryPeople.ids(hub);
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    @Test
    void refusesADecisionTheLogCannotRecord() throws SQLException {
        AccessItem note = new AccessItem(
                "social-work-note-1", Category.SOCIAL_WORK_NOTE, Sensitivity.NORMAL, AgencyId.of("slc-social-work"));
        withoutTheLog(() -> assertThatThrownBy(() -> hub.bean(AccessDecisions.class)
                        .decide(KEY_WORKER, Action.READ, people.get("Agnes Thomson"), List.of(note)))
                .isInstanceOf(LogUnavailable.class));
    }

    @Test
    void returnsNoPersonWhenTheLogCannotRecordTheRead() throws SQLException {
        PersonDirectory directory = hub.bean(PersonDirectory.class);
        assertThat(directory.read(KEY_WORKER, people.get("Agnes Thomson"))).isPresent();

        withoutTheLog(() -> assertThatThrownBy(() -> directory.read(KEY_WORKER, people.get("Agnes Thomson")))
                .isInstanceOf(LogUnavailable.class));
        withoutTheLog(() -> assertThatThrownBy(() -> directory.search(
                        KEY_WORKER, new PersonQuery(null, null, null, "Thomson", "Agnes", null, null, null)))
                .isInstanceOf(LogUnavailable.class));
    }

    static void withoutTheLog(LogOutage.Check check) throws SQLException {
        LogOutage.withoutTheLog(database, check);
    }
}
