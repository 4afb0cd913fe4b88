package org.ecarehub.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ecarehub.demo.DemoStoryPeople;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;
import org.ecarehub.support.LogOutage;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.ecarehub.transparency.EventType;
import org.ecarehub.transparency.LogUnavailable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Requests from the portal to add a representative, on a real hub and database: they wait in the verification queue
 * for staff who may verify, each step is in the transparency log by ids only, and bad input, an unbound account or a
 * log that cannot record the step store nothing.
 */
@Tag("database")
class RepresentativeRequestsIntegrationTests {

    static final Username DAVID = Username.of("david.thomson");

    @TempDir
    static Path dataDir;

    static TestDatabase database;
    static RunningHub hub;
    static RepresentativeRequests requests;
    static PersonId agnes;

    @BeforeAll
    static void startDemoHub() {
        database = TestDatabase.fresh(dataDir);
        hub = RunningHub.demo(dataDir, database);
        requests = hub.bean(RepresentativeRequests.class);
        Map<String, PersonId> people = DemoStoryPeople.ids(hub);
        agnes = people.get("Agnes Thomson");
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    static List<String> logged(long request) {
        return hub
                .bean(JdbcClient.class)
                .sql("select event from transparency_event where event_type = ? order by id")
                .param(EventType.PORTAL_ACCOUNT.code())
                .query(String.class)
                .list()
                .stream()
                .filter(event -> event.contains("portal-representative-request-" + request + "\""))
                .toList();
    }

    static int stored() {
        return hub.bean(JdbcClient.class)
                .sql("select count(*) from identity_portal_representative_request")
                .query(Integer.class)
                .single();
    }

    @Test
    void aRequestWaitsForStaffAndEachStepIsLoggedByIdsOnly() {
        RepresentativeRequest asked =
                requests.request(DAVID, agnes, "WELFARE_GUARDIAN", "Margaret Thomson", "OPG-GUARD-2026-0042");

        assertThat(requests.waiting()).extracting(RepresentativeRequest::id).contains(asked.id());
        assertThat(requests.of(DAVID, agnes))
                .extracting(RepresentativeRequest::id)
                .contains(asked.id());
        assertThat(logged(asked.id()))
                .singleElement()
                .asString()
                .contains("\"request-representative\"", "portal-account:david.thomson", agnes.value())
                .doesNotContain("Margaret", "OPG-GUARD");

        RepresentativeRequest decided =
                requests.decide(asked.id(), RepresentativeRequest.Outcome.RECORDED, hub.staffActor("sw.hamilton"));

        assertThat(decided.outcome()).isEqualTo(RepresentativeRequest.Outcome.RECORDED);
        assertThat(decided.decidedBy()).isEqualTo("sw.hamilton");
        assertThat(requests.waiting()).extracting(RepresentativeRequest::id).doesNotContain(asked.id());
        assertThat(logged(asked.id())).hasSize(2).last().asString().contains("\"representative-recorded\"");
        assertThatThrownBy(() -> requests.decide(
                        asked.id(), RepresentativeRequest.Outcome.REFUSED, hub.staffActor("sw.hamilton")))
                .isInstanceOf(PortalRefused.class)
                .hasMessage("this request is not waiting");
    }

    @Test
    void refusesStaffWhoMayNotVerifyAndChangesNothing() {
        RepresentativeRequest asked = requests.request(DAVID, agnes, "WELFARE_GUARDIAN", "Ian Thomson", "CT-77");

        assertThatThrownBy(() -> requests.decide(
                        asked.id(), RepresentativeRequest.Outcome.RECORDED, hub.staffActor("ot.hamilton")))
                .isInstanceOf(PortalRefused.class)
                .hasMessageContaining("may update demographics");
        assertThat(requests.waiting()).extracting(RepresentativeRequest::id).contains(asked.id());
        assertThat(logged(asked.id())).hasSize(1);
    }

    @Test
    void refusesAnUnboundAccountAndBadInputStoringNothing() {
        hub.bean(PortalAccounts.class)
                .register(Username.of("eve.unbound"), "eve@example.org", "heather on the braes in june");
        int before = stored();

        assertThatThrownBy(() -> requests.request(Username.of("eve.unbound"), agnes, "WELFARE_GUARDIAN", "Eve", "R-1"))
                .isInstanceOf(PortalRefused.class)
                .hasMessage("only an account bound to its holder may ask to add a representative");
        assertThatThrownBy(() -> requests.request(DAVID, agnes, "WELFARE_GUARDIAN", " ", "R-1"))
                .isInstanceOf(PortalRefused.class)
                .hasMessage("enter the representative's full name");
        assertThatThrownBy(() -> requests.request(DAVID, agnes, "WELFARE_GUARDIAN", "Ian", ""))
                .isInstanceOf(PortalRefused.class)
                .hasMessage("enter the reference of the document");
        assertThatThrownBy(() -> requests.request(DAVID, agnes, "a welfare guardian", "Ian", "R-1"))
                .isInstanceOf(PortalRefused.class)
                .hasMessage("choose the kind of authority");
        assertThatThrownBy(() -> requests.request(DAVID, agnes, "WELFARE_GUARDIAN", "Ian", "R".repeat(201)))
                .isInstanceOf(PortalRefused.class)
                .hasMessage("a document reference may have at most 200 characters");

        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void storesNothingWhenTheLogCannotRecordTheRequest() throws Exception {
        assumeThat(TestDatabase.postgresql())
                .as("revoking the log's insert right needs PostgreSQL")
                .isTrue();
        int before = stored();

        LogOutage.withoutTheLog(
                database,
                () -> assertThatThrownBy(
                                () -> requests.request(DAVID, agnes, "WELFARE_GUARDIAN", "Ian Thomson", "CT-88"))
                        .isInstanceOf(LogUnavailable.class));

        assertThat(stored()).isEqualTo(before);
    }
}
