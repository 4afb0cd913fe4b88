package org.ecarehub.messaging.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.ecarehub.messaging.DeliveryId;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;

/**
 * The messages benchmark of bench/messages.sh: one hub on a fresh PostgreSQL schema raises {@code RATE} protection
 * messages a second ({@link MessageProducer}: a child concern naming a parent, about {@code FAMILIES} families in
 * rotation), each routed to a team of the five agencies of {@link MessageProducer#RECEIVERS} (a rest-hook receiver
 * each, in this JVM),
 * for {@code DURATION} seconds after a warm-up at the same rate, and prints the latency from each message's commit
 * (taken when the sender's transaction has returned) to each receiver's acknowledgement (taken as the receiver
 * answers), the rate achieved, and how many deliveries took longer than a second.
 *
 * <p>{@code FAMILIES} is 6,000 by default, about one family for every five messages of a whole run: each message gives
 * its two people a relationship with six teams for the life of its case, and every decision about a person reads all
 * of theirs, so a few hundred families named again and again would measure children with dozens of open concerns
 * each, which no partnership has.
 *
 * <p>The load is open: message k is due at {@code start + k / RATE}, whatever happened to the messages before it, so
 * a slow hub shows as late sends and long latencies rather than as a lower offered rate.
 */
final class MessagingBenchmark {

    private static final long TARGET_NANOS = TimeUnit.SECONDS.toNanos(1);

    private MessagingBenchmark() {}

    /** One committed message of the measured run. */
    record Sent(List<DeliveryId> deliveries, long dueNanos, long startNanos, long committedNanos) {}

