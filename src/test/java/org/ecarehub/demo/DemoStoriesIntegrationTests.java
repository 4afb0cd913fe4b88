package org.ecarehub.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.ecarehub.access.PersonDirectory;
import org.ecarehub.access.PersonQuery;
import org.ecarehub.access.PersonView;
import org.ecarehub.access.Relationships;
import org.ecarehub.access.Requester;
import org.ecarehub.consent.Authority;
import org.ecarehub.consent.ConsentState;
import org.ecarehub.consent.Consents;
import org.ecarehub.consent.DecisionArea;
import org.ecarehub.consent.RepresentativeAuthority;
import org.ecarehub.consent.Representatives;
import org.ecarehub.partnership.AgencyType;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The stories of DEMO.md as the access decision sees them: who is involved with whom, David's power of attorney,
 * Fiona's nomination, Lisa's parental responsibilities and the consents, seeded once through the access and consent
 * modules, and the outcomes the stories promise.
 */
@Tag("database")
class DemoStoriesIntegrationTests {

    @TempDir
    Path dataDir;

    static final PersonQuery AGNES = new PersonQuery(null, null, null, "Thomson", "Agnes", null, null, null);
    static final PersonQuery RYAN =
            new PersonQuery(null, null, null, "Kerr", "Ryan", null, LocalDate.of(2019, 6, 2), null);

    static Requester staff(String user, Purpose purpose) {
        return new Requester.Staff(Username.of(user), purpose, null);
    }

    static long count(RunningHub hub, String table) {
        return hub.bean(JdbcClient.class)
                .sql("select count(*) from " + table)
                .query(Long.class)
                .single();
    }

    @Test
    void findsAgnesForHerKeyWorkerAndNotForHousingAndRyanForTheEmergencyDepartmentOnlyInAnEmergency() {
        try (RunningHub hub = RunningHub.demo(dataDir, TestDatabase.fresh(dataDir))) {
            PersonDirectory directory = hub.bean(PersonDirectory.class);

            List<PersonView> bySocialWork = directory.search(staff("sw.hamilton", Purpose.DIRECT_CARE), AGNES);
            assertThat(bySocialWork).hasSize(1);
            assertThat(bySocialWork.get(0).records())
                    .extracting(shown -> shown.id().agency().value())
                    .contains("slc-social-work", "nhs-lanarkshire");

            assertThat(directory.search(staff("housing.ek", Purpose.DIRECT_CARE), AGNES))
                    .isEmpty();
            assertThat(directory.search(staff("ed.wishaw", Purpose.DIRECT_CARE), RYAN))
                    .isEmpty();
            assertThat(directory.search(staff("ed.wishaw", Purpose.EMERGENCY), RYAN))
                    .hasSize(1);
        }
    }

    @Test
    void seedsTheAuthoritiesConsentsAndRelationshipsOnceAndKeepsThemAcrossARestart() {
        TestDatabase database = TestDatabase.fresh(dataDir);
        long relationships;
        try (RunningHub hub = RunningHub.demo(dataDir, database)) {
            Map<String, PersonId> people = DemoStoryPeopleIntegrationTests.storyPersons(hub);
            PersonId agnes = people.get("Agnes Thomson");
            Representatives representatives = hub.bean(Representatives.class);
            LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));

            assertThat(representatives.lacksCapacity(agnes, DecisionArea.WELFARE, today))
                    .isTrue();
            List<RepresentativeAuthority> overAgnes = representatives.authoritiesOver(agnes);
            assertThat(overAgnes)
                    .extracting(
                            held -> held.representative(),
                            held -> held.authority().kind())
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(
                                    people.get("David Thomson"), Authority.Kind.WELFARE_ATTORNEY),
                            org.assertj.core.groups.Tuple.tuple(
                                    people.get("Fiona Thomson"), Authority.Kind.NOMINATED_NEXT_OF_KIN_OR_CARER));
            assertThat(overAgnes).allMatch(held -> held.authority().verified());
            assertThat(representatives.heldBy(people.get("Lisa Kerr")))
                    .extracting(RepresentativeAuthority::person)
                    .containsExactlyInAnyOrder(people.get("Ryan Kerr"), people.get("Ellie Kerr"));

            assertThat(hub.bean(Consents.class)
                            .latest(
                                    agnes,
                                    Purpose.DIRECT_CARE,
                                    AgencyId.of("caring-hands"),
                                    AgencyType.CARE_PROVIDER,
                                    Category.CARE_PLAN,
                                    today)
                            .state())
                    .isEqualTo(ConsentState.GIVEN);
            assertThat(hub.bean(Relationships.class).of(agnes))
                    .extracting(relationship -> relationship.holder().reference())
                    .hasSize(5);
            relationships = count(hub, "access_relationship");
        }
        try (RunningHub again = RunningHub.demo(dataDir, database)) {
            assertThat(count(again, "access_relationship")).isEqualTo(relationships);
            assertThat(count(again, "consent_authority")).isEqualTo(4);
        }
    }
}
