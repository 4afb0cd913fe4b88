package org.ecarehub.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ecarehub.person.AgencyRecord;
import org.ecarehub.person.PersonIndex;
import org.ecarehub.person.ReviewQueue;
import org.ecarehub.shared.PersonId;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The people of DEMO.md's stories: seeded once through the person index, one person each, kept across restarts. */
@Tag("database")
class DemoStoryPeopleIntegrationTests {

    @TempDir
    Path dataDir;

    static final int RECORDS = DemoPeople.all().stream()
            .mapToInt(person -> person.records().size())
            .sum();

    /** Each story person's id, after checking that all their records are that one person. */
    static Map<String, PersonId> storyPersons(RunningHub hub) {
        PersonIndex index = hub.bean(PersonIndex.class);
        Map<String, PersonId> persons = new LinkedHashMap<>();
        for (DemoPeople.StoryPerson person : DemoPeople.all()) {
            Set<PersonId> ids = new HashSet<>();
            for (AgencyRecord record : person.records()) {
                ids.add(index.personOf(record.id()).orElseThrow());
            }
            assertThat(ids).as(person.name() + " is one person").hasSize(1);
            persons.put(person.name(), ids.iterator().next());
        }
        return persons;
    }

    static long count(RunningHub hub, String table) {
        return hub.bean(JdbcClient.class)
                .sql("select count(*) from " + table)
                .query(Long.class)
                .single();
    }

    @Test
    void seedsEachStoryPersonOnceAsOnePersonAndKeepsThemAcrossARestart() {
        TestDatabase database = TestDatabase.fresh(dataDir);
        Map<String, PersonId> first;
        try (RunningHub hub = RunningHub.demo(dataDir, database)) {
            first = storyPersons(hub);
            assertThat(new HashSet<>(first.values())).hasSize(7);
            assertThat(count(hub, "person_agency_record")).isEqualTo(RECORDS);
            assertThat(count(hub, "person_record_version")).isEqualTo(RECORDS);
            assertThat(hub.bean(ReviewQueue.class).open(0, 10).total()).isZero();
            assertThat(hub.get(HttpClient.newHttpClient(), "/actuator/health").statusCode())
                    .isEqualTo(200);
        }
        try (RunningHub again = RunningHub.demo(dataDir, database)) {
            assertThat(storyPersons(again)).isEqualTo(first);
            assertThat(count(again, "person_person")).isEqualTo(7);
            assertThat(count(again, "person_agency_record")).isEqualTo(RECORDS);
            assertThat(count(again, "person_record_version")).isEqualTo(RECORDS);
        }
        try (RunningHub reset =
                RunningHub.start("demo", dataDir, database, Map.of("ecare.demo.reset", true, "ecare.demo.people", 0))) {
            Map<String, PersonId> afresh = storyPersons(reset);
            assertThat(afresh.values()).doesNotContainAnyElementsOf(first.values());
            assertThat(count(reset, "person_agency_record")).isEqualTo(RECORDS);
        }
    }

    @Test
    void isHealthyOnlyWithTheStoryPeopleInPlace() {
        try (RunningHub hub = RunningHub.demo(dataDir, TestDatabase.fresh(dataDir))) {
            HttpClient client = HttpClient.newHttpClient();
            assertThat(hub.get(client, "/actuator/health").statusCode()).isEqualTo(200);

            JdbcClient jdbc = hub.bean(JdbcClient.class);
            long mark = jdbc.sql("select id from person_agency_record where agency = 'police-scotland'")
                    .query(Long.class)
                    .single();
            List<Long> versions = jdbc.sql("select id from person_record_version where record_id = ?")
                    .param(mark)
                    .query(Long.class)
                    .list();
            for (long version : versions) {
                jdbc.sql("delete from person_record_address where version_id = ?")
                        .param(version)
                        .update();
                jdbc.sql("delete from person_record_previous_name where version_id = ?")
                        .param(version)
                        .update();
            }
            jdbc.sql("delete from person_record_version where record_id = ?")
                    .param(mark)
                    .update();
            jdbc.sql("delete from person_link where record_id = ?").param(mark).update();
            jdbc.sql("delete from person_agency_record where id = ?")
                    .param(mark)
                    .update();

            assertThat(hub.get(client, "/actuator/health").statusCode()).isEqualTo(503);
        }
    }
}
