package org.ecarehub.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.ecarehub.access.BreakGlassGrants;
import org.ecarehub.access.BreakGlassRequest;
import org.ecarehub.access.RecordAccessed;
import org.ecarehub.access.Requester;
import org.ecarehub.identity.PortalAccounts;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.person.AgencyRecordId;
import org.ecarehub.person.PersonIndex;
import org.ecarehub.record.Records;
import org.ecarehub.request.ServiceRequestStatus;
import org.ecarehub.request.ServiceRequestView;
import org.ecarehub.request.ServiceRequests;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
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
 * Emails to people and representatives who chose them, through a real SMTP server, on a demo hub: what is told, to
 * whom, what is never told (W3), what the email leaves out, and the rate limit. Each test uses its own account, since
 * the rate limit is per account.
 */
@Tag("database")
class NotificationsIntegrationTests {

    static final String BREAK_GLASS_REASON = "Homecare found no answer at 19:00; checking key holder and risks";

    @TempDir
    static Path dataDir;

    static GreenMail mail;
    static RunningHub hub;
    static PersonId agnes;
    static PersonId ryan;

    @BeforeAll
    static void startHubAndMailServer() {
        mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        hub = RunningHub.start(
                "demo",
                dataDir,
                TestDatabase.fresh(dataDir),
                Map.of(
                        "ecare.demo.people", 0,
                        "ecare.smtp-url", "smtp://127.0.0.1:" + mail.getSmtp().getPort(),
                        "ecare.messaging.poll-interval", "50ms",
                        "ecare.notification.poll", "200ms",
                        "ecare.notification.settle", "1s"));
        PersonIndex index = hub.bean(PersonIndex.class);
        agnes = index.personOf(new AgencyRecordId(AgencyId.of("nhs-lanarkshire"), "LN0418822"))
                .orElseThrow();
        ryan = index.personOf(new AgencyRecordId(AgencyId.of("nhs-lanarkshire"), "LN0901244"))
                .orElseThrow();
        // The demo's own seeding is activity too; it is told (to nobody, since nobody chose email) before the tests.
        awaitToldEverything();
    }

    @AfterAll
    static void stop() {
        hub.close();
        mail.stop();
    }

    @Test
    void emailsDavidWhoChoseEmailWhenHisMotherIsOpenedByBreakGlassWithNothingPersonalInIt() throws Exception {
        String david = emailOf("david.thomson");
        choices().choose(Username.of("david.thomson"), true);

        hub.bean(BreakGlassGrants.class)
                .open(
                        agnes,
                        new BreakGlassRequest(Username.of("sw.airdrie"), BREAK_GLASS_REASON, Purpose.DIRECT_CARE, null),
                        hub.staffActor("sw.airdrie"));

        await(() -> emailsTo(david).size() == 1);
        MimeMessage email = emailsTo(david).get(0);
        String text = email.getSubject() + "\n" + email.getContent();
        assertThat(email.getSubject()).isEqualTo("New activity on a record in eCare Hub");
        assertThat(text)
                .contains("There is new activity on the record; sign in to see it", "/portal")
                .doesNotContain(
                        "Agnes",
                        "Thomson",
                        "1941",
                        "Burnbank",
                        "break-glass",
                        "Homecare",
                        "sw.airdrie",
                        "nlc-social-work",
                        agnes.value());

        // The rate limit: a second break-glass is activity David may see, but he was emailed within the hour.
        hub.bean(BreakGlassGrants.class)
                .open(
                        agnes,
                        new BreakGlassRequest(
                                Username.of("hv.blantyre"), BREAK_GLASS_REASON, Purpose.DIRECT_CARE, null),
                        hub.staffActor("hv.blantyre"));
        awaitToldEverything();
        Thread.sleep(500);
        assertThat(emailsTo(david)).hasSize(1);
        assertThat(hub.bean(JdbcClient.class)
                        .sql("select waiting_since from notification_account where username = 'david.thomson'")
                        .query(Instant.class)
                        .single())
                .as("marked waiting: one email follows when the hour is up")
                .isNotNull();
    }

