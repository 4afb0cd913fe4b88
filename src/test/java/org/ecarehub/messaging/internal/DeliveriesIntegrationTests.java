package org.ecarehub.messaging.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.ecarehub.messaging.Channel;
import org.ecarehub.messaging.Deliveries;
import org.ecarehub.messaging.Delivery;
import org.ecarehub.messaging.DeliveryId;
import org.ecarehub.messaging.DeliveryStatus;
import org.ecarehub.messaging.MessagingRefused;
import org.ecarehub.messaging.Notification;
import org.ecarehub.messaging.Receiver;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A real hub on a real database delivering to agency systems over real HTTP and to a real SMTP server: done only on
 * a 2xx, retried with backoff, dead-lettered after the last attempt, and never sent when the sender's change rolls
 * back.
 */
@Tag("database")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliveriesIntegrationTests {

    static final int MAX_ATTEMPTS = 20;
    static final AgencyId POLICE = new AgencyId("police-scotland");
    static final AgencyId HEALTH = new AgencyId("nhs-lanarkshire");
    static final AgencyId GP = new AgencyId("hamilton-medical-practice");
    static final AgencyId SOCIAL_WORK = new AgencyId("slc-social-work");
    static final AgencyId HOUSING = new AgencyId("slc-housing");

    @TempDir
    static Path dataDir;

    AgencyEndpoint police;
    AgencyEndpoint health;
    AgencyEndpoint gp;
    GreenMail mail;
    RunningHub hub;

    @BeforeAll
    void startHubAndReceivers() throws Exception {
        String secret = "test-secret-" + UUID.randomUUID();
        Path secretFile = dataDir.resolve("police-hook-secret");
        Files.writeString(secretFile, secret + "\n");
        police = new AgencyEndpoint(secret);
        health = new AgencyEndpoint(secret);
        health.behave(AgencyEndpoint.Behaviour.FAIL);
        gp = new AgencyEndpoint(secret);
        gp.behave(AgencyEndpoint.Behaviour.HANG);
        mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        hub = RunningHub.start(
                "demo",
                dataDir,
                TestDatabase.fresh(dataDir),
                Map.ofEntries(
                        Map.entry("ecare.demo.people", 0),
                        Map.entry(
                                "ecare.smtp-url",
                                "smtp://127.0.0.1:" + mail.getSmtp().getPort()),
                        Map.entry("ecare.messaging.poll-interval", "50ms"),
                        Map.entry("ecare.messaging.connect-timeout", "300ms"),
                        Map.entry("ecare.messaging.read-timeout", "300ms"),
                        Map.entry("ecare.messaging.lease", "5s"),
                        Map.entry("ecare.messaging.backoff-base", "50ms"),
                        Map.entry("ecare.messaging.backoff-cap", "200ms"),
                        Map.entry("ecare.messaging.max-attempts", MAX_ATTEMPTS)));
        hub.bean(Partnerships.class)
                .apply(
                        "messaging-test",
                        MessagingTestPartnership.withSubscriptions(
                                Map.of(
                                        POLICE.value(), police.url(),
                                        HEALTH.value(), health.url(),
                                        GP.value(), gp.url()),
                                secretFile),
                        "messaging-test");
    }

    @AfterAll
    void stop() {
        hub.close();
        police.close();
        health.close();
        gp.close();
        mail.stop();
    }

    Deliveries deliveries() {
        return hub.bean(Deliveries.class);
    }

    static Notification concern(String focus) {
        return new Notification("protection-message-received", focus, PersonId.random(), "protection");
    }

    static String focus() {
        return "Communication/" + UUID.randomUUID().toString().substring(0, 8);
    }

    List<DeliveryId> sendCommitted(Notification notification, Receiver... receivers) {
        return hub.bean(TransactionTemplate.class)
                .execute(status -> deliveries().send(notification, List.of(receivers)));
    }

    static void await(BooleanSupplier condition, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not so within " + within);
            }
            Thread.sleep(25);
        }
    }

    Delivery delivery(DeliveryId id) {
        return deliveries().delivery(id);
    }

    @Test
    void postsASignedNotificationThatTheReceiverCanVerifyAndMarksItDeliveredOnItsAcknowledgement() throws Exception {
        String focus = focus();
        DeliveryId id = sendCommitted(concern(focus), Receiver.team(POLICE, new TeamId("lanarkshire-concern-hub")))
                .get(0);

        await(() -> delivery(id).status() == DeliveryStatus.DELIVERED, Duration.ofSeconds(10));

        List<AgencyEndpoint.Received> received = police.receivedFor(id.value());
        assertThat(received).hasSize(1);
        assertThat(received.get(0).signatureValid()).isTrue();
        assertThat(received.get(0).signature()).startsWith("sha256=");
        assertThat(received.get(0).topic()).isEqualTo("protection-message-received");
        String body = new String(received.get(0).body(), StandardCharsets.UTF_8);
        // The body is the fhir module's notification when the hub runs whole, else messaging's plain JSON: both carry
        // the ids.
        assertThat(body).contains(id.value(), focus);
        Delivery delivered = delivery(id);
        assertThat(delivered.channel()).isEqualTo(Channel.REST_HOOK);
        assertThat(delivered.attempts()).isEqualTo(1);
        assertThat(delivered.lastOutcome()).isEqualTo("http-204");
        assertThat(deliveries().deliveriesOf(focus)).extracting(Delivery::id).containsExactly(id);
    }

    @Test
    void aSignatureUnderAnotherSecretDoesNotVerify() {
        byte[] body = "{\"deliveryId\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(Signatures.sign(body, "one secret")).isNotEqualTo(Signatures.sign(body, "another secret"));
        assertThat(Signatures.sign(body, "one secret")).isEqualTo(Signatures.sign(body, "one secret"));
    }

    @Test
    void aReceiverThatWasDownGetsEveryNotificationOnceItIsBackAndNothingIsDeliveredWhileItIsDown() throws Exception {
        police.down();
        List<DeliveryId> sent = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                sent.addAll(sendCommitted(concern(focus()), Receiver.agency(POLICE)));
            }
            Thread.sleep(700);
            assertThat(sent).allSatisfy(id -> {
                Delivery pending = delivery(id);
                assertThat(pending.status()).isEqualTo(DeliveryStatus.PENDING);
                assertThat(pending.deliveredAt()).isNull();
            });
            assertThat(sent)
                    .anySatisfy(id -> assertThat(delivery(id).attempts()).isGreaterThan(1));
        } finally {
            police.up();
        }

        await(
                () -> sent.stream().allMatch(id -> delivery(id).status() == DeliveryStatus.DELIVERED),
                Duration.ofSeconds(20));
        assertThat(sent)
                .allSatisfy(id -> assertThat(police.receivedFor(id.value()))
                        .isNotEmpty()
                        .allSatisfy(received ->
                                assertThat(received.signatureValid()).isTrue()));
        assertThat(sent).allSatisfy(id -> assertThat(delivery(id).lastOutcome()).isEqualTo("http-204"));
    }

    @Test
    void aReceiverAnswering500IsRetriedThenDeadLetteredAndCountedAndNeverMarkedDelivered() throws Exception {
        MeterRegistry meters = hub.bean(MeterRegistry.class);
        double lettered = meters.counter("ecare.messaging.dead.lettered").count();
        DeliveryId id = sendCommitted(concern(focus()), Receiver.agency(HEALTH)).get(0);

        await(() -> delivery(id).status() == DeliveryStatus.DEAD, Duration.ofSeconds(30));

        Delivery dead = delivery(id);
        assertThat(dead.attempts()).isEqualTo(MAX_ATTEMPTS);
        assertThat(dead.lastOutcome()).isEqualTo("http-500");
        assertThat(dead.deliveredAt()).isNull();
        // An attempt can also fail before it reaches the receiver (a pooled connection the receiver closed): each
        // attempt is counted, and none reaches the receiver under another id.
        assertThat(health.receivedFor(id.value()))
                .hasSizeBetween(MAX_ATTEMPTS / 2, MAX_ATTEMPTS)
                .allSatisfy(received -> assertThat(received.deliveryId()).isEqualTo(id.value()));
        assertThat(deliveries().deadLetters(1000)).extracting(Delivery::id).contains(id);
        assertThat(meters.counter("ecare.messaging.dead.lettered").count()).isEqualTo(lettered + 1);
        assertThat(meters.get("ecare.messaging.dead.letters").gauge().value())
                .isEqualTo((double) deliveries().deadLetterCount())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void aReceiverThatHangsTimesOutOnEveryAttemptAndEndsAsADeadLetterNotADelivery() throws Exception {
        DeliveryId id = sendCommitted(concern(focus()), Receiver.agency(GP)).get(0);

        await(() -> delivery(id).status() == DeliveryStatus.DEAD, Duration.ofSeconds(60));

        Delivery dead = delivery(id);
        assertThat(dead.lastOutcome()).isEqualTo("timeout");
        assertThat(dead.deliveredAt()).isNull();
        assertThat(gp.receivedFor(id.value())).hasSizeBetween(MAX_ATTEMPTS / 2, MAX_ATTEMPTS);
    }

    @Test
    void aDeadLetterRetriedByAnAdministratorIsDeliveredOnceTheReceiverIsFixed() throws Exception {
        DeliveryId id = sendCommitted(concern(focus()), Receiver.agency(HEALTH)).get(0);
        await(() -> delivery(id).status() == DeliveryStatus.DEAD, Duration.ofSeconds(30));
        AgencyEndpoint fixed = health;
        fixed.behave(AgencyEndpoint.Behaviour.ACKNOWLEDGE);
        try {
            hub.bean(TransactionTemplate.class)
                    .executeWithoutResult(status -> deliveries().retry(id));
            await(() -> delivery(id).status() == DeliveryStatus.DELIVERED, Duration.ofSeconds(10));
        } finally {
            fixed.behave(AgencyEndpoint.Behaviour.FAIL);
        }
        assertThatThrownBy(() -> deliveries().retry(id))
                .isInstanceOf(MessagingRefused.class)
                .hasMessageContaining("not a dead letter");
    }

    @Test
    void aRolledBackChangeSendsNothing() throws Exception {
        String focus = focus();
        int before = police.received().size();
        hub.bean(TransactionTemplate.class).executeWithoutResult(status -> {
            deliveries().send(concern(focus), List.of(Receiver.agency(POLICE), Receiver.agency(SOCIAL_WORK)));
            status.setRollbackOnly();
        });

        Thread.sleep(500);
        assertThat(deliveries().deliveriesOf(focus)).isEmpty();
        assertThat(police.received()).hasSize(before);
        assertThat(deliveries().inbox(SOCIAL_WORK, false, 1000))
                .noneMatch(delivery -> delivery.notification().focus().equals(focus));
    }

    @Test
    void refusesToSendOutsideTheSendersTransaction() {
        String focus = focus();
        assertThatThrownBy(() -> deliveries().send(concern(focus), List.of(Receiver.agency(POLICE))))
                .isInstanceOf(IllegalTransactionStateException.class);
        assertThat(deliveries().deliveriesOf(focus)).isEmpty();
    }

    @Test
    void refusesAReceiverThatIsNotAMemberAgencyAndStoresNothingForTheOthers() {
        String focus = focus();
        assertThatThrownBy(() -> sendCommitted(
                        concern(focus), Receiver.agency(POLICE), Receiver.agency(new AgencyId("no-such-agency"))))
                .isInstanceOf(MessagingRefused.class)
                .hasMessage("agency no-such-agency is not an active member of the partnership");
        assertThatThrownBy(
                        () -> sendCommitted(concern(focus), Receiver.team(POLICE, new TeamId("adult-care-hamilton"))))
                .isInstanceOf(MessagingRefused.class)
                .hasMessage("team adult-care-hamilton is not a team of agency police-scotland");
        assertThatThrownBy(() -> sendCommitted(concern(focus))).isInstanceOf(MessagingRefused.class);
        assertThat(deliveries().deliveriesOf(focus)).isEmpty();
    }

    @Test
    void anAgencyWithoutASystemFindsTheNotificationInItsInboxAndOnlyItMayMarkItRead() {
        String focus = focus();
        DeliveryId id =
                sendCommitted(concern(focus), Receiver.agency(SOCIAL_WORK)).get(0);

        Delivery inInbox = delivery(id);
        assertThat(inInbox.channel()).isEqualTo(Channel.INBOX);
        assertThat(inInbox.status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(deliveries().inbox(SOCIAL_WORK, true, 1000))
                .extracting(Delivery::id)
                .contains(id);

        assertThatThrownBy(() -> deliveries().markRead(id, HOUSING, "housing.officer"))
                .isInstanceOf(MessagingRefused.class)
                .hasMessage("no such delivery in the inbox of agency slc-housing");
        assertThat(delivery(id).readAt()).isNull();

        deliveries().markRead(id, SOCIAL_WORK, "sw.hamilton");
        assertThat(delivery(id).readAt()).isNotNull();
        assertThat(deliveries().inbox(SOCIAL_WORK, true, 1000))
                .extracting(Delivery::id)
                .doesNotContain(id);
        assertThat(deliveries().inbox(SOCIAL_WORK, false, 1000))
                .extracting(Delivery::id)
                .contains(id);
    }

    @Test
    void anEmailArrivesAtTheSmtpServerWithItsDeliveryIdAndNothingAboutThePerson() throws Exception {
        DeliveryId id = sendCommitted(concern(focus()), Receiver.email("agnes.carer@example.org"))
                .get(0);

        await(() -> delivery(id).status() == DeliveryStatus.DELIVERED, Duration.ofSeconds(10));

        MimeMessage email = new HashSet<>(List.of(mail.getReceivedMessages()))
                .stream()
                        .filter(message -> {
                            try {
                                return id.value().equals(message.getHeader("X-Ecare-Delivery-Id", null));
                            } catch (jakarta.mail.MessagingException e) {
                                return false;
                            }
                        })
                        .findFirst()
                        .orElseThrow();
        assertThat(email.getAllRecipients()[0].toString()).isEqualTo("agnes.carer@example.org");
        assertThat(delivery(id).lastOutcome()).isEqualTo("smtp-accepted");
        assertThat(String.valueOf(email.getContent())).doesNotContain("Communication/", "protection");
    }
}
