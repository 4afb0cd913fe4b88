package org.ecarehub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecarehub.web.PageForms.encoded;
import static org.ecarehub.web.PageForms.location;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ecarehub.access.Requester;
import org.ecarehub.demo.DemoStoryPeople;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.protection.ProtectionMessageId;
import org.ecarehub.protection.ProtectionMessageView;
import org.ecarehub.protection.ProtectionMessages;
import org.ecarehub.protection.Routing;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The protection pages over real HTTP on the demo hub: the police concern hub raises a concern about Ryan and Ellie
 * Kerr with their linked adults; the receiving teams find it in their inboxes and acknowledge it; a step through
 * another message's routing, or on a routing that is not the user's team's, answers 403 and changes nothing; a stranger
 * gets 404; bad input redisplays the form and stores nothing; an overdue routing is highlighted.
 */
@Tag("database")
class ProtectionPagesIntegrationTests {

    static final TeamId CHILDREN_AND_FAMILIES = TeamId.of("children-families-blantyre");
    static final TeamId HEALTH_VISITING = TeamId.of("health-visiting-blantyre");

    static final String UNKNOWN = "00000000-0000-4000-8000-000000000000";

    static final String CONCERN =
            "Police attended a domestic incident at the family home overnight; both children were present.";

    @TempDir
    static Path dataDir;

    static RunningHub hub;
    static ProtectionMessages messages;
    static PersonId ryan;
    static PersonId ellie;
    static PersonId lisa;
    static PersonId mark;

