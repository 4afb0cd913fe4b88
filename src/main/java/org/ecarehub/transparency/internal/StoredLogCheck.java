package org.ecarehub.transparency.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ecarehub.transparency.LogVerification.Report;
import org.ecarehub.transparency.SignedTreeHead;
import org.ecarehub.transparency.merkle.MerkleFrontier;
import org.ecarehub.transparency.merkle.MerkleHashes;
import org.ecarehub.transparency.merkle.Node;

/**
 * The engine of {@code ecare log verify}: one pass over the leaves in order, with a cursor over the events in id
 * order (joined here, with a small read-ahead, since leaves take events nearly in id order), one per tree level over
 * the stored subtree hashes and one over the tree heads, so that memory stays O(log n) besides each person's last
 * event. Problems name leaves, events, nodes and heads by their index, never a person.
 */
public final class StoredLogCheck {

    static final int MAX_PROBLEMS = 100;
    private static final int CHUNK = 4096;
    private static final int FETCH_SIZE = 10_000;

    private final Connection connection;
    private final Map<String, PublicKey> trustedKeys = new HashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final List<Cursor> levels = new ArrayList<>();
    private final Map<String, long[]> chains = new HashMap<>();
    private final MerkleFrontier frontier = new MerkleFrontier();
    private final Map<Long, EventRow> readAhead = new HashMap<>();
    private Set<Long> pendingIds;
    private Cursor events;
    private long eventCount;
    private long treeHeads;

    private StoredLogCheck(Connection connection, List<byte[]> trustedKeys) {
        this.connection = connection;
        for (byte[] der : trustedKeys) {
            this.trustedKeys.put(LogKeys.keyIdOf(der), LogKeys.publicKeyOf(der));
        }
    }

    public static byte[] publicKeyOfKeyFile(Path keyFile) {
        try {
            return LogKeys.read(Files.readString(keyFile, StandardCharsets.US_ASCII))
                    .publicKeyDer();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the log key file " + keyFile + ": " + e.getMessage(), e);
        }
    }

    public static Report run(Connection connection, List<byte[]> trustedKeys) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        // PostgreSQL streams a result set with a fetch size only inside a transaction.
        connection.setAutoCommit(false);
        try {
            return new StoredLogCheck(connection, trustedKeys).run();
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }

    private Report run() throws SQLException {
        pendingIds = pendingIds();
        boolean complete = true;
        try (Cursor heads = new Cursor(
                        connection,
                        "select tree_size, timestamp_ms, root_hash, signature, key_id from transparency_tree_head"
                                + " order by tree_size");
                Cursor leaves = new Cursor(
                        connection,
                        "select leaf_index, leaf_hash, leaf_input, event_id, person_seq, previous_leaf"
                                + " from transparency_leaf order by leaf_index");
                Cursor eventRows = new Cursor(
                        connection,
                        "select id, timestamp_ms, event_type, person_ref, salt, event from transparency_event"
                                + " order by id")) {
            this.events = eventRows;
            heads.next();
            checkHeadsAtSize(heads, 0);
            complete = checkLeaves(leaves, heads);
            while (!heads.done() && problems.size() < MAX_PROBLEMS) {
                problem("tree head of size " + heads.row().getLong(1) + " is beyond the " + frontier.size()
                        + " stored leaves (leaves were deleted)");
                heads.next();
            }
            if (complete && problems.size() < MAX_PROBLEMS) {
                checkEventsOutsideTheTree();
            }
        } finally {
            for (Cursor level : levels) {
                if (level != null) {
                    level.close();
                }
            }
        }
        checkNodesBeyondTree();
        checkSequencerRow();
        return new Report(
                frontier.size(), eventCount, treeHeads, chains.size(), pendingIds.size(), List.copyOf(problems));
    }

    /** A leaf as read, with its event (null when missing), and what the hashing thread made of them. */
    private static final class LeafRow {
        final long index;
        final byte[] storedHash;
        final byte[] leafInput;
        final long eventId;
        final long personSequence;
        final long previousLeaf;
        final EventRow event;
        byte[] leafHash;
        String recomputeError;
        boolean commits;

        LeafRow(ResultSet leaf, EventRow event) throws SQLException {
            index = leaf.getLong(1);
            storedHash = leaf.getBytes(2);
            leafInput = leaf.getBytes(3);
            eventId = leaf.getLong(4);
            personSequence = leaf.getObject(5) == null ? -1 : leaf.getLong(5);
            previousLeaf = leaf.getObject(6) == null ? -1 : leaf.getLong(6);
            this.event = event;
        }

        /** The hashing, which needs no database: done on another thread while the next leaves are read. */
        void hash() {
            leafHash = MerkleHashes.leafHash(leafInput);
            if (event == null) {
                return;
            }
            try {
                String document =
                        EventDocuments.sequenced(event.event(), event.personRef(), personSequence, previousLeaf);
                byte[] recomputed =
                        LeafInputs.leafInput(event.timestampMillis(), event.eventType(), event.salt(), document);
                commits = Arrays.equals(recomputed, leafInput);
            } catch (IllegalArgumentException e) {
                recomputeError = e.getMessage();
            }
        }
    }

