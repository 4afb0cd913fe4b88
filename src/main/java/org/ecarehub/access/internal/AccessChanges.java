package org.ecarehub.access.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.ecarehub.shared.PersonId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps every node's {@link AccessCache} true to the database. A change about a person writes a row to {@code
 * access_change} in its own transaction and drops the person's entry on this node once the transaction ends; every
 * node polls the table every {@code ecare.access.cache-poll} for rows it has not seen and drops those people too.
 *
 * <p>Change numbers come from an identity column, taken when the row is inserted but seen by others only at commit, so
 * a higher number can be seen before a lower one. Numbers skipped over are looked for again on each poll for {@code
 * ecare.access.gap-wait}, after which they are taken for rolled back.
 */
@Component
class AccessChanges implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AccessChanges.class);

    /** The key of this transaction's changed people among the transaction's resources. */
    private static final Object CHANGED = new Object();

    private static final Object READ = new Object();

    /** Past this many skipped numbers in one poll, tracking them is not worth it: the whole cache is dropped. */
    private static final int MAX_GAPS = 10_000;

    private final JdbcClient jdbc;
    private final AccessCache cache;
    private final AccessSettings settings;
    private final Clock clock;

    private final Object pollLock = new Object();
    private final Map<Long, Instant> gaps = new HashMap<>();
    private long lastSeen;
    private Instant lastPruned = Instant.EPOCH;
    private volatile ScheduledExecutorService schedule;

    AccessChanges(JdbcClient jdbc, AccessCache cache, AccessSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.cache = cache;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Records a change about the person inside the current transaction, and drops the person's entry on this node
     * when the transaction ends, committed or rolled back. A person changed more than once in one transaction gets
     * one row.
     */
    void record(PersonId person) {
        // Whatever this transaction read about the person before this change is out of date now.
        readInThisTransaction().remove(person);
        if (changedInThisTransaction().contains(person)) {
            // One row a person a transaction tells every node all it needs; the entry is dropped at its end already.
            return;
        }
        jdbc.sql("insert into access_change (person_id, changed_at) values (?, ?)")
                .params(person.value(), AccessRows.timestamp(clock.instant()))
                .update();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            changedInThisTransaction().add(person);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    cache.drop(person);
                }
            });
        } else {
            cache.drop(person);
        }
    }

    /**
     * The people this thread's transaction has changed and not yet committed. Their facts are read from the tables,
     * never from or into the cache, so that no other thread sees a change before it commits, or after it rolls back.
     */
    static Set<PersonId> changedInThisTransaction() {
        return boundToThisTransaction(CHANGED, HashSet::new, Set.of());
    }

    /**
     * What this thread's transaction has read from the tables about the people it changed, each until its next change
     * about them ({@link #record}); empty outside a transaction.
     */
    static Map<PersonId, AccessCache.Facts> readInThisTransaction() {
        return boundToThisTransaction(READ, HashMap::new, new HashMap<>());
    }

    /** The value kept under the key for this thread's transaction, made on first use and let go when it ends. */
    @SuppressWarnings("unchecked")
    private static <T> T boundToThisTransaction(Object key, Supplier<T> made, T outsideATransaction) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return outsideATransaction;
        }
        T value = (T) TransactionSynchronizationManager.getResource(key);
        if (value == null) {
            value = made.get();
            TransactionSynchronizationManager.bindResource(key, value);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(key);
                }
            });
        }
        return value;
    }

    /** Drops the people changed on other nodes since the last poll. */
    void poll() {
        synchronized (pollLock) {
            pollOnce();
        }
    }

    private void pollOnce() {
        Instant now = clock.instant();
        StringBuilder sql = new StringBuilder("select seq, person_id from access_change where seq > ?");
        List<Object> params = new java.util.ArrayList<>();
        params.add(lastSeen);
        if (!gaps.isEmpty()) {
            sql.append(" or seq in (")
                    .append(gaps.keySet().stream().map(gap -> "?").collect(Collectors.joining(", ")))
                    .append(")");
            params.addAll(gaps.keySet());
        }
        // Mapped by position: mapping by property name asks H2 for a column "personId" first, and H2 builds and
        // traces an exception for every row before the mapper tries person_id.
        List<Change> changes = jdbc.sql(sql.toString())
                .params(params)
                .query((row, number) -> new Change(row.getLong(1), row.getString(2)))
                .list();
        Set<Long> seen = new HashSet<>();
        long highest = lastSeen;
        for (Change change : changes) {
            cache.drop(PersonId.of(change.personId()));
            seen.add(change.seq());
            gaps.remove(change.seq());
            highest = Math.max(highest, change.seq());
        }
        if (highest - lastSeen - seen.size() > MAX_GAPS) {
            cache.dropAll();
            gaps.clear();
        } else {
            for (long seq = lastSeen + 1; seq < highest; seq++) {
                if (!seen.contains(seq)) {
                    gaps.put(seq, now);
                }
            }
        }
        lastSeen = highest;
        gaps.values().removeIf(since -> since.plus(settings.gapWait()).isBefore(now));
        if (lastPruned.plus(settings.changeRetention()).isBefore(now)) {
            jdbc.sql("delete from access_change where changed_at < ?")
                    .param(AccessRows.timestamp(now.minus(settings.changeRetention())))
                    .update();
            lastPruned = now;
        }
    }

    record Change(long seq, String personId) {}

    private void pollQuietly() {
        try {
            poll();
        } catch (RuntimeException e) {
            // Entries cannot be trusted while other nodes' changes go unseen: drop them all and read afresh.
            cache.dropAll();
            log.warn("Polling access changes failed; the access cache was emptied: {}", e.toString());
        }
    }

    @Override
    public synchronized void start() {
        synchronized (pollLock) {
            lastSeen = jdbc.sql("select coalesce(max(seq), 0) from access_change")
                    .query(Long.class)
                    .single();
            gaps.clear();
        }
        cache.dropAll();
        schedule = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "access-cache-poll");
            thread.setDaemon(true);
            return thread;
        });
        long period = settings.cachePoll().toMillis();
        schedule.scheduleWithFixedDelay(this::pollQuietly, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (schedule != null) {
            schedule.shutdown();
            try {
                schedule.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            schedule = null;
        }
    }

    @Override
    public boolean isRunning() {
        return schedule != null;
    }
}
