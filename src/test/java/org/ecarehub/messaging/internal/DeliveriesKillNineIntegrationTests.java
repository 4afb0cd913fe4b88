package org.ecarehub.messaging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ecarehub.messaging.DeliveryStatus;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A hub killed with SIGKILL while it raises 1,000 protection messages, each routed to a team of five agencies, loses
 * none of them: a second hub on the same PostgreSQL database delivers every message the first one committed to every
 * agency, at least once, as a FHIR notification naming that message and its child, a duplicate always under the
 * delivery id of the first arrival, and nothing that was not committed.
 */
@Tag("postgres")
class DeliveriesKillNineIntegrationTests {

    static final int MESSAGES = 1_000;
    static final int KILL_AFTER = 300;
    /** 200 people: each child is named in about ten messages of the 1,000. */
    static final int FAMILIES = 100;

    private static final Pattern FHIR_REFERENCE = Pattern.compile(".*/fhir/((Communication|Patient)/[^/]+)$");

    @TempDir
    Path dataDir;

    /** Both hubs': a short lease, so the second hub takes over what the killed one held within seconds. */
    static Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("ecare.messaging.workers", 8);
        properties.put("ecare.messaging.poll-interval", "50ms");
        properties.put("ecare.messaging.connect-timeout", "1s");
        properties.put("ecare.messaging.read-timeout", "2s");
        properties.put("ecare.messaging.lease", "4s");
        properties.put("ecare.messaging.backoff-base", "200ms");
        properties.put("ecare.messaging.backoff-cap", "1s");
        return properties;
    }

    @Test
    void aHubKilledMidStreamLosesNoCommittedMessageAndAnotherHubDeliversEachUnderItsOwnDeliveryId() throws Exception {
        String secret = "kill-nine-" + UUID.randomUUID();
        Path secretFile = dataDir.resolve("hook-secret");
        Files.writeString(secretFile, secret);
        TestDatabase database = TestDatabase.fresh(dataDir);
        List<AgencyEndpoint> receivers = new ArrayList<>();
        Process child = null;
        try {
            Map<String, String> endpoints = new LinkedHashMap<>();
            for (AgencyId agency : MessageProducer.RECEIVERS) {
                AgencyEndpoint receiver = new AgencyEndpoint(secret);
                // Slower than the sender, so that a backlog, and attempts in flight, are there when the hub dies.
                receiver.work(10);
                receivers.add(receiver);
                endpoints.put(agency.value(), receiver.url());
            }
            Path partnership = dataDir.resolve("partnership.yaml");
            Files.writeString(partnership, MessageProducer.partnershipFile(endpoints, secretFile));

            Path childLog = dataDir.resolve("producer.log");
            child = new ProcessBuilder(
                            javaExecutable(),
                            "-Xmx512m",
                            "-cp",
                            System.getProperty("java.class.path"),
                            KillNineProducer.class.getName(),
                            database.url(),
                            database.user(),
                            database.password(),
                            dataDir.toString(),
                            partnership.toString(),
                            String.valueOf(MESSAGES))
                    .redirectError(childLog.toFile())
                    .start();
            List<String[]> committed = new CopyOnWriteArrayList<>();
            Process producer = child;
            Thread reader = new Thread(() -> readCommitted(producer, committed), "kill-nine-reader");
            reader.setDaemon(true);
            reader.start();

            DeliveriesIntegrationTests.await(
                    () -> committed.size() >= KILL_AFTER || !producer.isAlive(), Duration.ofSeconds(90));
            assertThat(child.isAlive())
                    .as("the producing hub is still producing (its log: %s)", tail(childLog))
                    .isTrue();
            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
            reader.join(5_000);
            List<String[]> committedBeforeKill = List.copyOf(committed);
            assertThat(committedBeforeKill).hasSizeBetween(KILL_AFTER, MESSAGES - 1);

            try (RunningHub second =
                    RunningHub.start("serve", dataDir, database, withPartnershipFile(properties(), partnership))) {
                JdbcClient jdbc = second.bean(JdbcClient.class);
                assertThat(count(jdbc, "select count(*) from delivery where status = 'pending'"))
                        .as("deliveries the killed hub left for the second")
                        .isPositive();

                DeliveriesIntegrationTests.await(
                        () -> count(jdbc, "select count(*) from delivery where status <> 'delivered'") == 0,
                        Duration.ofSeconds(60));

                for (String[] message : committedBeforeKill) {
                    for (int r = 0; r < receivers.size(); r++) {
                        String id = message[r + 2];
                        List<AgencyEndpoint.Received> arrivals =
                                receivers.get(r).receivedFor(id);
                        assertThat(arrivals)
                                .as("%s at %s", message[0], MessageProducer.RECEIVERS.get(r))
                                .isNotEmpty();
                        for (AgencyEndpoint.Received arrival : arrivals) {
                            Notified notified = notified(arrival);
                            assertThat(notified.focus())
                                    .as("what delivery %s names", id)
                                    .isEqualTo(message[0]);
                            assertThat(notified.context()).isEqualTo("Patient/" + message[1]);
                        }
                    }
                }
                Set<String> stored = new HashSet<>(jdbc.sql("select delivery_id from delivery")
                        .query(String.class)
                        .list());
                assertThat(stored).hasSizeGreaterThanOrEqualTo(committedBeforeKill.size() * receivers.size());
                Set<String> messagesStored =
                        new HashSet<>(jdbc.sql("select id from protection_message").query(Long.class).list().stream()
                                .map(id -> "Communication/" + id)
                                .toList());
                assertThat(stored)
                        .as("one delivery per receiving agency for each message stored, and no other")
                        .hasSize(messagesStored.size() * receivers.size());
                for (int r = 0; r < receivers.size(); r++) {
                    AgencyEndpoint receiver = receivers.get(r);
                    Map<String, Set<String>> idsByFocus = new HashMap<>();
                    for (AgencyEndpoint.Received received : receiver.received()) {
                        assertThat(received.signatureValid()).isTrue();
                        assertThat(received.topic()).isEqualTo("protection-message-received");
                        assertThat(stored).as("only what was committed arrives").contains(received.deliveryId());
                        Notified notified = notified(received);
                        assertThat(notified.deliveryId()).isEqualTo(received.deliveryId());
                        assertThat(messagesStored)
                                .as("a notification names a message that was committed")
                                .contains(notified.focus());
                        idsByFocus
                                .computeIfAbsent(notified.focus(), focus -> new HashSet<>())
                                .add(received.deliveryId());
                    }
                    assertThat(idsByFocus.values())
                            .as(
                                    "a message reaches %s under one delivery id however often it arrives",
                                    MessageProducer.RECEIVERS.get(r))
                            .allSatisfy(ids -> assertThat(ids).hasSize(1));
                    assertThat(idsByFocus).hasSize(stored.size() / receivers.size());
                }
                assertThat(count(
                                jdbc,
                                "select count(*) from delivery where status = '" + DeliveryStatus.DELIVERED.code()
                                        + "'"))
                        .isEqualTo(stored.size());
            }
        } finally {
            if (child != null && child.isAlive()) {
                child.destroyForcibly();
            }
            receivers.forEach(AgencyEndpoint::close);
        }
    }

    private static void readCommitted(Process producer, List<String[]> committed) {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(producer.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("committed ")) {
                    String[] fields = line.substring("committed ".length()).split(" ");
                    if (fields.length == MessageProducer.RECEIVERS.size() + 2) {
                        committed.add(fields);
                    }
                }
            }
        } catch (IOException killed) {
            // The pipe closes when the producer is killed; what was read by then is what it committed.
        }
    }

    /** What a notification says: its delivery id, its focus and its context, as {@code Type/id} without the base. */
    record Notified(String deliveryId, String focus, String context) {}

    /** Reads the FHIR subscription notification (docs/fhir.md) a receiver got, as its system would. */
    static Notified notified(AgencyEndpoint.Received received) {
        Bundle bundle = FhirContext.forR4Cached()
                .newJsonParser()
                .parseResource(Bundle.class, new String(received.body(), StandardCharsets.UTF_8));
        Parameters status = (Parameters) bundle.getEntryFirstRep().getResource();
        Parameters.ParametersParameterComponent event = status.getParameter("notification-event");
        assertThat(event).as("a notification event in %s", bundle.getIdPart()).isNotNull();
        String focus = null;
        String context = null;
        for (Parameters.ParametersParameterComponent part : event.getPart()) {
            if (part.getName().equals("focus")) {
                focus = relative(((Reference) part.getValue()).getReference());
            } else if (part.getName().equals("additional-context")) {
                context = relative(((Reference) part.getValue()).getReference());
            }
        }
        return new Notified(bundle.getIdPart(), focus, context);
    }

    private static String relative(String reference) {
        Matcher matcher = FHIR_REFERENCE.matcher(reference);
        assertThat(matcher.matches())
                .as("a reference to the hub's FHIR API: %s", reference)
                .isTrue();
        return matcher.group(1);
    }

    private static long count(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private static Map<String, Object> withPartnershipFile(Map<String, Object> properties, Path file) {
        Map<String, Object> with = new LinkedHashMap<>(properties);
        with.put("ecare.partnership-file", file.toString());
        return with;
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }
}
