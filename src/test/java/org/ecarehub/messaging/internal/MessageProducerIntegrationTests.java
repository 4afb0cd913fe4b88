package org.ecarehub.messaging.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.partnership.ProtectionMessageRouting;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.support.AdjustableClock;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The sender of the kill -9 test and the messages benchmark raises real protection messages, each delivered exactly
 * once to each of the five receiving agencies as a FHIR notification naming the message and its child, in office
 * hours and out of them, however often the child has been named before.
 */
@Tag("database")
class MessageProducerIntegrationTests {

    @TempDir
    Path dataDir;

    @Test
    void eachProtectionMessageReachesEachReceivingAgencyOnceInAndOutOfOfficeHours() throws Exception {
        String secret = "producer-" + UUID.randomUUID();
        Path secretFile = dataDir.resolve("hook-secret");
        Files.writeString(secretFile, secret);
        List<AgencyEndpoint> receivers = new ArrayList<>();
        Map<String, String> endpoints = new LinkedHashMap<>();
        for (AgencyId agency : MessageProducer.RECEIVERS) {
            AgencyEndpoint receiver = new AgencyEndpoint(secret);
            receivers.add(receiver);
            endpoints.put(agency.value(), receiver.url());
        }
        Path partnership = dataDir.resolve("partnership.yaml");
        Files.writeString(partnership, MessageProducer.partnershipFile(endpoints, secretFile));
        Map<String, Object> properties = new LinkedHashMap<>(DeliveriesKillNineIntegrationTests.properties());
        properties.put("ecare.partnership-file", partnership.toString());
        properties.put("spring.main.sources", AdjustableClock.Source.class.getName());
        try (RunningHub hub = RunningHub.start("serve", dataDir, TestDatabase.fresh(dataDir), properties)) {
            AdjustableClock clock = hub.bean(AdjustableClock.class);
            MessageProducer producer = new MessageProducer(hub, 3);
            ProtectionMessageRouting routing =
                    hub.bean(Partnerships.class).current().partnership().protectionMessageRouting();
            // First an hour into office hours (the clock only goes forwards: the next opening from now).
            Instant opening = routing.nextOpening(clock.instant());
            clock.advance(Duration.between(clock.instant(), opening).plusHours(1));
            assertThat(routing.inOfficeHours(clock.instant())).isTrue();
            List<MessageProducer.Sent> sent = new ArrayList<>();
            // Seven messages about three families: every child is named again after raising gave it relationships.
            for (int i = 0; i < 7; i++) {
                sent.add(producer.raise(i));
            }
            // Every delivery done before the clock jumps: a jump of days expires the leases of attempts in flight.
            JdbcClient jdbc = hub.bean(JdbcClient.class);
            DeliveriesIntegrationTests.await(
                    () -> jdbc.sql("select count(*) from delivery where status <> 'delivered'")
                                    .query(Long.class)
                                    .single()
                            == 0,
                    Duration.ofSeconds(30));
            // Then at ten on the next Sunday night, when the out-of-hours routing applies.
            ZonedDateTime now = clock.instant().atZone(ZoneId.of("Europe/London"));
            ZonedDateTime sundayNight = now.with(TemporalAdjusters.next(DayOfWeek.SUNDAY))
                    .truncatedTo(ChronoUnit.DAYS)
                    .withHour(22);
            clock.advance(Duration.between(now, sundayNight));
            assertThat(routing.inOfficeHours(clock.instant())).isFalse();
            for (int i = 7; i < 10; i++) {
                sent.add(producer.raise(i));
            }

            for (int i = 0; i < sent.size(); i++) {
                String focus = sent.get(i).focus();
                assertThat(jdbc.sql("select out_of_hours from protection_message where id = ?")
                                .param(Long.parseLong(focus.substring("Communication/".length())))
                                .query(Boolean.class)
                                .single())
                        .as("%s raised out of hours", focus)
                        .isEqualTo(i >= 7);
            }
            DeliveriesIntegrationTests.await(
                    () -> receivers.stream()
                            .allMatch(receiver -> receiver.received().size() >= sent.size()),
                    Duration.ofSeconds(30));
            Set<String> subjects = new HashSet<>();
            for (MessageProducer.Sent message : sent) {
                subjects.add(message.subject().value());
                assertThat(message.focus()).startsWith("Communication/");
                for (int r = 0; r < receivers.size(); r++) {
                    List<AgencyEndpoint.Received> arrivals = receivers
                            .get(r)
                            .receivedFor(message.deliveries().get(r).value());
                    assertThat(arrivals)
                            .as("%s at %s", message.focus(), MessageProducer.RECEIVERS.get(r))
                            .hasSize(1);
                    AgencyEndpoint.Received arrival = arrivals.get(0);
                    assertThat(arrival.signatureValid()).isTrue();
                    assertThat(arrival.topic()).isEqualTo("protection-message-received");
                    DeliveriesKillNineIntegrationTests.Notified notified =
                            DeliveriesKillNineIntegrationTests.notified(arrival);
                    assertThat(notified.focus()).isEqualTo(message.focus());
                    assertThat(notified.context())
                            .isEqualTo("Patient/" + message.subject().value());
                }
            }
            assertThat(subjects).hasSize(3);
            Thread.sleep(500);
            // The clock's jump of days made the first messages overdue, so the escalation sweep may also have told
            // the agencies of their escalation by now: only the notifications of receipt are counted.
            assertThat(receivers)
                    .as("nothing but one notification of receipt a message at each agency")
                    .allSatisfy(receiver -> assertThat(receiver.received())
                            .filteredOn(received -> received.topic().equals("protection-message-received"))
                            .hasSize(sent.size()));
            assertThat(jdbc
                            .sql("select receiver_team from delivery where topic = 'protection-message-received'"
                                    + " order by id")
                            .query(String.class)
                            .list()
                            .stream()
                            .distinct())
                    .containsExactlyInAnyOrderElementsOf(MessageProducer.RECEIVING_TEAMS.stream()
                            .map(team -> team.value())
                            .toList());
        } finally {
            receivers.forEach(AgencyEndpoint::close);
        }
    }

    @Test
    void aPartnershipFileWithoutARoutingSectionIsRefused() {
        assertThatThrownBy(() -> MessagingTestPartnership.withRouting("partnership:\n  name: x\n", "child: []\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no protection-message-routing section");
    }
}
