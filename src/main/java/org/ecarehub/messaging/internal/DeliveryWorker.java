package org.ecarehub.messaging.internal;

import static org.ecarehub.messaging.internal.DeliveryRows.timestamp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.ecarehub.messaging.Channel;
import org.ecarehub.messaging.Delivery;
import org.ecarehub.messaging.DeliveryDeadLettered;
import org.ecarehub.messaging.DeliveryId;
import org.ecarehub.messaging.DeliveryStatus;
import org.ecarehub.messaging.Receiver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Works the due deliveries on this node. A poller leases as many due rows as there are free workers, in one short
 * transaction with {@code select ... for update skip locked} (two nodes polling at once take different rows, and
 * neither waits for the other), stamping each with this node, a fresh lease token and an expiry; the workers then
 * attempt them outside any transaction and record the outcome only where the token is still theirs. A node that
 * dies mid-attempt leaves its rows leased until the expiry, after which any node takes them again: at least once.
 *
 * <p>Log lines name deliveries by their delivery id and receivers by agency; never a person or an address.
 */
@Component
class DeliveryWorker implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final TransactionTemplate transactions;
    private final RestHooks restHooks;
    private final SubscriptionEventNumbers eventNumbers;
    private final Emails emails;
    private final MessagingSettings settings;
    private final Backoff backoff;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final Counter deadLettered;
    private final String node = "node-" + UUID.randomUUID();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private final Semaphore inHand;
    private final BlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();

    private volatile boolean running;
    private boolean wakeUp;
    private Thread poller;
    private Thread recorder;
    private ExecutorService workers;

    DeliveryWorker(
            JdbcClient jdbc,
            JdbcTemplate batches,
            TransactionTemplate transactions,
            RestHooks restHooks,
            SubscriptionEventNumbers eventNumbers,
            Emails emails,
            MessagingSettings settings,
            Clock clock,
            ApplicationEventPublisher events,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.transactions = transactions;
        this.restHooks = restHooks;
        this.eventNumbers = eventNumbers;
        this.emails = emails;
        this.settings = settings;
        this.backoff = new Backoff(settings.backoffBase(), settings.backoffCap());
        this.clock = clock;
        this.events = events;
        this.inHand = new Semaphore(settings.workers() + settings.leaseBatch());
        this.deadLettered = Counter.builder("ecare.messaging.dead.lettered")
                .description("Deliveries given up after their last attempt, on this node")
                .register(meters);
        Gauge.builder("ecare.messaging.dead.letters", this, DeliveryWorker::deadLetters)
                .description("Dead letters waiting for an administrator, across all nodes")
                .register(meters);
    }

    /** This node's name in the leases it takes. */
    String node() {
        return node;
    }

    /** Asks the poller to look for due deliveries now, as after a commit that added some. */
    void wake() {
        lock.lock();
        try {
            wakeUp = true;
            woken.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private double deadLetters() {
        try {
            return jdbc.sql("select count(*) from delivery where status = ?")
                    .param(DeliveryStatus.DEAD.code())
                    .query(Long.class)
                    .single();
        } catch (RuntimeException unavailable) {
            return Double.NaN;
        }
    }

    @Override
    public void start() {
        running = true;
        workers = Executors.newFixedThreadPool(settings.workers(), runnable -> {
            Thread thread = new Thread(runnable, "delivery-worker");
            thread.setDaemon(true);
            return thread;
        });
        poller = new Thread(this::poll, "delivery-poller");
        poller.setDaemon(true);
        poller.start();
        recorder = new Thread(this::recordOutcomes, "delivery-recorder");
        recorder.setDaemon(true);
        recorder.start();
    }

    @Override
    public void stop() {
        running = false;
        wake();
        if (poller != null) {
            poller.interrupt();
        }
        if (workers != null) {
            workers.shutdownNow();
            try {
                workers.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (recorder != null) {
            // Outcomes not recorded by then are attempted again when their leases expire: duplicates, never losses.
            try {
                recorder.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            recorder.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void poll() {
        while (running) {
            try {
                // Leasing takes a commit; leasing what the workers can take next, beyond the free workers, keeps the
                // poller's commits from bounding the rate at which the workers deliver.
                int free = inHand.availablePermits();
                List<Leased> leased = free == 0 ? List.of() : lease(free);
                for (Leased delivery : leased) {
                    inHand.acquireUninterruptibly();
                    workers.execute(() -> {
                        try {
                            work(delivery);
                        } finally {
                            inHand.release();
                            wake();
                        }
                    });
                }
                if (leased.isEmpty()) {
                    sleep();
                }
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("delivery poll failed: {}", e.getClass().getSimpleName());
                    sleep();
                }
            }
        }
    }

    private void sleep() {
        lock.lock();
        try {
            if (!wakeUp) {
                woken.await(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
            }
            wakeUp = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    /** Leases up to {@code limit} due deliveries for this node, in one short transaction. */
    List<Leased> lease(int limit) {
        String token = UUID.randomUUID().toString();
        return transactions.execute(status -> {
            Instant now = clock.instant();
            Instant expires = now.plus(settings.lease());
            // The rows themselves, not their ids and then the rows: each round trip to a busy database is
            // milliseconds the poller spends while the workers wait.
            Map<Delivery, Long> due = new LinkedHashMap<>();
            jdbc.sql(DeliveryRows.DELIVERY_NUMBERED + " where status = ? and next_attempt_at <= ?"
                            + " and (lease_expires_at is null or lease_expires_at < ?)"
                            + " order by next_attempt_at limit ? for update skip locked")
                    .params(DeliveryStatus.PENDING.code(), timestamp(now), timestamp(now), limit)
                    .query(row -> {
                        due.put(DeliveryRows.delivery(row, 0), row.getLong("event_number"));
                    });
            if (due.isEmpty()) {
                return List.of();
            }
            // Rest hooks are numbered within their subscription at their first lease, the whole batch at once, and
            // stamped by the update that leases them: one statement for the batch, not one more a delivery.
            Map<DeliveryId, Long> numbered = eventNumbers.numberAll(due.entrySet().stream()
                    .filter(entry -> entry.getValue() == 0)
                    .map(Map.Entry::getKey)
                    .toList());
            StringBuilder update =
                    new StringBuilder("update delivery set lease_holder = ?, lease_token = ?, lease_expires_at = ?");
            List<Object> params = new ArrayList<>(List.of(node, token, timestamp(expires)));
            if (!numbered.isEmpty()) {
                update.append(", event_number = case delivery_id");
                numbered.forEach((id, number) -> {
                    update.append(" when ? then ?");
                    params.add(id.value());
                    params.add(number);
                });
                update.append(" else event_number end");
            }
            update.append(" where delivery_id in (")
                    .append(String.join(", ", Collections.nCopies(due.size(), "?")))
                    .append(")");
            due.keySet().forEach(delivery -> params.add(delivery.id().value()));
            jdbc.sql(update.toString()).params(params).update();
            return due.entrySet().stream()
                    .map(entry -> new Leased(
                            entry.getKey(),
                            token,
                            expires,
                            entry.getValue() != 0
                                    ? entry.getValue()
                                    : numbered.getOrDefault(entry.getKey().id(), 0L)))
                    .toList();
        });
    }

    /**
     * A delivery this node leased, with the lease token its outcome is recorded under, when the lease ends, and its
     * event number within its agency's subscription (0 when it has none yet).
     */
    record Leased(Delivery delivery, String token, Instant expires, long eventNumber) {}

    private void work(Leased leased) {
        Delivery delivery = leased.delivery();
        if (clock.instant()
                .plus(settings.connectTimeout())
                .plus(settings.readTimeout())
                .isAfter(leased.expires())) {
            // Waited in hand behind slow receivers until an attempt could outlast the lease, when another node may
            // take the delivery: give it back rather than risk two attempts at once.
            release(leased);
            return;
        }
        Attempt attempt;
        try {
            attempt = delivery.channel() == Channel.EMAIL
                    ? emails.attempt(delivery)
                    : restHooks.attempt(delivery, leased.eventNumber());
        } catch (RuntimeException e) {
            // A renderer or channel that throws has not delivered anything: a failed attempt, never a success.
            attempt = Attempt.failed("error-" + e.getClass().getSimpleName());
        }
        outcomes.add(new Outcome(leased, attempt));
    }

    /** An attempt's outcome waiting to be recorded under its lease. */
    record Outcome(Leased leased, Attempt attempt) {}

    /**
     * Records the workers' outcomes, as many as are waiting, in one transaction: one commit for many deliveries
     * rather than one each, which bounded a node to a few hundred deliveries a second on a busy disk.
     */
    private void recordOutcomes() {
        List<Outcome> batch = new ArrayList<>();
        while (running || !outcomes.isEmpty()) {
            try {
                Outcome first = outcomes.poll(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                outcomes.drainTo(batch, 255);
                record(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Records outcomes in one transaction and one batch of updates, each where this node's lease on its delivery still
     * holds.
     */
    void record(List<Outcome> batch) {
        List<Runnable> afterCommit = new ArrayList<>();
        try {
            transactions.executeWithoutResult(status -> {
                afterCommit.clear();
                afterCommit.addAll(write(batch));
            });
        } catch (RuntimeException e) {
            // The leases expire and the deliveries are attempted again: duplicates with the same ids, never a loss.
            LOG.warn(
                    "{} delivery outcomes could not be recorded: {}",
                    batch.size(),
                    e.getClass().getSimpleName());
            return;
        }
        afterCommit.forEach(Runnable::run);
    }

    private void release(Leased leased) {
        try {
            jdbc.sql("update delivery set lease_holder = null, lease_token = null, lease_expires_at = null"
                            + " where delivery_id = ? and lease_token = ?")
                    .params(leased.delivery().id().value(), leased.token())
                    .update();
        } catch (RuntimeException e) {
            LOG.warn(
                    "delivery {} lease could not be given back: {}",
                    leased.delivery().id(),
                    e.getClass().getSimpleName());
        }
    }

    /** Records an attempt's outcome, where this node's lease on the delivery still holds. */
    void record(Leased leased, Attempt attempt) {
        record(List.of(new Outcome(leased, attempt)));
    }

    /**
     * Writes the outcomes in one batch of updates and returns what to do once they have committed.
     *
     * <p>Each update finds its row by the delivery id alone and holds only where the lease token is still this
     * attempt's: a token is only ever on a pending row (leasing stamps pending rows, and every outcome and every
     * release clears it), so the token stands for the status too. The status is deliberately not in the condition: with
     * it, PostgreSQL could plan the update by the due index ({@code status, next_attempt_at}) on a young table's
     * statistics and keep that plan on a pooled connection, reading every pending row to update one (a thousand
     * buffers an update under the messages benchmark).
     */
    private List<Runnable> write(List<Outcome> outcomes) {
        Instant now = clock.instant();
        List<Object[]> rows = new ArrayList<>();
        List<Runnable> then = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            Delivery delivery = outcome.leased().delivery();
            Attempt attempt = outcome.attempt();
            int attempts = delivery.attempts() + 1;
            DeliveryStatus status = attempt.acknowledged()
                    ? DeliveryStatus.DELIVERED
                    : attempts >= settings.maxAttempts() ? DeliveryStatus.DEAD : DeliveryStatus.PENDING;
            Instant next = status == DeliveryStatus.PENDING
                    ? now.plus(backoff.delay(attempts, ThreadLocalRandom.current()))
                    : now;
            rows.add(new Object[] {
                status.code(),
                attempts,
                timestamp(now),
                attempt.outcome(),
                timestamp(next),
                // Typed, so that a null is bound without asking the database for the parameter's type.
                new SqlParameterValue(Types.TIMESTAMP, status == DeliveryStatus.DELIVERED ? timestamp(now) : null),
                delivery.id().value(),
                outcome.leased().token()
            });
            then.add(() -> announce(delivery, attempt, status, attempts, next));
        }
        int[] recorded = batches.batchUpdate(
                "update delivery set status = ?, attempts = ?, last_attempt_at = ?, last_outcome = ?,"
                        + " next_attempt_at = ?, delivered_at = ?, lease_holder = null, lease_token = null,"
                        + " lease_expires_at = null where delivery_id = ? and lease_token = ?",
                rows);
        for (int i = 0; i < recorded.length; i++) {
            if (recorded[i] == 0) {
                Outcome lost = outcomes.get(i);
                then.set(
                        i,
                        () -> LOG.warn(
                                "delivery {} lease was lost before its outcome {} was recorded",
                                lost.leased().delivery().id(),
                                lost.attempt().outcome()));
            }
        }
        return then;
    }

    private void announce(Delivery delivery, Attempt attempt, DeliveryStatus status, int attempts, Instant next) {
        if (status == DeliveryStatus.DEAD) {
            deadLettered.increment();
            Receiver.Agency agency = delivery.receiver() instanceof Receiver.Agency a ? a : null;
            LOG.warn(
                    "delivery {} to {} is a dead letter after {} attempts, last {}",
                    delivery.id(),
                    agency == null ? "an email address" : agency.agency().value(),
                    attempts,
                    attempt.outcome());
            events.publishEvent(new DeliveryDeadLettered(
                    delivery.id(),
                    delivery.notification().topic(),
                    delivery.notification().focus(),
                    delivery.channel(),
                    agency == null ? null : agency.agency()));
        } else if (status == DeliveryStatus.PENDING) {
            LOG.info(
                    "delivery {} attempt {} failed ({}), next at {}", delivery.id(), attempts, attempt.outcome(), next);
        }
    }
}
