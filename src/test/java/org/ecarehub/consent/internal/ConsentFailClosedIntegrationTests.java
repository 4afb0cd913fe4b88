package org.ecarehub.consent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ecarehub.consent.Authority;
import org.ecarehub.consent.AuthorityDraft;
import org.ecarehub.consent.ConsentDraft;
import org.ecarehub.consent.ConsentEvidence;
import org.ecarehub.consent.ConsentState;
import org.ecarehub.consent.Consents;
import org.ecarehub.consent.Exemption;
import org.ecarehub.consent.Recipient;
import org.ecarehub.consent.Representatives;
import org.ecarehub.consent.WithholdingDraft;
import org.ecarehub.consent.WithholdingTarget;
import org.ecarehub.consent.Withholdings;
import org.ecarehub.partnership.AgencyType;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.person.Actor;
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
 * When the transparency log cannot record a consent, authority or withholding, nothing of it is stored and no node
 * is told of a change: shown with the database user's right to insert into the log taken away, on PostgreSQL.
 */
@Tag("postgres")
class ConsentFailClosedIntegrationTests {

    @TempDir
    static Path dataDir;

    static TestDatabase database;
    static RunningHub hub;

    static final Actor socialWorker =
            Actor.staff(Username.of("sw.hamilton"), AgencyId.of("slc-social-work"), List.of("social-worker"), 1);

    @BeforeAll
    static void startHub() {
        database = TestDatabase.fresh(dataDir);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("ecare.demo.people", 0);
        properties.put("ecare.log.append-timeout", "5s");
        hub = RunningHub.start("demo", dataDir, database, properties);
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    static Map<String, Long> everyTable() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : List.of("consent_consent", "consent_authority", "consent_withholding", "consent_change")) {
            counts.put(
                    table,
                    hub.bean(JdbcClient.class)
                            .sql("select count(*) from " + table)
                            .query(Long.class)
                            .single());
        }
        return counts;
    }

    @Test
    void storesNothingWhenTheLogCannotRecordTheChange() throws SQLException {
        PersonId agnes = ConsentIntegrationTestsPeople.person(hub, "1941-03-14");
        PersonId david = ConsentIntegrationTestsPeople.person(hub, "1968-07-22");
        Map<String, Long> before = everyTable();

        withoutTheLog(() -> {
            assertThatThrownBy(() -> hub.bean(Consents.class)
                            .record(
                                    new ConsentDraft(
                                            agnes,
                                            Purpose.DIRECT_CARE,
                                            Set.of(),
                                            List.of(Recipient.type(AgencyType.GP_PRACTICE)),
                                            ConsentState.GIVEN,
                                            null,
                                            ConsentEvidence.verbal(),
                                            LocalDate.now(),
                                            null),
                                    socialWorker))
                    .isInstanceOf(LogUnavailable.class);
            assertThatThrownBy(() -> hub.bean(Representatives.class)
                            .record(
                                    new AuthorityDraft(
                                            agnes,
                                            david,
                                            Authority.Kind.WELFARE_ATTORNEY,
                                            "OPG-WPA-2019-004417",
                                            Set.of(),
                                            LocalDate.now(),
                                            null),
                                    socialWorker))
                    .isInstanceOf(LogUnavailable.class);
            assertThatThrownBy(() -> hub.bean(Withholdings.class)
                            .withhold(
                                    new WithholdingDraft(
                                            agnes,
                                            WithholdingTarget.item("item-9"),
                                            Exemption.THIRD_PARTY,
                                            "A neighbour's report.",
                                            LocalDate.now().plusMonths(1),
                                            null),
                                    socialWorker))
                    .isInstanceOf(LogUnavailable.class);
        });

        assertThat(everyTable()).isEqualTo(before);
        assertThat(hub.bean(Consents.class)
                        .latest(
                                agnes,
                                Purpose.DIRECT_CARE,
                                AgencyId.of("hamilton-medical-practice"),
                                AgencyType.GP_PRACTICE,
                                Category.HEALTH_DETAIL,
                                LocalDate.now())
                        .state())
                .isEqualTo(ConsentState.NONE);
    }

    static void withoutTheLog(LogOutage.Check check) throws SQLException {
        LogOutage.withoutTheLog(database, check);
    }
}
