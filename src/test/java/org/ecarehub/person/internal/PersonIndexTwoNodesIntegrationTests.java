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
}