    /**
     * Reads the leaves in chunks; while one chunk is hashed on a second thread, the next is read, and the one before
     * is checked in order (tree, chains, heads), so that reading and hashing use both cores.
     *
     * @return whether every leaf was read (no gap in the indexes)
     */
    private boolean checkLeaves(Cursor leaves, Cursor heads) throws SQLException {
        ExecutorService hashing = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "log-verify-hashing");
            thread.setDaemon(true);
            return thread;
        });
        try {
            long expected = 0;
            boolean complete = true;
            Future<List<LeafRow>> previous = null;
            while (problems.size() < MAX_PROBLEMS) {
                List<LeafRow> chunk = new ArrayList<>(CHUNK);
                while (chunk.size() < CHUNK && leaves.next()) {
                    long index = leaves.row().getLong(1);
                    if (index != expected) {
                        complete = false;
                        break;
                    }
                    chunk.add(new LeafRow(leaves.row(), event(leaves.row().getLong(4))));
                    expected++;
                }
                Future<List<LeafRow>> hashed = hashing.submit(() -> {
                    chunk.forEach(LeafRow::hash);
                    return chunk;
                });
                if (previous != null) {
                    checkInOrder(await(previous), heads);
                }
                previous = hashed;
                if (!complete || chunk.size() < CHUNK) {
                    checkInOrder(await(previous), heads);
                    break;
                }
            }
            if (!complete) {
                problem("leaf " + expected + " is missing: the next stored leaf is "
                        + leaves.row().getLong(1) + " (a leaf was deleted or its index changed)");
            }
            return complete;
        } finally {
            hashing.shutdownNow();
        }
    }

    private static List<LeafRow> await(Future<List<LeafRow>> hashed) {
        try {
            return hashed.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("hashing the leaves failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing the leaves", e);
        }
    }

    private void checkInOrder(List<LeafRow> chunk, Cursor heads) throws SQLException {
        for (LeafRow leaf : chunk) {
            if (problems.size() >= MAX_PROBLEMS) {
                return;
            }
            checkLeaf(leaf);
            checkHeadsAtSize(heads, frontier.size());
        }
    }

    private void checkLeaf(LeafRow leaf) throws SQLException {
        if (!Arrays.equals(leaf.storedHash, leaf.leafHash)) {
            problem("leaf " + leaf.index + ": its stored hash is not the hash of its leaf input");
        }
        if (leaf.event == null) {
            problem("leaf " + leaf.index + " has no event (event " + leaf.eventId + " was deleted or its id changed)");
        } else {
            eventCount++;
            if (pendingIds.remove(leaf.eventId)) {
                problem("event " + leaf.eventId + " is in leaf " + leaf.index + " and also waiting to be sequenced");
            }
            checkEvent(leaf);
        }
        for (Node node : frontier.append(leaf.leafHash)) {
            if (node.id().level() > 0) {
                checkNode(node);
            }
        }
    }

    private void checkEvent(LeafRow leaf) {
        EventRow event = leaf.event;
        if (leaf.recomputeError != null) {
            problem("event " + event.id() + " at leaf " + leaf.index + " cannot be recomputed: " + leaf.recomputeError);
            return;
        }
        if (!leaf.commits) {
            problem("leaf " + leaf.index + " does not commit to event " + event.id()
                    + " (the event, the leaf or its chain was modified, or rows were reordered)");
            return;
        }
        if (event.personRef() == null) {
            return;
        }
        long personSequence = leaf.personSequence;
        long previousLeaf = leaf.previousLeaf;
        long index = leaf.index;
        long[] last = chains.get(event.personRef());
        long expectedSequence = last == null ? 1 : last[0] + 1;
        long expectedPrevious = last == null ? -1 : last[1];
        if (personSequence != expectedSequence || previousLeaf != expectedPrevious) {
            problem("event " + event.id() + " at leaf " + index + " breaks its person's chain: it is number "
                    + personSequence + (previousLeaf < 0 ? " with no previous" : " after leaf " + previousLeaf)
                    + ", but the chain expects number " + expectedSequence
                    + (expectedPrevious < 0 ? " as the first" : " after leaf " + expectedPrevious)
                    + " (an event of this person is missing or out of place)");
        }
        chains.put(event.personRef(), new long[] {personSequence, index});
    }

    /** An event row, as appended. */
    private record EventRow(
            long id, long timestampMillis, int eventType, String personRef, byte[] salt, String event) {}

    /**
     * The event with this id, from the events read in id order. Leaves come nearly in id order (a late commit can
     * put an event a little after higher ids), so events read ahead wait in a small buffer.
     */
    private EventRow event(long id) throws SQLException {
        EventRow buffered = readAhead.remove(id);
        if (buffered != null) {
            return buffered;
        }
        while (events.next()) {
            ResultSet row = events.row();
            EventRow event = new EventRow(
                    row.getLong(1), row.getLong(2), row.getInt(3), row.getString(4), row.getBytes(5), row.getString(6));
            if (event.id() == id) {
                return event;
            }
            readAhead.put(event.id(), event);
            if (event.id() > id) {
                return null;
            }
        }
        return null;
    }

    /** Every event that no leaf took must be waiting to be sequenced. */
    private void checkEventsOutsideTheTree() throws SQLException {
        while (events.next()) {
            ResultSet row = events.row();
            readAhead.put(row.getLong(1), null);
        }
        for (Long id : readAhead.keySet()) {
            if (!pendingIds.contains(id)) {
                problem("event " + id + " is in no leaf and is not waiting to be sequenced (it was inserted, or its"
                        + " leaf deleted)");
            }
        }
        for (Long id : pendingIds) {
            if (!readAhead.containsKey(id)) {
                problem("event " + id + " is waiting to be sequenced but does not exist");
            }
        }
    }

    private Set<Long> pendingIds() throws SQLException {
        Set<Long> ids = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement("select event_id from transparency_pending");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }

    private void checkNode(Node node) throws SQLException {
        int level = node.id().level();
        while (levels.size() <= level) {
            levels.add(null);
        }
        Cursor cursor = levels.get(level);
        if (cursor == null) {
            cursor = new Cursor(
                    connection, "select idx, hash from transparency_node where level = " + level + " order by idx");
            levels.set(level, cursor);
        }
        long wanted = node.id().index();
        while (cursor.next()) {
            long index = cursor.row().getLong(1);
            if (index < wanted) {
                continue;
            }
            if (index > wanted) {
                problem("node (level " + level + ", index " + wanted + ") is missing");
                cursor.pushBack();
                return;
            }
            if (!Arrays.equals(cursor.row().getBytes(2), node.hash())) {
                problem("node (level " + level + ", index " + wanted + ") differs from the hash of its leaves "
                        + node.id().firstLeaf() + " to " + (node.id().endLeaf() - 1)
                        + " (the node was modified, or leaves under it were reordered)");
            }
            return;
        }
        problem("node (level " + level + ", index " + wanted + ") is missing");
    }

    private void checkHeadsAtSize(Cursor heads, long size) throws SQLException {
        while (!heads.done() && heads.row().getLong(1) == size) {
            treeHeads++;
            ResultSet row = heads.row();
            SignedTreeHead head = LogTables.treeHead(row);
            PublicKey key = trustedKeys.get(head.keyId());
            if (key == null) {
                problem("tree head of size " + size + " is signed by key " + head.keyId() + ", which is not trusted");
            } else if (!LogKeys.verify(key, head.signedBytes(), head.signature())) {
                problem("tree head of size " + size + " has a bad signature");
            }
            byte[] root = size == 0 ? MerkleHashes.emptyRoot() : frontier.root();
            if (!Arrays.equals(root, head.rootHash())) {
                problem("tree head of size " + size + " does not match the stored leaves"
                        + " (a leaf before it was modified or reordered, or the head is forked)");
            }
            heads.next();
        }
    }

    private void checkNodesBeyondTree() throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select level, idx from transparency_node where (idx + 1) * power(2, level) > ?"
                        + " order by level, idx fetch first 10 rows only")) {
            select.setLong(1, frontier.size());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    problem("node (level " + rows.getInt(1) + ", index " + rows.getLong(2)
                            + ") is not a subtree of the stored leaves (it was inserted)");
                }
            }
        }
    }

    private void checkSequencerRow() throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select tree_size from transparency_sequencer");
                ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                problem("the sequencer row is missing");
            } else if (row.getLong(1) != frontier.size()) {
                problem("the sequencer records " + row.getLong(1) + " leaves, but " + frontier.size() + " are stored");
            }
        }
    }

    private void problem(String text) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(text);
        }
    }

    /** A forward-only result set read in batches, with one row of look-ahead that can be pushed back. */
    private static final class Cursor implements AutoCloseable {

        private final PreparedStatement statement;
        private final ResultSet rows;
        private boolean done;
        private boolean pushedBack;

        Cursor(Connection connection, String sql) throws SQLException {
            statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(FETCH_SIZE);
            rows = statement.executeQuery();
        }

        boolean next() throws SQLException {
            if (pushedBack) {
                pushedBack = false;
                return true;
            }
            done = !rows.next();
            return !done;
        }

        void pushBack() {
            pushedBack = true;
        }

        boolean done() {
            return done;
        }

        ResultSet row() {
            return rows;
        }

        @Override
        public void close() throws SQLException {
            rows.close();
            statement.close();
        }
    }
}