    public static void main(String[] args) throws Exception {
        int rate = Integer.parseInt(env("RATE", "100"));
        int seconds = Integer.parseInt(env("DURATION", "300"));
        int warmUp = Integer.parseInt(env("WARMUP", "30"));
        int senders = Integer.parseInt(env("SENDERS", "8"));
        int families = Integer.parseInt(env("FAMILIES", "6000"));
        Path dataDir = Files.createTempDirectory("ecare-messages-bench");
        String secret = "bench-" + UUID.randomUUID();
        Path secretFile = dataDir.resolve("hook-secret");
        Files.writeString(secretFile, secret);

        List<AgencyEndpoint> receivers = new ArrayList<>();
        Map<String, String> endpoints = new LinkedHashMap<>();
        for (AgencyId agency : MessageProducer.RECEIVERS) {
            AgencyEndpoint receiver = new AgencyEndpoint(secret);
            receiver.forgetBodies();
            receivers.add(receiver);
            endpoints.put(agency.value(), receiver.url());
        }
        Path partnership = dataDir.resolve("partnership.yaml");
        Files.writeString(partnership, MessageProducer.partnershipFile(endpoints, secretFile));
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("ecare.partnership-file", partnership.toString());
        for (String setting : env("HUB_PROPERTIES", "").split(",")) {
            if (setting.contains("=")) {
                properties.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
            }
        }
        TestDatabase database = TestDatabase.fresh(dataDir);
        System.out.println("hub properties: " + properties);
        try (RunningHub hub = RunningHub.start("serve", dataDir, database, properties)) {
            long seeding = System.nanoTime();
            MessageProducer producer = new MessageProducer(hub, families);
            System.out.printf(
                    "people: %d families (a child and a parent each) in %.1f s%n",
                    families, (System.nanoTime() - seeding) / 1e9);
            System.out.printf("warm-up: %d s at %d messages/s%n", warmUp, rate);
            send(producer, rate, warmUp, senders);
            receivers.forEach(AgencyEndpoint::clear);

            System.out.printf(
                    "measured: %d s at %d messages/s, each to %d receivers, %d sending threads%n",
                    seconds, rate, receivers.size(), senders);
            List<Sent> sent = send(producer, rate, seconds, senders);
            // Until every measured delivery has arrived: warm-up deliveries still arriving must not count.
            long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!arrivals(receivers).keySet().containsAll(ids(sent)) && System.nanoTime() < waitUntil) {
                Thread.sleep(500);
            }
            report(sent, arrivals(receivers), rate);
        } finally {
            receivers.forEach(AgencyEndpoint::close);
        }
    }

    private static List<Sent> send(MessageProducer producer, int rate, int seconds, int senders)
            throws InterruptedException {
        long period = TimeUnit.SECONDS.toNanos(1) / rate;
        int count = rate * seconds;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        AtomicInteger next = new AtomicInteger();
        ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
        java.util.concurrent.ConcurrentHashMap<String, Integer> failures =
                new java.util.concurrent.ConcurrentHashMap<>();
        ExecutorService threads = Executors.newFixedThreadPool(senders);
        for (int t = 0; t < senders; t++) {
            threads.execute(() -> {
                for (int k = next.getAndIncrement(); k < count; k = next.getAndIncrement()) {
                    long due = start + k * period;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    long begun = System.nanoTime();
                    try {
                        MessageProducer.Sent message = producer.raise(k);
                        sent.add(new Sent(message.deliveries(), due, begun, System.nanoTime()));
                    } catch (RuntimeException e) {
                        // A refused or failed raise is counted and named, not left to end this sending thread.
                        failures.merge(e.getClass().getSimpleName() + ": " + e.getMessage(), 1, Integer::sum);
                    }
                }
            });
        }
        threads.shutdown();
        threads.awaitTermination(seconds + 600L, TimeUnit.SECONDS);
        failures.forEach((failure, times) -> System.out.printf("raise failed %d times: %s%n", times, failure));
        return new ArrayList<>(sent);
    }

    private static java.util.Set<String> ids(List<Sent> sent) {
        return sent.stream()
                .flatMap(message -> message.deliveries().stream())
                .map(DeliveryId::value)
                .collect(java.util.stream.Collectors.toSet());
    }

    /** The first arrival of each delivery id at any receiver. */
    private static Map<String, Long> arrivals(List<AgencyEndpoint> receivers) {
        Map<String, Long> first = new HashMap<>();
        for (AgencyEndpoint receiver : receivers) {
            for (AgencyEndpoint.Received received : receiver.received()) {
                first.merge(received.deliveryId(), received.arrivedNanos(), Math::min);
            }
        }
        return first;
    }

    private static void report(List<Sent> sent, Map<String, Long> arrivals, int rate) {
        long firstDue = sent.stream().mapToLong(Sent::dueNanos).min().orElse(0);
        long lastCommit = sent.stream().mapToLong(Sent::committedNanos).max().orElse(0);
        List<Long> latencies = new ArrayList<>();
        int missing = 0;
        for (Sent message : sent) {
            for (DeliveryId id : message.deliveries()) {
                Long arrived = arrivals.get(id.value());
                if (arrived == null) {
                    missing++;
                } else {
                    latencies.add(arrived - message.committedNanos());
                }
            }
        }
        long[] latency = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] commit = sent.stream()
                .mapToLong(s -> s.committedNanos() - s.startNanos())
                .sorted()
                .toArray();
        long[] behind = sent.stream()
                .mapToLong(s -> s.startNanos() - s.dueNanos())
                .sorted()
                .toArray();
        long late = Arrays.stream(latency).filter(l -> l > TARGET_NANOS).count();
        double elapsed = (lastCommit - firstDue) / 1e9;
        System.out.printf(
                "messages committed: %d in %.1f s: %.1f messages/s (%d offered), %.1f deliveries/s%n",
                sent.size(), elapsed, sent.size() / elapsed, rate, latency.length / elapsed);
        System.out.printf("deliveries: %d arrived, %d missing after 60 s%n", latency.length, missing);
        System.out.printf(
                "commit to receiver's 2xx: p50 %s, p95 %s, p99 %s, max %s%n",
                ms(latency, 0.50), ms(latency, 0.95), ms(latency, 0.99), ms(latency, 1.0));
        System.out.printf(
                "late (over 1 s): %d of %d deliveries (%.3f%%)%n",
                late, latency.length, latency.length == 0 ? 0.0 : 100.0 * late / latency.length);
        System.out.printf(
                "sender's transaction: p50 %s, p99 %s, max %s; sends begun behind schedule: p99 %s, max %s%n",
                ms(commit, 0.50), ms(commit, 0.99), ms(commit, 1.0), ms(behind, 0.99), ms(behind, 1.0));
        timeline(sent, arrivals, firstDue);
    }

    /**
     * The run in windows of ten seconds by commit time: messages committed, their deliveries' p50 and p99 from commit
     * to 2xx, and how many were late, so that the times when delivery fell behind can be set beside the database's and
     * the JVM's own records (checkpoints, autovacuum, collections).
     */
    private static void timeline(List<Sent> sent, Map<String, Long> arrivals, long firstDue) {
        long window = TimeUnit.SECONDS.toNanos(10);
        Map<Long, List<Long>> byWindow = new java.util.TreeMap<>();
        Map<Long, Integer> committed = new java.util.TreeMap<>();
        for (Sent message : sent) {
            long at = (message.committedNanos() - firstDue) / window;
            committed.merge(at, 1, Integer::sum);
            for (DeliveryId id : message.deliveries()) {
                Long arrived = arrivals.get(id.value());
                if (arrived != null) {
                    byWindow.computeIfAbsent(at, key -> new ArrayList<>()).add(arrived - message.committedNanos());
                }
            }
        }
        System.out.println("by commit time (10 s windows): from s, messages, deliveries p50, p99, late");
        byWindow.forEach((at, latencies) -> {
            long[] sorted =
                    latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            long late = Arrays.stream(sorted).filter(l -> l > TARGET_NANOS).count();
            System.out.printf(
                    "  %4d s  %5d  %10s  %10s  %5d%n",
                    at * 10, committed.get(at), ms(sorted, 0.50), ms(sorted, 0.99), late);
        });
    }

    private static String ms(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return "-";
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return String.format("%.1f ms", sorted[Math.max(0, index)] / 1e6);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
