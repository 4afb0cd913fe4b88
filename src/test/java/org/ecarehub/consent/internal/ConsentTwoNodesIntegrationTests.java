package org.ecarehub.consent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.ecarehub.consent.ConsentDraft;
import org.ecarehub.consent.ConsentEvidence;
import org.ecarehub.consent.ConsentState;
import org.ecarehub.consent.Consents;
import org.ecarehub.consent.Exemption;
import org.ecarehub.consent.Recipient;
import org.ecarehub.consent.WithholdingDraft;
import org.ecarehub.consent.WithholdingTarget;
import org.ecarehub.consent.Withholdings;
import org.ecarehub.partnership.AgencyType;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.person.Actor;
import org.ecarehub.person.AgencyRecord;
import org.ecarehub.person.AgencyRecordId;
import org.ecarehub.person.Demographics;
import org.ecarehub.person.PersonIndex;
import org.ecarehub.person.Sex;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes over one database: a consent or withholding recorded on one reaches the other's cache within a second,
 * though the other had answered from its cache just before.
 */
@Tag("postgres")
class ConsentTwoNodesIntegrationTests {

    static final AgencyId HOUSING = AgencyId.of("slc-housing");
    static final Actor socialWorker =
            Actor.staff(Username.of("sw.hamilton"), AgencyId.of("slc-social-work"), List.of("social-worker"), 1);

    @TempDir
    Path dataDir;

    static PersonId person(RunningHub node) {
        String local = "CT2-" + UUID.randomUUID();
        return node.bean(PersonIndex.class)
                .submit(
                        new AgencyRecord(
                                AgencyRecordId.of("slc-social-work", local),
                                new Demographics(
                                        "Isla",
                                        null,
                                        "Two" + local.substring(4, 10),
                                        List.of(),
                                        LocalDate.of(1950, 3, 3),
                                        Sex.FEMALE,
                                        List.of(),
                                        null,
                                        null)),
                        Actor.agencySystem(AgencyId.of("slc-social-work"), 1))
                .person();
    }

    static ConsentState latest(RunningHub node, PersonId person) {
        return node.bean(Consents.class)
                .latest(
                        person,
                        Purpose.DIRECT_CARE,
                        HOUSING,
                        AgencyType.COUNCIL_HOUSING,
                        Category.CONTACTS,
                        LocalDate.now())
                .state();
    }

    static ConsentDraft toHousing(PersonId person, ConsentState status) {
        return new ConsentDraft(
                person,
                Purpose.DIRECT_CARE,
                Set.of(),
                List.of(Recipient.agency(HOUSING)),
                status,
                null,
                ConsentEvidence.verbal(),
                LocalDate.now(),
                null);
    }

    /** How long the other node took to see the change, in milliseconds, or -1 if it never did within 5 s. */
    static long millisUntil(java.util.function.BooleanSupplier seen) throws InterruptedException {
        long start = System.nanoTime();
        while (System.nanoTime() - start < 5_000_000_000L) {
            if (seen.getAsBoolean()) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            Thread.sleep(10);
        }
        return -1;
    }

    @Test
    void aChangeOnOneNodeReachesTheOtherNodesCacheWithinASecond() throws InterruptedException {
        TestDatabase database = TestDatabase.fresh(dataDir);
        Map<String, Object> properties = Map.of("ecare.demo.people", 0);
        try (RunningHub first = RunningHub.start("demo", dataDir, database, properties);
                RunningHub second = RunningHub.start("demo", dataDir, database, properties)) {
            PersonId person = person(first);
            first.bean(Consents.class).record(toHousing(person, ConsentState.GIVEN), socialWorker);
            // The second node caches the answer it gives now.
            assertThat(latest(second, person)).isEqualTo(ConsentState.GIVEN);
            assertThat(latest(second, person)).isEqualTo(ConsentState.GIVEN);

            first.bean(Consents.class).record(toHousing(person, ConsentState.WITHDRAWN), socialWorker);

            assertThat(latest(first, person)).isEqualTo(ConsentState.WITHDRAWN);
            long consentMillis = millisUntil(() -> latest(second, person) == ConsentState.WITHDRAWN);
            assertThat(consentMillis).isBetween(0L, 1000L);

            Withholdings onSecond = second.bean(Withholdings.class);
            assertThat(onSecond.inForce(person, LocalDate.now())).isEmpty();
            first.bean(Withholdings.class)
                    .withhold(
                            new WithholdingDraft(
                                    person,
                                    WithholdingTarget.item("item-1"),
                                    Exemption.SERIOUS_HARM,
                                    "Would cause serious harm.",
                                    LocalDate.now().plusMonths(3),
                                    null),
                            socialWorker);
            long withholdingMillis =
                    millisUntil(() -> !onSecond.inForce(person, LocalDate.now()).isEmpty());
            assertThat(withholdingMillis).isBetween(0L, 1000L);
        }
    }
}
