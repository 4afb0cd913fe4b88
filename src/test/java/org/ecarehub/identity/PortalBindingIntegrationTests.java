package org.ecarehub.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.ecarehub.access.Requester;
import org.ecarehub.demo.DemoStoryPeople;
import org.ecarehub.person.Actor;
import org.ecarehub.record.Records;
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
 * Binding a portal account to its person (POLICY.md P1) on a real hub and database: staff whose roles may update
 * demographics bind or refuse a request, each decision is in the transparency log by ids only, and nothing is stored
 * when the log cannot record it.
 */
@Tag("database")
class PortalBindingIntegrationTests {

    static final String PASSWORD = "heather on the braes in june";

    @TempDir
    static Path dataDir;

    static TestDatabase database;
    static RunningHub hub;
    static PortalAccounts accounts;
    static PersonId agnes;

    @BeforeAll
    static void startDemoHub() {
        database = TestDatabase.fresh(dataDir);
        hub = RunningHub.demo(dataDir, database);
        accounts = hub.bean(PortalAccounts.class);
        Map<String, PersonId> people = DemoStoryPeople.ids(hub);
        agnes = people.get("Agnes Thomson");
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    static VerificationRequest waiting(String username) {
        accounts.register(Username.of(username), username + "@example.org", PASSWORD);
        return accounts.requestVerification(
                Username.of(username), new VerificationClaim("Agnes Thomson", LocalDate.of(1941, 3, 14), null));
    }

    static List<String> logged(EventType type, String item) {
        return hub
                .bean(JdbcClient.class)
                .sql("select event from transparency_event where event_type = ? order by id")
                .param(type.code())
                .query(String.class)
                .list()
                .stream()
                .filter(event -> event.contains(item))
                .toList();
    }

    @Test
    void staffBindTheAccountAndTheBindingIsLoggedByIdsOnly() {
        VerificationRequest request = waiting("ann.bound");
        assertThat(accounts.waiting()).extracting(VerificationRequest::id).contains(request.id());

        PortalAccount bound = accounts.bind(request.id(), agnes, hub.staffActor("sw.hamilton"));

        assertThat(bound.bound()).isTrue();
        assertThat(bound.boundTo()).isEqualTo(agnes);
        assertThat(accounts.boundTo(agnes)).extracting(PortalAccount::username).contains(Username.of("ann.bound"));
        assertThat(accounts.request(request.id()).orElseThrow().outcome()).isEqualTo(VerificationRequest.Outcome.BOUND);
        assertThat(accounts.waiting()).extracting(VerificationRequest::id).doesNotContain(request.id());
        List<String> events = logged(EventType.PORTAL_ACCOUNT, "portal-verification-" + request.id() + "\"");
        assertThat(events)
                .singleElement()
                .asString()
                .contains("\"bind\"", "sw.hamilton", "portal-account:ann.bound")
                .doesNotContain("Agnes", "1941");
    }

    @Test
    void staffRefuseWithAReasonTheHolderIsToldAndTheLogIsNot() {
        VerificationRequest request = waiting("ann.refused");

        accounts.refuse(request.id(), "Your date of birth does not match our records", hub.staffActor("sw.hamilton"));

        assertThat(accounts.find(Username.of("ann.refused")).orElseThrow().status())
                .isEqualTo(PortalAccount.Status.UNBOUND);
        assertThat(accounts.refusalReason(request.id())).contains("Your date of birth does not match our records");
        assertThat(logged(EventType.PORTAL_ACCOUNT, "portal-verification-" + request.id() + "\""))
                .singleElement()
                .asString()
                .contains("\"refuse\"")
                .doesNotContain("date of birth", "Agnes");
        assertThatThrownBy(() -> accounts.bind(request.id(), agnes, hub.staffActor("sw.hamilton")))
                .isInstanceOf(PortalRefused.class)
                .hasMessage("this request has been decided already");
    }

    @Test
    void refusesStaffWhoseRolesMayNotUpdateDemographics() {
        VerificationRequest request = waiting("ann.notyours");

        assertThatThrownBy(() -> accounts.bind(request.id(), agnes, hub.staffActor("ot.hamilton")))
                .isInstanceOf(PortalRefused.class)
                .hasMessageContaining("may update demographics");
        assertThatThrownBy(() -> accounts.bind(request.id(), agnes, Actor.hub("a script")))
                .isInstanceOf(PortalRefused.class);
        assertThat(accounts.find(Username.of("ann.notyours")).orElseThrow().bound())
                .isFalse();
        assertThat(logged(EventType.PORTAL_ACCOUNT, "portal-verification-" + request.id() + "\""))
                .isEmpty();
    }

    @Test
    void refusesAnUnknownPersonAndBadClaims() {
        VerificationRequest request = waiting("ann.unknown");
        assertThatThrownBy(() -> accounts.bind(request.id(), PersonId.random(), hub.staffActor("sw.hamilton")))
                .isInstanceOf(PortalRefused.class)
                .hasMessage("no such person in the person index");
        assertThatThrownBy(() -> accounts.requestVerification(
                        Username.of("ann.unknown"), new VerificationClaim("Ann", LocalDate.of(1960, 1, 1), null)))
                .isInstanceOf(PortalRefused.class)
                .hasMessage("this account is bound already or waiting for verification");
        accounts.register(Username.of("ann.future"), "ann@example.org", PASSWORD);
        assertThatThrownBy(() -> accounts.requestVerification(
                        Username.of("ann.future"), new VerificationClaim("Ann", LocalDate.of(2999, 1, 1), null)))
                .isInstanceOf(PortalRefused.class)
                .hasMessage("enter a date of birth in the past");
        assertThat(accounts.find(Username.of("ann.future")).orElseThrow().status())
                .isEqualTo(PortalAccount.Status.UNBOUND);
    }

    @Test
    void refusesAWeakOrTakenRegistration() {
        assertThatThrownBy(() -> accounts.register(Username.of("bob.short"), "bob@example.org", "short"))
                .isInstanceOf(PortalRefused.class)
                .hasMessage("a password needs at least 12 characters");
        assertThatThrownBy(() -> accounts.register(Username.of("sw.hamilton"), "sw@example.org", PASSWORD))
                .isInstanceOf(PortalRefused.class)
                .hasMessage("this username is taken; choose another");
        assertThatThrownBy(() -> accounts.register(Username.of("bob.mail"), "not an email", PASSWORD))
                .isInstanceOf(PortalRefused.class)
                .hasMessageContaining("email");
        assertThat(accounts.find(Username.of("bob.short"))).isEmpty();
    }

    @Test
    void anUnboundAccountReadsNothingOfAnyRecord() {
        accounts.register(Username.of("ann.nothing"), "ann@example.org", PASSWORD);
        Requester.Portal unbound = new Requester.Portal("ann.nothing", null);
        assertThat(hub.bean(Records.class).read(unbound, agnes).items()).isEmpty();
    }

    @Test
    void storesNothingWhenTheLogCannotRecordTheBinding() throws Exception {
        assumeThat(TestDatabase.postgresql())
                .as("revoking the log's insert right needs PostgreSQL")
                .isTrue();
        VerificationRequest request = waiting("ann.failclosed");

        LogOutage.withoutTheLog(
                database,
                () -> assertThatThrownBy(() -> accounts.bind(request.id(), agnes, hub.staffActor("sw.hamilton")))
                        .isInstanceOf(LogUnavailable.class));

        assertThat(accounts.find(Username.of("ann.failclosed")).orElseThrow().status())
                .isEqualTo(PortalAccount.Status.AWAITING_VERIFICATION);
        assertThat(accounts.request(request.id()).orElseThrow().outcome())
                .isEqualTo(VerificationRequest.Outcome.WAITING);
        assertThat(accounts.boundTo(agnes))
                .extracting(PortalAccount::username)
                .doesNotContain(Username.of("ann.failclosed"));
    }
}
