package org.ecarehub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ecarehub.demo.DemoStoryPeople;
import org.ecarehub.messaging.Deliveries;
import org.ecarehub.messaging.DeliveryId;
import org.ecarehub.messaging.DeliveryStatus;
import org.ecarehub.messaging.Notification;
import org.ecarehub.messaging.Receiver;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Staff notifications and the dead-letter page over real HTTP on the demo hub: a team's notification reaches its
 * members only, is marked read by them only, and names no one; administrators see and requeue dead letters, nobody
 * else sees the page.
 */
@Tag("database")
class NotificationPagesIntegrationTests {

    static final AgencyId SOCIAL_WORK = AgencyId.of("slc-social-work");

    @TempDir
    static Path dataDir;

    static RunningHub hub;
    static PersonId agnes;

    @BeforeAll
    static void startDemoHub() {
        // One attempt, and no SMTP server: an email delivery becomes a dead letter at once.
        hub = RunningHub.start(
                "demo",
                dataDir,
                TestDatabase.fresh(dataDir),
                Map.of("ecare.demo.people", 0, "ecare.messaging.max-attempts", 1));
        agnes = DemoStoryPeople.ids(hub).get("Agnes Thomson");
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    static Deliveries deliveries() {
        return hub.bean(Deliveries.class);
    }

    static DeliveryId send(String topic, String focus, Receiver receiver) {
        return hub.bean(TransactionTemplate.class)
                .execute(status -> deliveries()
                        .send(new Notification(topic, focus, agnes, "protection"), List.of(receiver))
                        .get(0));
    }

    static HttpResponse<String> get(HttpClient browser, String path) {
        return hub.get(browser, path);
    }

    @Test
    void aTeamsNotificationReachesItsMembersOnlyAndOnlyTheyMarkItRead() {
        DeliveryId forChildrenAndFamilies = send(
                "cp-is-attendance", "Flag/41", Receiver.team(SOCIAL_WORK, TeamId.of("children-families-blantyre")));
        DeliveryId forAdultCare =
                send("cp-is-attendance", "Flag/42", Receiver.team(SOCIAL_WORK, TeamId.of("adult-care-hamilton")));

        HttpClient claire = PageForms.signedIn(hub, "sw.blantyre");
        String page = get(claire, "/notifications").body();
        assertThat(page)
                .contains("A child with a child protection plan attended unscheduled care")
                .contains("Children and Families Blantyre")
                .contains("/notifications/" + forChildrenAndFamilies.value() + "/read")
                .doesNotContain(forAdultCare.value())
                .contains("/people/" + agnes.value())
                // The inbox names no one: opening the record is the access.
                .doesNotContain("Agnes")
                .doesNotContain("Thomson");

        // A member of another team of the same agency cannot mark it read, nor see it.
        HttpClient graham = PageForms.signedIn(hub, "sw.hamilton");
        assertThat(get(graham, "/notifications").body())
                .contains(forAdultCare.value())
                .doesNotContain(forChildrenAndFamilies.value());
        HttpResponse<String> refused = PageForms.post(
                hub, graham, "/notifications", "/notifications/" + forChildrenAndFamilies.value() + "/read", "x=1");
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(deliveries().delivery(forChildrenAndFamilies).readAt()).isNull();

        HttpResponse<String> read = PageForms.post(
                hub, claire, "/notifications", "/notifications/" + forChildrenAndFamilies.value() + "/read", "x=1");
        assertThat(PageForms.location(read)).isEqualTo("/notifications?read");
        assertThat(deliveries().delivery(forChildrenAndFamilies).readAt()).isNotNull();
        assertThat(get(claire, "/notifications").body()).doesNotContain(forChildrenAndFamilies.value());
        assertThat(get(claire, "/notifications?all").body()).contains(forChildrenAndFamilies.value());

        // Another agency's staff never see it, and an id that is not one answers as missing.
        assertThat(get(PageForms.signedIn(hub, "ed.wishaw"), "/notifications").body())
                .doesNotContain(forChildrenAndFamilies.value());
        assertThat(PageForms.post(hub, claire, "/notifications", "/notifications/not-an-id/read", "x=1")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void theLeadSocialWorkersTeamSeesTheDemosCpIsNoticeAboutRyanAndAnotherTeamDoesNot() {
        PersonId ryan = DemoStoryPeople.ids(hub).get("Ryan Kerr");
        String notice = "A child with a child protection plan attended unscheduled care";

        // Seeded by the demo: ed.wishaw read Ryan's record under emergency, and CP-IS told his lead's team.
        assertThat(get(PageForms.signedIn(hub, "sw.manager"), "/notifications?all")
                        .body())
                .contains(notice)
                .contains("/people/" + ryan.value())
                .doesNotContain("Kerr");
        assertThat(get(PageForms.signedIn(hub, "sw.hamilton"), "/notifications?all")
                        .body())
                .doesNotContain("/people/" + ryan.value());
    }

    @Test
    void administratorsSeeAndRequeueDeadLettersAndNobodyElseSeesThePage() throws InterruptedException {
        DeliveryId email = send("protection-message-received", "Communication/7", Receiver.email("duty@example.org"));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (deliveries().delivery(email).status() != DeliveryStatus.DEAD) {
            assertThat(Instant.now()).as("the email became a dead letter").isBefore(deadline);
            Thread.sleep(100);
        }

        HttpClient admin = PageForms.signedIn(hub, "admin");
        // The alert on the administrator's home page, and nobody else's.
        assertThat(get(admin, "/home").body()).contains("id=\"dead-letter-alert\"");
        assertThat(get(PageForms.signedIn(hub, "sw.blantyre"), "/home").body())
                .doesNotContain("id=\"dead-letter-alert\"");
        String page = get(admin, "/dead-letters").body();
        assertThat(page)
                .contains(email.value())
                .contains("protection-message-received (Communication/7)")
                .contains("An email address")
                .doesNotContain("duty@example.org")
                .doesNotContain(agnes.value());

        assertThat(get(PageForms.signedIn(hub, "sw.blantyre"), "/dead-letters").statusCode())
                .isEqualTo(404);
        assertThat(PageForms.post(
                                hub,
                                PageForms.signedIn(hub, "sw.manager"),
                                "/notifications",
                                "/dead-letters/" + email.value() + "/retry",
                                "x=1")
                        .statusCode())
                .isEqualTo(404);
        assertThat(deliveries().delivery(email).status()).isEqualTo(DeliveryStatus.DEAD);

        Instant lastAttempt = deliveries().delivery(email).lastAttemptAt();
        HttpResponse<String> retried =
                PageForms.post(hub, admin, "/dead-letters", "/dead-letters/" + email.value() + "/retry", "x=1");
        assertThat(PageForms.location(retried)).isEqualTo("/dead-letters?retried");
        // Back in the queue, it is attempted again (and, with still no SMTP server, given up again).
        while (!deliveries().delivery(email).lastAttemptAt().isAfter(lastAttempt)) {
            assertThat(Instant.now())
                    .as("the requeued delivery was attempted again")
                    .isBefore(deadline.plusSeconds(30));
            Thread.sleep(100);
        }

        // Requeuing what is no longer a dead letter answers as missing.
        assertThat(PageForms.post(
                                hub,
                                admin,
                                "/dead-letters",
                                "/dead-letters/" + DeliveryId.random().value() + "/retry",
                                "x=1")
                        .statusCode())
                .isEqualTo(404);
    }
}
