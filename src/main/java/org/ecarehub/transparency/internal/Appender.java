package org.ecarehub.transparency.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.ecarehub.shared.Admission;
import org.ecarehub.transparency.LogUnavailable;
import org.ecarehub.transparency.internal.LogTables.PendingEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for appends: callers hand their event to a few writer threads, each of which inserts whatever has
 * queued up in one transaction and one commit, then releases every caller of that batch. A caller returns only once
 * its event is committed; no lock is held across the caller's own transaction, and concurrent callers share the cost
 * of a commit instead of queueing behind each other's.
 *
 * <p>Each writer keeps one connection of its own, taken when it starts and taken again only after a failure. Callers
 * wait for the log while holding their transaction's connection, so a writer that asked the pool for a connection per
 * batch would, once as many callers wait as the pool holds, wait for a connection that only its own commit would
 * free.
 */
final class Appender implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Appender.class);
    private static final int QUEUE_CAPACITY = 100_000;

    private final DataSource dataSource;
    private final int maxBatch;
    private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running = true;

    private record Request(PendingEvent event, CompletableFuture<Long> committed) {}

    Appender(DataSource dataSource, int writerThreads, int maxBatch) {
        this.dataSource = dataSource;
        this.maxBatch = maxBatch;
        for (int i = 0; i < writerThreads; i++) {
            Thread writer = new Thread(this::writeUntilClosed, "log-appender-" + i);
            writer.setDaemon(true);
            writer.start();
            writers.add(writer);
        }
    }

    /** Appends the event and returns its id once committed. */
    long append(PendingEvent event, Duration timeout) {
        return appendAll(List.of(event), timeout).get(0);
    }

    /** Queues the events together and returns their ids once all are committed; they share the writers' batches. */
    List<Long> appendAll(List<PendingEvent> events, Duration timeout) {
        if (!running) {
            throw new LogUnavailable("the transparency log is shutting down", null);
        }
        List<Request> requests = new ArrayList<>(events.size());
        for (PendingEvent event : events) {
            Request request = new Request(event, new CompletableFuture<>());
            if (!queue.offer(request)) {
                // Those already queued still commit; the caller's change fails and its transaction rolls back.
                throw new LogUnavailable("the transparency log's append queue is full", null);
            }
            requests.add(request);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        // Waiting for the commit takes no processor: the caller's turn goes to the next request meanwhile.
        return Admission.awaiting(() -> committed(requests, deadline, timeout));
    }

    private static List<Long> committed(List<Request> requests, long deadline, Duration timeout) {
        try {
            List<Long> ids = new ArrayList<>(requests.size());
            for (Request request : requests) {
                long left = Math.max(0, deadline - System.nanoTime());
                ids.add(request.committed().get(left, TimeUnit.NANOSECONDS));
            }
            return ids;
        } catch (ExecutionException e) {
            throw new LogUnavailable("the transparency log could not commit the event", e.getCause());
        } catch (TimeoutException e) {
            throw new LogUnavailable("the transparency log did not commit the event within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LogUnavailable("interrupted while the transparency log committed the event", e);
        }
    }

    /** A writer's block of event ids, taken from the database 1,024 at a time. */
    private static final class Ids {
        long block;
        int used = LogTables.ID_BLOCK;

        long next(Connection connection) throws SQLException {
            if (used == LogTables.ID_BLOCK) {
                block = LogTables.nextIdBlock(connection);
                used = 0;
            }
            return block * LogTables.ID_BLOCK + used++;
        }
    }

    private void writeUntilClosed() {
        Ids ids = new Ids();
        List<Request> batch = new ArrayList<>(maxBatch);
        // Taken before any caller can queue behind this writer; see the class comment.
        Connection connection = connectQuietly();
        try {
            while (running || !queue.isEmpty()) {
                try {
                    Request first = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, maxBatch - 1);
                    if (connection == null) {
                        connection = dataSource.getConnection();
                    }
                    if (!write(batch, ids, connection)) {
                        closeQuietly(connection);
                        connection = null;
                    }
                } catch (SQLException e) {
                    log.warn(
                            "Could not connect to commit {} transparency log event(s): {}", batch.size(), e.toString());
                    batch.forEach(request -> request.committed().completeExceptionally(e));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } finally {
                    batch.clear();
                }
            }
        } finally {
            closeQuietly(connection);
        }
    }

    private Connection connectQuietly() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            // The first batch tries again.
            return null;
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Already broken; the pool discards it.
        }
    }

    /** Writes the batch on the writer's connection; false when the connection may no longer be trusted. */
    private boolean write(List<Request> batch, Ids ids, Connection connection) {
        try {
            List<PendingEvent> events = new ArrayList<>(batch.size());
            for (Request request : batch) {
                PendingEvent event = request.event();
                events.add(new PendingEvent(
                        ids.next(connection),
                        event.timestampMillis(),
                        event.eventType(),
                        event.personRef(),
                        event.salt(),
                        event.event()));
            }
            if (events.size() <= LogTables.ROWS_PER_STATEMENT && LogTables.insertsEventsAtOnce(connection)) {
                connection.setAutoCommit(true);
                LogTables.insertEventsAtOnce(connection, events);
            } else {
                connection.setAutoCommit(false);
                try {
                    LogTables.insertEvents(connection, events);
                    connection.commit();
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(connection);
                    throw e;
                }
            }
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).committed().complete(events.get(i).id());
            }
            return true;
        } catch (SQLException | RuntimeException e) {
            log.warn("Could not commit {} transparency log event(s): {}", batch.size(), e.toString());
            batch.forEach(request -> request.committed().completeExceptionally(e));
            return false;
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The connection is broken; the pool discards it.
        }
    }

    /** Commits what is queued, then stops the writers. */
    @Override
    public void close() {
        running = false;
        for (Thread writer : writers) {
            try {
                writer.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
