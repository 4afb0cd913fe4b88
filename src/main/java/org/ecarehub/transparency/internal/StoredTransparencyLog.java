package org.ecarehub.transparency.internal;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.ecarehub.transparency.LogEvent;
import org.ecarehub.transparency.LogUnavailable;
import org.ecarehub.transparency.SignedTreeHead;
import org.ecarehub.transparency.TransparencyLog;
import org.ecarehub.transparency.internal.LogTables.PendingEvent;
import org.ecarehub.transparency.merkle.MerkleProofs;
import org.ecarehub.transparency.merkle.NodeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;

/**
 * The transparency log over the database: appends by group commit, a sequencer on a fixed delay, proofs read in one
 * query each. Every node runs a sequencer; the sequencer lock lets one work at a time.
 */
@Service
class StoredTransparencyLog implements TransparencyLog, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StoredTransparencyLog.class);

    private final DataSource dataSource;
    private final Clock clock;
    private final LogKeys keys;
    private final Duration sequenceInterval;
    private final Duration appendTimeout;
    private final int appendBatch;
    private final int appendWriters;
    private final Sequencer sequencer;
    private final SecureRandom random = new SecureRandom();

    /** The largest signed tree size seen; tree heads only grow, so a size up to it needs no query to check. */
    private volatile long knownSignedSize;

    private volatile Appender appender;

    /** The time the replayed step running on this thread occurred, if one is running (see {@link #replaying}). */
    private final ThreadLocal<Instant> replayingAt = new ThreadLocal<>();

    private volatile ScheduledExecutorService schedule;

    StoredTransparencyLog(
            DataSource dataSource,
            Clock clock,
            @Value("${ecare.log-key-file:${ecare.data-dir}/transparency/log-key.pem}") Path keyFile,
            @Value("${ecare.log.sequence-interval:200ms}") Duration sequenceInterval,
            @Value("${ecare.log.sequence-batch:10000}") int sequenceBatch,
            @Value("${ecare.log.append-timeout:10s}") Duration appendTimeout,
            @Value("${ecare.log.append-batch:1000}") int appendBatch,
            @Value("${ecare.log.append-writers:1}") int appendWriters) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.keys = LogKeys.loadOrCreate(keyFile);
        this.sequenceInterval = sequenceInterval;
        this.appendTimeout = appendTimeout;
        this.appendBatch = appendBatch;
        this.appendWriters = appendWriters;
        this.sequencer = new Sequencer(dataSource, keys, clock, sequenceBatch);
        // Ready before the lifecycle starts, so that start-up work (the demo's seeding) can append already.
        this.appender = new Appender(dataSource, appendWriters, appendBatch);
    }

    @Override
    public Appended append(LogEvent event) {
        return new Appended(running().append(pending(event), appendTimeout));
    }

    @Override
    public List<Appended> appendAll(List<LogEvent> events) {
        List<PendingEvent> pending = events.stream().map(this::pending).toList();
        return running().appendAll(pending, appendTimeout).stream()
                .map(Appended::new)
                .toList();
    }

    private Appender running() {
        Appender current = appender;
        if (current == null) {
            throw new LogUnavailable("the transparency log is not running", null);
        }
        return current;
    }

    @Override
    public <T> T replaying(Instant occurredAt, Supplier<T> step) {
        Objects.requireNonNull(occurredAt, "occurredAt");
        Instant outer = replayingAt.get();
        replayingAt.set(occurredAt);
        try {
            return step.get();
        } finally {
            if (outer == null) {
                replayingAt.remove();
            } else {
                replayingAt.set(outer);
            }
        }
    }

    private PendingEvent pending(LogEvent appended) {
        Instant occurredAt = replayingAt.get();
        LogEvent event = occurredAt == null || appended.what().replayed() ? appended : appended.replayedAt(occurredAt);
        byte[] salt = new byte[LeafInputs.SALT_LENGTH];
        random.nextBytes(salt);
        return new PendingEvent(
                0,
                event.time().toEpochMilli(),
                event.type().code(),
                event.about().map(person -> person.value()).orElse(null),
                salt,
                EventDocuments.pending(event));
    }

    @Override
    public Optional<SignedTreeHead> latestTreeHead() {
        Optional<SignedTreeHead> head = read(LogTables::latestTreeHead);
        head.ifPresent(this::saw);
        return head;
    }

    private void saw(SignedTreeHead head) {
        if (head.treeSize() > knownSignedSize) {
            knownSignedSize = head.treeSize();
        }
    }

    @Override
    public Optional<InclusionProof> inclusionProof(byte[] leafHash, long treeSize) {
        return read(connection -> {
            checkTreeSize(connection, treeSize, "tree_size");
            return LogTables.leafIndexOf(connection, leafHash, treeSize)
                    .map(index -> new InclusionProof(
                            index,
                            treeSize,
                            MerkleProofs.inclusionProof(index, treeSize, ids -> readNodes(connection, ids))));
        });
    }

    @Override
    public List<byte[]> consistencyProof(long first, long second) {
        return read(connection -> {
            if (first < 1 || first > second) {
                throw new ProofRequestRejected("first must be at least 1 and at most second");
            }
            checkTreeSize(connection, second, "second");
            return MerkleProofs.consistencyProof(first, second, ids -> readNodes(connection, ids));
        });
    }

    @Override
    public List<byte[]> leafInputs(long start, long end, int maxCount) {
        return read(connection -> {
            long size = signedSize(connection);
            if (start < 0 || end < start) {
                throw new ProofRequestRejected("start must be at least 0 and at most end");
            }
            if (start >= size) {
                throw new ProofRequestRejected("start is beyond the latest signed tree head");
            }
            long last = Math.min(Math.min(end, size - 1), start + maxCount - 1);
            return LogTables.leafInputs(connection, start, last);
        });
    }

    @Override
    public LogPublicKey publicKey() {
        return new LogPublicKey(keys.publicKeyDer(), keys.keyId());
    }

    /** Sequences what is pending now, without waiting for the next round; for tests and the demo's seeding. */
    long sequenceNow() {
        try {
            return sequencer.sequencePending();
        } catch (SQLException e) {
            throw new LogUnavailable("the transparency log could not sequence", e);
        }
    }

    private void checkTreeSize(Connection connection, long treeSize, String name) throws SQLException {
        if (treeSize >= 1 && treeSize <= knownSignedSize) {
            return;
        }
        long size = signedSize(connection);
        if (treeSize < 1 || treeSize > size) {
            throw new ProofRequestRejected(name + " must be between 1 and the latest signed tree size, " + size);
        }
    }

    private long signedSize(Connection connection) throws SQLException {
        Optional<SignedTreeHead> head = LogTables.latestTreeHead(connection);
        head.ifPresent(this::saw);
        return head.map(SignedTreeHead::treeSize).orElse(0L);
    }

    private static Map<NodeId, byte[]> readNodes(Connection connection, Collection<NodeId> ids) {
        try {
            return LogTables.readNodes(connection, ids);
        } catch (SQLException e) {
            throw new LogUnavailable("the transparency log could not be read", e);
        }
    }

    private interface Read<T> {
        T apply(Connection connection) throws SQLException;
    }

    private <T> T read(Read<T> read) {
        try (Connection connection = dataSource.getConnection()) {
            return read.apply(connection);
        } catch (SQLException e) {
            throw new LogUnavailable("the transparency log could not be read", e);
        }
    }

    @Override
    public synchronized void start() {
        if (appender == null) {
            appender = new Appender(dataSource, appendWriters, appendBatch);
        }
        schedule = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "log-sequencer");
            thread.setDaemon(true);
            return thread;
        });
        schedule.scheduleWithFixedDelay(this::sequenceQuietly, 0, sequenceInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sequenceQuietly() {
        try {
            sequencer.sequencePending();
        } catch (SQLException | RuntimeException e) {
            log.warn("Sequencing the transparency log failed; retrying in {}: {}", sequenceInterval, e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (appender != null) {
            appender.close();
            appender = null;
        }
        if (schedule != null) {
            schedule.shutdown();
            try {
                schedule.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            schedule = null;
            sequenceQuietly();
        }
    }

    @Override
    public boolean isRunning() {
        return schedule != null;
    }

    @Override
    public int getPhase() {
        // Below the web server's phase: starts before it and stops after it, so requests in flight can still append.
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
