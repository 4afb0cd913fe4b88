package org.ecarehub.messaging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.ecarehub.messaging.Deliveries;
import org.ecarehub.messaging.DeliveryId;
import org.ecarehub.messaging.DeliveryStatus;
import org.ecarehub.messaging.JobLeases;
import org.ecarehub.messaging.Notification;
import org.ecarehub.messaging.Receiver;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.transaction.support.TransactionTemplate;

/** Two nodes over one PostgreSQL database: each delivery and each timed job is worked by one node at a time. */
@Tag("postgres")
class DeliveriesTwoNodesIntegrationTests {

    static final AgencyId POLICE = new AgencyId("police-scotland");
    static final AgencyId HEALTH = new AgencyId("nhs-lanarkshire");

    @TempDir
    Path dataDir;

    static Map<String, Object> properties() {
        return Map.of(
                "ecare.demo.people",
                0,
                "ecare.messaging.poll-interval",
                "20ms",
                "ecare.messaging.workers",
                8,
                "ecare.messaging.lease",
                "30s");
    }

    @Test
    void twoNodesNeverAttemptTheSameDeliveryAtOnceAndBetweenThemDeliverEveryOne() throws Exception {
        String secret = "two-nodes-" + UUID.randomUUID();
        Path secretFile = dataDir.resolve("hook-secret");
        Files.writeString(secretFile, secret);
        TestDatabase database = TestDatabase.fresh(dataDir);
        try (AgencyEndpoint police = new AgencyEndpoint(secret);
                AgencyEndpoint health = new AgencyEndpoint(secret);
                RunningHub first = RunningHub.start("demo", dataDir, database, properties());
                RunningHub second = RunningHub.start("demo", dataDir, database, properties())) {
            police.work(20);
            health.work(20);
            int applied = first.bean(Partnerships.class)
                    .apply(
                            "two-nodes-test",
                            MessagingTestPartnership.withSubscriptions(
                                    Map.of(POLICE.value(), police.url(), HEALTH.value(), health.url()), secretFile),
                            "two-nodes-test")
                    .version();
            // Until the second node has the subscriptions, its attempts fail with no-subscription and are retried: a
            // fixed wait for its refresh was too short once on a loaded machine.
            DeliveriesIntegrationTests.await(
                    () -> second.bean(Partnerships.class).current().version() == applied, Duration.ofSeconds(30));

            List<DeliveryId> sent = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                RunningHub node = i % 2 == 0 ? first : second;
                sent.addAll(node.bean(TransactionTemplate.class)
                        .execute(status -> node.bean(Deliveries.class)
                                .send(
                                        new Notification(
                                                "protection-message-received",
                                                "Communication/"
                                                        + UUID.randomUUID()
                                                                .toString()
                                                                .substring(0, 8),
                                                null,
                                                "protection"),
                                        List.of(Receiver.agency(POLICE), Receiver.agency(HEALTH)))));
            }

            Deliveries deliveries = first.bean(Deliveries.class);
            DeliveriesIntegrationTests.await(
                    () -> sent.stream().allMatch(id -> deliveries.delivery(id).status() == DeliveryStatus.DELIVERED),
                    Duration.ofSeconds(60));

            assertThat(police.mostAtOnceForOneDelivery()).isEqualTo(1);
            assertThat(health.mostAtOnceForOneDelivery()).isEqualTo(1);
            for (DeliveryId id : sent) {
                int arrived = police.receivedFor(id.value()).size()
                        + health.receivedFor(id.value()).size();
                assertThat(arrived).as("arrivals of delivery %s", id).isEqualTo(1);
                assertThat(deliveries.delivery(id).attempts())
                        .as(
                                "attempts of delivery %s, the last %s",
                                id, deliveries.delivery(id).lastOutcome())
                        .isEqualTo(1);
            }
        }
    }

    @Test
    void aTimedJobRunsOnOneNodeAtATimeAndIsTakenOverWhenItsHolderStopsRenewing() throws Exception {
        TestDatabase database = TestDatabase.fresh(dataDir);
        try (RunningHub first = RunningHub.start("demo", dataDir, database, properties());
                RunningHub second = RunningHub.start("demo", dataDir, database, properties())) {
            AtomicInteger running = new AtomicInteger();
            AtomicInteger mostAtOnce = new AtomicInteger();
            AtomicInteger runs = new AtomicInteger();
            Runnable sweep = () -> {
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    running.decrementAndGet();
                    runs.incrementAndGet();
                }
            };
            ExecutorService nodes = Executors.newFixedThreadPool(4);
            List<Future<Integer>> ran = new ArrayList<>();
            for (RunningHub node : List.of(first, second, first, second)) {
                ran.add(nodes.submit(() -> {
                    int mine = 0;
                    long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                    while (System.nanoTime() < until) {
                        if (node.bean(JobLeases.class)
                                .runExclusively("escalation-sweep", Duration.ofSeconds(10), sweep)) {
                            mine++;
                        }
                    }
                    return mine;
                }));
            }
            int firstRuns = ran.get(0).get() + ran.get(2).get();
            int secondRuns = ran.get(1).get() + ran.get(3).get();
            nodes.shutdown();

            assertThat(mostAtOnce.get()).isEqualTo(1);
            assertThat(runs.get()).isEqualTo(firstRuns + secondRuns).isGreaterThan(10);
            assertThat(firstRuns).isPositive();
            assertThat(secondRuns).isPositive();

            // A holder that dies keeps its lease until it expires; then another node takes the job over.
            StoredJobLeases leases = first.bean(StoredJobLeases.class);
            assertThat(leases.take("overdue-reviews", Duration.ofMillis(300), "a-node-that-dies"))
                    .isTrue();
            assertThat(second.bean(JobLeases.class).runExclusively("overdue-reviews", Duration.ofSeconds(5), sweep))
                    .isFalse();
            Thread.sleep(400);
            assertThat(second.bean(JobLeases.class).runExclusively("overdue-reviews", Duration.ofSeconds(5), sweep))
                    .isTrue();
        }
    }
}
