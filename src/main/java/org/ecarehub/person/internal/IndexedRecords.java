package org.ecarehub.person.internal;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.ecarehub.person.internal.AgencyRecords.StoredVersion;
import org.ecarehub.person.matching.Linker;
import org.ecarehub.person.matching.MatchIndex;
import org.ecarehub.person.matching.MatchModel;
import org.ecarehub.person.matching.PersonRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Every agency record's current version in memory, in a {@link MatchIndex}, for matching a record the moment it comes.
 * Loaded from the database on first use; scored with {@link MatchModel#priors()} until a model is fitted to the
 * records, in the background, at start-up and after each bulk import.
 *
 * <p>Changes are made one transaction at a time, across threads by a lock and across nodes by a row lock in the
 * database; each change first takes in the versions other nodes stored since. A change enters the index at once, so
 * that the next record of the same import meets it, and leaves it again if its transaction rolls back.
 */
@Component
class IndexedRecords implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(IndexedRecords.class);

    private final AgencyRecords agencyRecords;
    private final JdbcClient jdbc;
    private final PersonIndexSettings settings;
    private final PersonCache people;
    private final MatchIndex index = new MatchIndex(MatchModel.priors());
    private final Map<Long, PersonRecord> records = new ConcurrentHashMap<>();
    private final ReentrantLock writer = new ReentrantLock();
    private final Object loading = new Object();
    private final ExecutorService fitter = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "person-index-fit");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        return thread;
    });
    private final AtomicBoolean fitQueued = new AtomicBoolean();
    private final AtomicInteger fits = new AtomicInteger();

    private volatile boolean loaded;
    private volatile long lastVersionId;
    private volatile int fittedOn;

    IndexedRecords(AgencyRecords agencyRecords, JdbcClient jdbc, PersonIndexSettings settings, PersonCache people) {
        this.agencyRecords = agencyRecords;
        this.people = people;
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /** Loads the index as the hub starts, before the first record comes. */
    @Override
    public void afterSingletonsInstantiated() {
        ensureLoaded();
    }

    /**
     * Runs a change (which opens its own transaction) as this node's one writer. Taking the lock before the
     * transaction, rather than inside it, keeps writers that wait from holding database connections that the writer
     * at work needs for its log appends.
     */
    <T> T exclusively(Supplier<T> change) {
        writer.lock();
        try {
            return change.get();
        } finally {
            writer.unlock();
        }
    }

    /**
     * Makes the current transaction the index's one writer until it completes, and brings the index up to date with
     * what other nodes stored. Called first by every change, inside its transaction, which holds this node's lock
     * until it completes.
     */
    void joinWrite() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("changes to the person index need a transaction");
        }
        if (TransactionSynchronizationManager.hasResource(this)) {
            return;
        }
        // Re-entrant: inside exclusively() this only counts; either way it is given up as the transaction completes.
        writer.lock();
        try {
            // Takes the writers' row lock, and raises the generation by which other nodes know to empty their caches.
            jdbc.sql("update person_index_writer set generation = generation + 1 where id = 1")
                    .update();
            ensureLoaded();
            for (StoredVersion version : agencyRecords.currentSince(lastVersionId)) {
                putCommitted(version);
            }
        } catch (RuntimeException e) {
            writer.unlock();
            throw e;
        }
        WriteScope scope = new WriteScope(lastVersionId);
        TransactionSynchronizationManager.bindResource(this, scope);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                try {
                    if (status != STATUS_COMMITTED) {
                        scope.revert();
                    }
                } finally {
                    people.empty();
                    TransactionSynchronizationManager.unbindResourceIfPossible(IndexedRecords.this);
                    writer.unlock();
                }
            }
        });
    }

    /** Puts a record's new current version into the index, within the writing transaction. */
    void put(long recordId, PersonRecord record, long versionId) {
        WriteScope scope = (WriteScope) TransactionSynchronizationManager.getResource(this);
        if (scope == null) {
            throw new IllegalStateException("the person index is changed only after joinWrite()");
        }
        scope.remember(recordId, records.get(recordId));
        index.put(recordId, record);
        records.put(recordId, record);
        lastVersionId = Math.max(lastVersionId, versionId);
    }

    List<MatchIndex.Candidate> match(PersonRecord record, long ownId) {
        ensureLoaded();
        return index.match(record, ownId);
    }

    Optional<MatchIndex.Candidate> compare(PersonRecord record, long otherId) {
        ensureLoaded();
        return index.compare(record, otherId);
    }

    Optional<PersonRecord> record(long recordId) {
        ensureLoaded();
        return Optional.ofNullable(records.get(recordId));
    }

    /** Whether this thread's transaction is changing the index: it reads its own changes, not the cache. */
    boolean writingHere() {
        return TransactionSynchronizationManager.hasResource(this);
    }

    int size() {
        ensureLoaded();
        return records.size();
    }

    MatchModel model() {
        return index.model();
    }

    /** How many fits have completed, and on how many records the latest was made. */
    int fits() {
        return fits.get();
    }

    int fittedOn() {
        return fittedOn;
    }

    /** Fits the model again in the background once the current transaction commits, or now without one. */
    void fitAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    requestFit();
                }
            });
        } else {
            requestFit();
        }
    }

    /**
     * Queues a fit unless one is queued already; a fit on fewer records than the minimum is not made, since the
     * expectation-maximisation needs enough pairs of different people to learn what agreement by chance looks like.
     */
    void requestFit() {
        if (records.size() < settings.fit().minimumRecords()) {
            return;
        }
        if (fitQueued.compareAndSet(false, true)) {
            fitter.execute(this::fit);
        }
    }

    private void fit() {
        fitQueued.set(false);
        try {
            List<Map.Entry<Long, PersonRecord>> entries = new ArrayList<>(records.entrySet());
            entries.sort(Map.Entry.comparingByKey());
            List<PersonRecord> snapshot =
                    entries.stream().map(Map.Entry::getValue).toList();
            long started = System.nanoTime();
            MatchModel fitted = new Linker(settings.fit().threads()).fit(snapshot);
            index.useModel(fitted);
            fittedOn = snapshot.size();
            fits.incrementAndGet();
            log.info(
                    "Person index model fitted to {} records in {} ms",
                    snapshot.size(),
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
        } catch (RuntimeException e) {
            log.warn("Fitting the person index model failed; the previous model stays: {}", e.toString());
        }
    }

    private void ensureLoaded() {
        if (loaded) {
            return;
        }
        synchronized (loading) {
            if (loaded) {
                return;
            }
            long started = System.nanoTime();
            // The newest version first, so that a version stored while loading is taken in by the next change.
            lastVersionId = agencyRecords.lastVersionId();
            agencyRecords.allCurrent().forEach(this::putCommitted);
            loaded = true;
            log.info(
                    "Person index loaded: {} records in {} ms",
                    records.size(),
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
        }
        requestFit();
    }

    private void putCommitted(StoredVersion version) {
        PersonRecord record =
                MatchingRecords.of(version.version().record(), version.version().demographics());
        index.put(version.recordId(), record);
        records.put(version.recordId(), record);
        lastVersionId = Math.max(lastVersionId, version.versionId());
    }

    @PreDestroy
    void stopFitting() {
        fitter.shutdownNow();
    }

    /** What one transaction changed, so that a rollback can take it out of the index again. */
    private final class WriteScope {
        private final long lastVersionIdBefore;
        private final Map<Long, PersonRecord> before = new HashMap<>();

        WriteScope(long lastVersionIdBefore) {
            this.lastVersionIdBefore = lastVersionIdBefore;
        }

        void remember(long recordId, PersonRecord previous) {
            if (!before.containsKey(recordId)) {
                before.put(recordId, previous);
            }
        }

        void revert() {
            before.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey(Comparator.reverseOrder()))
                    .forEach(entry -> {
                        if (entry.getValue() == null) {
                            index.remove(entry.getKey());
                            records.remove(entry.getKey());
                        } else {
                            index.put(entry.getKey(), entry.getValue());
                            records.put(entry.getKey(), entry.getValue());
                        }
                    });
            lastVersionId = lastVersionIdBefore;
        }
    }
}
