package org.ecarehub.person.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ecarehub.person.Actor;
import org.ecarehub.person.AgencyRecord;
import org.ecarehub.person.PersonIndex;
import org.ecarehub.person.Sex;
import org.ecarehub.person.Submission;
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
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * When the transparency log cannot record a change of the person index, the change fails and nothing of it is
 * stored, in the database or in the match index: shown with the database user's right to insert into the log taken
 * away, on PostgreSQL.
 */
@Tag("postgres")
class PersonIndexFailClosedIntegrationTests {

    @TempDir
    static Path dataDir;

    static TestDatabase database;
    static RunningHub hub;
    static PersonIndex index;

    static final Actor socialWorker =
            Actor.staff(Username.of("sw.hamilton"), AgencyId.of("slc-social-work"), List.of("social-worker"), 1);

    @BeforeAll
    static void startHub() {
        database = TestDatabase.fresh(dataDir);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("ecare.demo.people", 0);
        properties.put("ecare.log.append-timeout", "5s");
        hub = RunningHub.start("demo", dataDir, database, properties);
        index = hub.bean(PersonIndex.class);
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    static final AgencyRecord colin = PersonIndexIntegrationTests.record(
            "slc-social-work",
            "SW0060001",
            null,
            "Colin",
            "Black",
            "1958-05-05",
            Sex.MALE,
            "12 Victoria Street, Hamilton",
            "ML3 6AA",
            null);

    static Submission submit(AgencyRecord record) {
        return index.submit(record, Actor.agencySystem(record.id().agency(), 1));
    }

    static long rows(String table) {
        return hub.bean(JdbcClient.class)
                .sql("select count(*) from " + table)
                .query(Long.class)
                .single();
    }

    static Map<String, Long> everyTable() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : List.of(
                "person_person",
                "person_agency_record",
                "person_record_version",
                "person_record_address",
                "person_link",
                "person_decision",
                "person_merge",
                "person_review_task")) {
            counts.put(table, rows(table));
        }
        return counts;
    }

    @Test
    void storesNoRecordAndIndexesNothingWhenTheLogCannotRecordIt() throws SQLException {
        Map<String, Long> before = everyTable();
        int indexed = hub.bean(IndexedRecords.class).size();

        withoutTheLog(() -> assertThatThrownBy(() -> submit(colin)).isInstanceOf(LogUnavailable.class));

        assertThat(everyTable()).isEqualTo(before);
        assertThat(hub.bean(IndexedRecords.class).size()).isEqualTo(indexed);
        assertThat(index.personOf(colin.id())).isEmpty();
        assertThat(submit(colin).outcome()).isEqualTo(Submission.Outcome.NEW_PERSON);
    }

    @Test
    void keepsTheCurrentVersionWhenTheLogCannotRecordAChange() throws SQLException {
        AgencyRecord dora = PersonIndexIntegrationTests.record(
                "caring-hands", "CH-9001", null, "Dora", "Ross", "1937-01-31", Sex.FEMALE, null, "ML3 9DD", null);
        submit(dora);
        AgencyRecord changed = PersonIndexIntegrationTests.record(
                "caring-hands", "CH-9001", null, "Dora", "Ross", "1937-01-31", Sex.FEMALE, null, "ML3 9DE", null);
        Map<String, Long> before = everyTable();

        withoutTheLog(() -> assertThatThrownBy(() -> submit(changed)).isInstanceOf(LogUnavailable.class));

        assertThat(everyTable()).isEqualTo(before);
        assertThat(index.current(dora.id()).orElseThrow().demographics()).isEqualTo(dora.demographics());
        long number = hub.bean(JdbcClient.class)
                .sql("select id from person_agency_record where local_id = 'CH-9001'")
                .query(Long.class)
                .single();
        assertThat(hub.bean(IndexedRecords.class).record(number).orElseThrow().postcode())
                .isEqualTo("ML3 9DD");
    }

    @Test
    void mergesNothingWhenTheLogCannotRecordTheMerge() throws SQLException {
        PersonId one = submit(PersonIndexIntegrationTests.record(
                        "slc-education", "SCN-500", null, "Callum", "Ross", "2015-09-09", Sex.MALE, null, null, null))
                .person();
        PersonId other = submit(PersonIndexIntegrationTests.record(
                        "slc-education", "SCN-501", null, "Calum", "Ross", "2015-09-19", Sex.MALE, null, null, null))
                .person();
        Map<String, Long> before = everyTable();

        withoutTheLog(() -> assertThatThrownBy(() -> index.merge(one, other, "One boy.", socialWorker))
                .isInstanceOf(LogUnavailable.class));

        assertThat(everyTable()).isEqualTo(before);
        assertThat(index.personIdsInHistory(other)).containsExactly(other);
        assertThat(index.merges(one)).isEmpty();
    }

    static void withoutTheLog(LogOutage.Check check) throws SQLException {
        LogOutage.withoutTheLog(database, check);
    }
}