    @Test
    void tellsLisaNothingOfAProtectionAccessToRyanWhileItIsWithheld() throws Exception {
        String lisa = emailOf("lisa.kerr");
        choices().choose(Username.of("lisa.kerr"), true);
        RunningHub.PublishedEvents events = hub.recordEvents();

        hub.bean(Records.class)
                .read(
                        new Requester.Staff(
                                Username.of("police.hub"), Purpose.CHILD_PROTECTION, "Checking the concern"),
                        ryan);

        RecordAccessed access = events.ofType(RecordAccessed.class).stream()
                .filter(heard -> heard.person().equals(ryan) && heard.allowed())
                .findFirst()
                .orElseThrow();
        assertThat(access.flags().contains("without-consent") || firstAccessOf(access.eventId()))
                .as("the access is activity of a kind that is told, had it not been withheld")
                .isTrue();
        awaitToldEverything();
        Thread.sleep(500);
        assertThat(emailsTo(lisa)).isEmpty();

        // What she may see is told: a break-glass on Ryan, not under a protection purpose.
        hub.bean(BreakGlassGrants.class)
                .open(
                        ryan,
                        new BreakGlassRequest(Username.of("sw.airdrie"), BREAK_GLASS_REASON, Purpose.DIRECT_CARE, null),
                        hub.staffActor("sw.airdrie"));
        await(() -> emailsTo(lisa).size() == 1);
    }

    @Test
    void emailsThePersonWhenTheirServiceRequestChangesStatus() throws Exception {
        hub.bean(PortalAccounts.class).seedDemo(Username.of("agnes.portal"), "agnes.portal@example.org", agnes);
        choices().choose(Username.of("agnes.portal"), true);
        Requester equipment = new Requester.Staff(Username.of("equipment.slc"), Purpose.DIRECT_CARE, null);
        ServiceRequests requests = hub.bean(ServiceRequests.class);
        ServiceRequestView scheduled = requests.forPerson(equipment, agnes).stream()
                .filter(request -> request.status() == ServiceRequestStatus.SCHEDULED)
                .findFirst()
                .orElseThrow();

        requests.start(equipment, scheduled.id(), scheduled.version());

        await(() -> emailsTo("agnes.portal@example.org").size() == 1);
    }

    @Test
    void sendsNothingToAnAccountThatDidNotChooseEmail() throws Exception {
        String fiona = emailOf("fiona.thomson");
        assertThat(choices().emailsOn(Username.of("fiona.thomson"))).isFalse();

        hub.bean(Records.class).read(new Requester.Staff(Username.of("ot.hamilton"), Purpose.DIRECT_CARE, null), agnes);
        hub.bean(BreakGlassGrants.class)
                .open(
                        agnes,
                        new BreakGlassRequest(Username.of("housing.ek"), BREAK_GLASS_REASON, Purpose.DIRECT_CARE, null),
                        hub.staffActor("housing.ek"));
        awaitToldEverything();
        Thread.sleep(500);

        assertThat(emailsTo(fiona)).isEmpty();
    }

    @Test
    void refusesAChoiceForAnAccountThatDoesNotExist() {
        assertThatThrownBy(() -> choices().choose(Username.of("nobody.here"), true))
                .isInstanceOf(NotificationRefused.class)
                .hasMessage("no such portal account");
        assertThat(choices().emailsOn(Username.of("nobody.here"))).isFalse();
    }

    static boolean firstAccessOf(long eventId) {
        return hub.bean(JdbcClient.class)
                        .sql("select count(*) from notification_agency_seen where first_event_id = ?")
                        .param(eventId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    static NotificationChoices choices() {
        return hub.bean(NotificationChoices.class);
    }

    static String emailOf(String account) {
        return hub.bean(PortalAccounts.class)
                .find(Username.of(account))
                .orElseThrow()
                .email();
    }

    static List<MimeMessage> emailsTo(String address) {
        return Arrays.stream(mail.getReceivedMessages())
                .filter(message -> {
                    try {
                        return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                                .anyMatch(to -> to.toString().equals(address));
                    } catch (MessagingException e) {
                        throw new AssertionError(e);
                    }
                })
                .toList();
    }

    /** Waits until no activity waits to be told. */
    static void awaitToldEverything() {
        await(() -> hub.bean(JdbcClient.class)
                        .sql("select count(*) from notification_activity")
                        .query(Long.class)
                        .single()
                == 0);
    }

    static void await(BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within 30 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
