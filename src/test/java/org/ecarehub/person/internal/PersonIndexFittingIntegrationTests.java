package org.ecarehub.person.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ecarehub.person.Actor;
import org.ecarehub.person.AgencyRecord;
import org.ecarehub.person.PersonIndex;
import org.ecarehub.person.Sex;
import org.ecarehub.person.matching.MatchModel;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model is fitted to the index's records in the background once there are enough, and after bulk imports. */
@Tag("database")
class PersonIndexFittingIntegrationTests {

    @TempDir
    Path dataDir;

    static final String[] GIVEN = {"Fraser", "Neil", "Colin", "Derek", "Euan", "Kyle", "Liam", "Jamie", "Alan", "Brian"
    };
    static final String[] FAMILY = {"Allan", "Bell", "Black", "Grant", "Hughes", "Martin", "Ferguson", "Kennedy"};

    /** Forty men, each known to social work and to their GP practice, one of the two with a slip in the name. */
    static List<AgencyRecord> fortyMenAtTwoAgencies() {
        List<AgencyRecord> records = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String given = GIVEN[i % GIVEN.length];
            String family = FAMILY[i / 5 % FAMILY.length];
            String born = LocalDate.of(1940 + i, 1 + i % 12, 1 + i % 27).toString();
            String street = (i + 1) + " Main Street, Hamilton";
            String postcode = "ML3 " + (1 + i % 9) + "A" + (char) ('A' + i % 20);
            records.add(PersonIndexIntegrationTests.record(
                    "slc-social-work", "SW07" + i, null, given, family, born, Sex.MALE, street, postcode, null));
            records.add(PersonIndexIntegrationTests.record(
                    "hamilton-medical-practice",
                    "HMP-2" + i,
                    null,
                    i % 3 == 0 ? given + "e" : given,
                    family,
                    born,
                    Sex.MALE,
                    street,
                    postcode,
                    null));
        }
        return records;
    }

    @Test
    void fitsTheModelInTheBackgroundAfterABulkImportOnly() throws InterruptedException {
        try (RunningHub hub = RunningHub.start(
                "demo",
                dataDir,
                TestDatabase.fresh(dataDir),
                Map.of("ecare.demo.people", 0, "ecare.person.fit.minimum-records", 60))) {
            IndexedRecords indexed = hub.bean(IndexedRecords.class);
            PersonIndex index = hub.bean(PersonIndex.class);
            assertThat(indexed.fits()).isZero();

            index.submitAll(fortyMenAtTwoAgencies(), Actor.agencySystem(AgencyId.of("slc-social-work"), 1));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (indexed.fits() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }

            assertThat(indexed.fits()).isEqualTo(1);
            assertThat(indexed.fittedOn()).isGreaterThanOrEqualTo(80);
            assertThat(indexed.model().lambda())
                    .isNotEqualTo(MatchModel.priors().lambda());

            index.submit(
                    PersonIndexIntegrationTests.record(
                            "caring-hands", "CH-1", null, "Ross", "Gray", "1960-06-06", Sex.MALE, null, null, null),
                    Actor.agencySystem(AgencyId.of("caring-hands"), 1));
            Thread.sleep(200);
            assertThat(indexed.fits()).isEqualTo(1);
        }
    }
}
