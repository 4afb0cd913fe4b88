package org.ecarehub.person.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.ecarehub.person.Actor;
import org.ecarehub.person.AgencyRecord;
import org.ecarehub.person.PersonIndex;
import org.ecarehub.person.Sex;
import org.ecarehub.person.Submission;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two nodes over one database: each takes in what the other stored before it matches a record. */
@Tag("postgres")
class PersonIndexTwoNodesIntegrationTests {

    @TempDir
    Path dataDir;

    static Submission submitOn(RunningHub node, AgencyRecord record) {
        return node.bean(PersonIndex.class)
                .submit(record, Actor.agencySystem(record.id().agency(), 1));
    }

    @Test
    void matchesARecordOnOneNodeAgainstARecordStoredOnTheOther() {
        TestDatabase database = TestDatabase.fresh(dataDir);
        Map<String, Object> properties = Map.of("ecare.demo.people", 0);
        try (RunningHub first = RunningHub.start("demo", dataDir, database, properties);
                RunningHub second = RunningHub.start("demo", dataDir, database, properties)) {
            Submission atHealth = submitOn(
                    first,
                    PersonIndexIntegrationTests.record(
                            "nhs-lanarkshire",
                            "LN6000001",
                            null,
                            "Catherine",
                            "Cameron",
                            "1944-02-29",
                            Sex.FEMALE,
                            "6 Church Street, Hamilton",
                            "ML3 6BA",
                            null));
            Submission atHomecare = submitOn(
                    second,
                    PersonIndexIntegrationTests.record(
                            "caring-hands",
                            "CH-6000002",
                            null,
                            "Catherine",
                            "Cameron",
                            "1944-02-29",
                            Sex.FEMALE,
                            "6 Church St, Hamilton",
                            "ML3 6BA",
                            null));

            assertThat(atHomecare.outcome()).isEqualTo(Submission.Outcome.LINKED);
            assertThat(atHomecare.person()).isEqualTo(atHealth.person());
            assertThat(first.bean(IndexedRecords.class).size())
                    .isEqualTo(second.bean(IndexedRecords.class).size() - 1);
        }
    }

    /** The phone recorded last for the person, as {@link PersonIndex#person} answers on the node. */
    private static String phoneOn(RunningHub node, org.ecarehub.shared.PersonId person) {
        return node.bean(PersonIndex.class)
                .person(person)
                .orElseThrow()
                .records()
                .get(0)
                .demographics()
                .phone();
    }

    @Test
    void readsAPersonChangedOnEitherNodeAsChangedOnceTheChangeHasCommitted() throws Exception {
        TestDatabase database = TestDatabase.fresh(dataDir);
        Map<String, Object> properties = Map.of("ecare.demo.people", 0, "ecare.person.cache.poll", "100ms");
        try (RunningHub first = RunningHub.start("demo", dataDir, database, properties);
                RunningHub second = RunningHub.start("demo", dataDir, database, properties)) {
            java.util.function.Function<String, AgencyRecord> withPhone = phone -> PersonIndexIntegrationTests.record(
                    "nhs-lanarkshire",
                    "LN6000003",
                    null,
                    "Morag",
                    "Lennox",
                    "1951-07-14",
                    Sex.FEMALE,
                    "3 Mill Road, Hamilton",
                    "ML3 6AB",
                    phone);
            org.ecarehub.shared.PersonId person =
                    submitOn(first, withPhone.apply("01698 000001")).person();
            // Past both nodes' polls that see this change (each empties its cache once more), both hold the person.
            Thread.sleep(500);
            assertThat(phoneOn(first, person)).isEqualTo("01698 000001");
            assertThat(phoneOn(second, person)).isEqualTo("01698 000001");
            assertThat(first.bean(PersonCache.class).size()).isEqualTo(1);

            submitOn(first, withPhone.apply("01698 000002"));
            // The node that made the change reads it at once; the other within its poll.
            assertThat(phoneOn(first, person)).isEqualTo("01698 000002");
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!"01698 000002".equals(phoneOn(second, person)) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(phoneOn(second, person)).isEqualTo("01698 000002");

            submitOn(second, withPhone.apply("01698 000003"));
            assertThat(phoneOn(second, person)).isEqualTo("01698 000003");
            deadline = System.nanoTime() + 5_000_000_000L;
            while (!"01698 000003".equals(phoneOn(first, person)) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(phoneOn(first, person)).isEqualTo("01698 000003");
        }
    }

    @Test
    void keepsNoPeopleWhenTheCacheSizeIsNought() {
        TestDatabase database = TestDatabase.fresh(dataDir);
        Map<String, Object> properties = Map.of("ecare.demo.people", 0, "ecare.person.cache.size", 0);
        try (RunningHub node = RunningHub.start("demo", dataDir, database, properties)) {
            org.ecarehub.shared.PersonId person = submitOn(
                            node,
                            PersonIndexIntegrationTests.record(
                                    "nhs-lanarkshire",
                                    "LN6000004",
                                    null,
                                    "Iain",
                                    "Baird",
                                    "1960-01-02",
                                    Sex.MALE,
                                    null,
                                    "ML3 6AB",
                                    null))
                    .person();
            assertThat(node.bean(PersonIndex.class).person(person)).isPresent();
            assertThat(node.bean(PersonCache.class).size()).isZero();
        }
    }
}