    @BeforeAll
    static void startDemoHub() {
        hub = RunningHub.demo(dataDir, TestDatabase.fresh(dataDir));
        messages = hub.bean(ProtectionMessages.class);
        Map<String, PersonId> people = DemoStoryPeople.ids(hub);
        ryan = people.get("Ryan Kerr");
        ellie = people.get("Ellie Kerr");
        lisa = people.get("Lisa Kerr");
        mark = people.get("Mark Boyle");
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    static HttpClient signedIn(String username) {
        return PageForms.signedIn(hub, username);
    }

    /** A member of staff signed in and working under child protection, as reading protection messages needs. */
    static HttpClient protectingIn(String username) {
        HttpClient browser = signedIn(username);
        location(post(
                browser,
                "/purpose",
                "/purpose",
                "purpose=child-protection&justification=" + encoded("Following up the concern about the children")));
        return browser;
    }

    static HttpResponse<String> post(HttpClient browser, String formPage, String path, String form) {
        return PageForms.post(hub, browser, formPage, path, form);
    }

    static Requester protecting(String username) {
        return new Requester.Staff(Username.of(username), Purpose.CHILD_PROTECTION, "Checking the concern");
    }

    static long count(String sql, Object... params) {
        return hub.bean(JdbcClient.class)
                .sql(sql)
                .params(params)
                .query(Long.class)
                .single();
    }

    static String kerrConcern(String justification) {
        return "kind=child&priority=urgent&concern=" + encoded(CONCERN)
                + "&person-1=" + ryan.value() + "&role-1=subject"
                + "&person-2=" + ellie.value() + "&role-2=subject"
                + "&person-3=" + lisa.value() + "&role-3=parent"
                + "&person-4=" + mark.value() + "&role-4=posing-risk"
                + (justification == null ? "" : "&justification=" + encoded(justification));
    }

    /** The police concern hub raises the Kerr concern through the form; the message as the police see it. */
    static ProtectionMessageView raiseAsPolice() {
        return raiseAsPolice(signedIn("police.hub"));
    }

    static ProtectionMessageView raiseAsPolice(HttpClient police) {
        HttpResponse<String> raised = post(
                police,
                "/protection/messages/new?about=" + ryan.value(),
                "/protection/messages",
                kerrConcern("Domestic incident at the family home overnight"));
        String to = location(raised);
        assertThat(to).matches("/protection/messages/\\d+\\?raised");
        long id = Long.parseLong(to.replaceAll("\\D+(\\d+)\\?raised", "$1"));
        return messages.find(protecting("police.hub"), new ProtectionMessageId(id))
                .orElseThrow();
    }

    static String stepForm(Routing routing) {
        return "routing=" + routing.id().value();
    }

    @Test
    void raisesFromThePersonsPageAndTheMessageReachesTheReceivingTeamsInboxesUnacknowledgedFirst() {
        HttpClient police = signedIn("police.hub");
        assertThat(hub.get(police, "/home").body()).contains("id=\"nav-protection\"");
        ProtectionMessageView message = raiseAsPolice(police);

        assertThat(message.routings()).extracting(Routing::team).contains(CHILDREN_AND_FAMILIES, HEALTH_VISITING);
        String page = hub.get(police, "/protection/messages/" + message.id().value() + "?raised")
                .body();
        assertThat(page)
                .contains("id=\"protection-done\"")
                .contains(CONCERN.substring(0, 40))
                .contains("Ryan")
                .contains("(posing risk)")
                .contains("id=\"deliveries\"")
                .contains("protection-message-received");

        for (String user : List.of("sw.blantyre", "hv.blantyre")) {
            String inbox = hub.get(protectingIn(user), "/protection").body();
            assertThat(inbox).as(user).contains("id=\"message-" + message.id().value() + "\"");
            assertThat(inbox).as(user).contains("Acknowledge by");
        }
    }

    @Test
    void acknowledgesForTheUsersTeamAndListsAcknowledgedMessagesAfterTheOthers() {
        ProtectionMessageView first = raiseAsPolice();
        ProtectionMessageView second = raiseAsPolice();
        HttpClient social = protectingIn("sw.blantyre");
        Routing routing = first.routingTo(CHILDREN_AND_FAMILIES);
        String path = "/protection/messages/" + first.id().value();
        assertThat(hub.get(social, path).body())
                .contains("id=\"acknowledge-" + routing.id().value() + "\"");

        HttpResponse<String> acknowledged = post(social, path, path + "/acknowledge", stepForm(routing));

        assertThat(location(acknowledged)).isEqualTo(path + "?acknowledged");
        Routing now = messages.find(protecting("sw.blantyre"), first.id())
                .orElseThrow()
                .routingTo(CHILDREN_AND_FAMILIES);
        assertThat(now.acknowledgedBy()).isEqualTo(Username.of("sw.blantyre"));
        assertThat(hub.get(social, path).body())
                .doesNotContain("id=\"acknowledge-" + routing.id().value() + "\"")
                .contains("acknowledged");
        String inbox = hub.get(social, "/protection").body();
        assertThat(inbox.indexOf("id=\"message-" + second.id().value() + "\""))
                .as("the unacknowledged message comes first")
                .isGreaterThan(-1)
                .isLessThan(inbox.indexOf("id=\"message-" + first.id().value() + "\""));
    }

    @Test
    void refusesAStepThroughAnotherMessagesRoutingOrByATeamTheRoutingIsNotForWith403AndChangesNothing() {
        ProtectionMessageView x = raiseAsPolice();
        ProtectionMessageView y = raiseAsPolice();
        String xPath = "/protection/messages/" + x.id().value();
        HttpClient social = protectingIn("sw.blantyre");
        HttpClient visitor = protectingIn("hv.blantyre");
        HttpClient police = protectingIn("police.hub");
        long steps = count("select count(*) from protection_message_step");

        Routing yRouting = y.routingTo(CHILDREN_AND_FAMILIES);
        assertThat(post(social, xPath, xPath + "/acknowledge", stepForm(yRouting))
                        .statusCode())
                .isEqualTo(403);
        assertThat(post(social, xPath, xPath + "/escalate", stepForm(yRouting)).statusCode())
                .isEqualTo(403);
        Routing theirs = x.routingTo(CHILDREN_AND_FAMILIES);
        assertThat(post(visitor, xPath, xPath + "/acknowledge", stepForm(theirs))
                        .statusCode())
                .isEqualTo(403);
        assertThat(post(police, xPath, xPath + "/acknowledge", stepForm(theirs)).statusCode())
                .isEqualTo(403);

        assertThat(count("select count(*) from protection_message_step")).isEqualTo(steps);
        assertThat(messages.find(protecting("police.hub"), x.id()).orElseThrow().routings())
                .noneMatch(Routing::acknowledged);
        assertThat(messages.find(protecting("police.hub"), y.id()).orElseThrow().routings())
                .noneMatch(Routing::acknowledged);
    }

    @Test
    void answersAStrangerAsForAMissingMessage() {
        ProtectionMessageView message = raiseAsPolice();
        HttpClient stranger = protectingIn("sw.airdrie");

        HttpResponse<String> unseen =
                hub.get(stranger, "/protection/messages/" + message.id().value());
        HttpResponse<String> missing = hub.get(stranger, "/protection/messages/999999999");
        assertThat(unseen.statusCode()).isEqualTo(404);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(unseen.body()
                        .replace("/" + message.id().value(), "/999999999")
                        .replaceAll("\"timestamp\":\"[^\"]*\"", ""))
                .isEqualTo(missing.body().replaceAll("\"timestamp\":\"[^\"]*\"", ""));
        assertThat(hub.get(stranger, "/protection/messages/not-a-number").statusCode())
                .isEqualTo(404);
        assertThat(hub.get(
                                signedIn("dn.hamilton"),
                                "/protection/messages/" + message.id().value())
                        .body())
                .contains("id=\"protection-purpose-needed\"")
                .doesNotContain(CONCERN.substring(0, 40));
    }

    @Test
    void redisplaysBadInputWithErrorsAndStoresNothing() {
        HttpClient police = protectingIn("police.hub");
        long before = count("select count(*) from protection_message");
        String formPage = "/protection/messages/new?about=" + ryan.value();

        HttpResponse<String> tooShort = post(
                police,
                formPage,
                "/protection/messages",
                kerrConcern("Domestic incident").replace(encoded(CONCERN), "Too+short"));
        HttpResponse<String> unknown = post(
                police,
                formPage,
                "/protection/messages",
                kerrConcern("Domestic incident").replace(mark.value(), UNKNOWN));
        HttpResponse<String> noSubject = post(
                police,
                formPage,
                "/protection/messages",
                "kind=child&priority=urgent&concern=" + encoded(CONCERN) + "&person-1=" + lisa.value()
                        + "&role-1=parent&justification=x");
        HttpResponse<String> noJustification =
                post(signedIn("police.hub"), formPage, "/protection/messages", kerrConcern(null));

        assertThat(tooShort.statusCode()).isEqualTo(200);
        assertThat(tooShort.body())
                .contains("id=\"error-summary\"")
                .contains("The concern must have from 20 to 4000 characters");
        assertThat(unknown.body()).contains(ProtectionPages.NOT_NAMEABLE);
        assertThat(noSubject.body()).contains("Name at least one subject of the concern");
        assertThat(noJustification.body()).contains("Say why you need to work under");
        assertThat(count("select count(*) from protection_message")).isEqualTo(before);
    }

    @Test
    void showsAFlaggedChildsUnscheduledCareAttendancesToTheLeadTeamAndToUnscheduledCareOnly() {
        // The demo's story: ed.wishaw read Ryan's record under emergency, which told his lead social worker's team.
        String leadTeam =
                hub.get(signedIn("sw.blantyre"), "/people/" + ryan.value()).body();
        assertThat(leadTeam)
                .contains("id=\"attendance-table\"")
                .contains("Emergency Department, University Hospital Wishaw")
                .contains("Dr Emma Wishart")
                .contains("Children and Families Blantyre");
        // Ellie is flagged but has not attended: no table.
        assertThat(hub.get(signedIn("sw.blantyre"), "/people/" + ellie.value()).body())
                .contains("protection-flag-0")
                .doesNotContain("id=\"attendance-table\"");
        assertThat(hub.get(signedIn("sw.blantyre"), "/people/" + lisa.value()).body())
                .doesNotContain("id=\"attendance-table\"");
        // A social worker with no part in Ryan's care sees neither him nor his attendances.
        assertThat(hub.get(signedIn("sw.hamilton"), "/people/" + ryan.value()).statusCode())
                .isEqualTo(404);
    }

    @Test
    void highlightsAnOverdueRoutingWithItsDeadline() {
        ProtectionMessageView message = raiseAsPolice();
        Routing routing = message.routingTo(HEALTH_VISITING);
        hub.bean(JdbcClient.class)
                .sql("update protection_message_routing set deadline = ? where id = ?")
                .params(
                        Timestamp.from(Instant.now().minusSeconds(3600)),
                        routing.id().value())
                .update();
        HttpClient visitor = protectingIn("hv.blantyre");

        String inbox = hub.get(visitor, "/protection").body();
        String row =
                inbox.substring(inbox.indexOf("id=\"message-" + message.id().value() + "\""));
        row = row.substring(0, row.indexOf("</tr>"));
        assertThat(row).contains("Overdue").contains("Acknowledge by");
        assertThat(inbox).contains("ecare-overdue");
        assertThat(hub.get(visitor, "/protection/messages/" + message.id().value())
                        .body())
                .contains("govuk-tag--red\">Overdue");
    }
}
