package org.ecarehub.transparency.internal;

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
import java.util.List;
import java.util.Map;
import org.ecarehub.transparency.LogVerification.Report;
import org.ecarehub.transparency.SignedTreeHead;
import org.ecarehub.transparency.merkle.MerkleFrontier;
import org.ecarehub.transparency.merkle.MerkleHashes;
import org.ecarehub.transparency.merkle.Node;

/**
 * The engine of {@code ecare log verify}: one pass over the leaves in order, joined with their events, with a cursor
 * per tree level over the stored subtree hashes and one over the tree heads, so that memory stays O(log n) besides
 * each person's last event. Problems name leaves, events, nodes and heads by their index, never a person.
 */
public final class StoredLogCheck {

    static final int MAX_PROBLEMS = 100;
    private static final int FETCH_SIZE = 10_000;

    private final Connection connection;
    private final Map<String, PublicKey> trustedKeys = new HashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final List<Cursor> levels = new ArrayList<>();
    private final Map<String, long[]> chains = new HashMap<>();
    private final MerkleFrontier frontier = new MerkleFrontier();
    private long events;
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
        } catch (java.io.IOException e) {
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
        try (Cursor heads = new Cursor(
                        connection,
                        "select tree_size, timestamp_ms, root_hash, signature, key_id from transparency_tree_head"
                                + " order by tree_size");
                Cursor leaves = new Cursor(
                        connection,
                        "select l.leaf_index, l.leaf_hash, l.leaf_input, e.id, e.timestamp_ms, e.event_type,"
                                + " e.person_ref, e.salt, e.event, e.person_seq, e.previous_leaf"
                                + " from transparency_leaf l left join transparency_event e"
                                + " on e.leaf_index = l.leaf_index order by l.leaf_index")) {
            heads.next();
            checkHeadsAtSize(heads, 0);
            while (leaves.next() && problems.size() < MAX_PROBLEMS) {
                ResultSet leaf = leaves.row();
                long index = leaf.getLong(1);
                if (index != frontier.size()) {
                    problem("leaf " + frontier.size() + " is missing: the next stored leaf is " + index
                            + " (a leaf was deleted or its index changed)");
                    break;
                }
                checkLeaf(leaf, index);
                checkHeadsAtSize(heads, frontier.size());
            }
            while (!heads.done() && problems.size() < MAX_PROBLEMS) {
                problem("tree head of size " + heads.row().getLong(1) + " is beyond the " + frontier.size()
                        + " stored leaves (leaves were deleted)");
                heads.next();
            }
        } finally {
            for (Cursor level : levels) {
                if (level != null) {
                    level.close();
                }
            }
        }
        checkNodesBeyondTree();
        checkEventsOutsideTheTree();
        checkSequencerRow();
        return new Report(frontier.size(), events, treeHeads, chains.size(), pendingEvents(), List.copyOf(problems));
    }

    private void checkLeaf(ResultSet leaf, long index) throws SQLException {
        byte[] storedHash = leaf.getBytes(2);
        byte[] leafInput = leaf.getBytes(3);
        byte[] leafHash = MerkleHashes.leafHash(leafInput);
        if (!Arrays.equals(storedHash, leafHash)) {
            problem("leaf " + index + ": its stored hash is not the hash of its leaf input");
        }
        if (leaf.getObject(4) == null) {
            problem("leaf " + index + " has no event (the event row was deleted or its leaf index changed)");
        } else {
            events++;
            checkEvent(leaf, index, leafInput);
        }
        for (Node node : frontier.append(leafHash)) {
            if (node.id().level() > 0) {
                checkNode(node);
            }
        }
    }

    private void checkEvent(ResultSet leaf, long index, byte[] leafInput) throws SQLException {
        long eventId = leaf.getLong(4);
        String event = leaf.getString(9);
        byte[] salt = leaf.getBytes(8);
        byte[] recomputed;
        try {
            recomputed = LeafInputs.leafInput(leaf.getLong(5), leaf.getInt(6), salt, event);
        } catch (IllegalArgumentException e) {
            problem("event " + eventId + " at leaf " + index + " cannot be recomputed: " + e.getMessage());
            return;
        }
        if (!Arrays.equals(recomputed, leafInput)) {
            problem("leaf " + index + " does not commit to event " + eventId
                    + " (the event or the leaf was modified, or rows were reordered)");
            return;
        }
        String personRef = leaf.getString(7);
        EventDocuments.Chain chain;
        try {
            chain = EventDocuments.chainOf(event);
        } catch (RuntimeException e) {
            problem("event " + eventId + " at leaf " + index + " is not valid JSON");
            return;
        }
        if (chain == null) {
            if (personRef != null) {
                problem("event " + eventId + " at leaf " + index + " names a person in its row but not in the event");
            }
            return;
        }
        if (!chain.person().equals(personRef)) {
            problem("event " + eventId + " at leaf " + index + " names another person in its row than in the event");
        }
        long[] last = chains.get(chain.person());
        long expectedSequence = last == null ? 1 : last[0] + 1;
        long expectedPrevious = last == null ? -1 : last[1];
        if (chain.sequence() != expectedSequence || chain.previousLeaf() != expectedPrevious) {
            problem("event " + eventId + " at leaf " + index + " breaks its person's chain: it is number "
                    + chain.sequence() + " after leaf " + chain.previousLeaf() + ", but the chain expects number "
                    + expectedSequence + (expectedPrevious < 0 ? " as the first" : " after leaf " + expectedPrevious)
                    + " (an event of this person is missing or out of place)");
        }
        long seqColumn = leaf.getObject(10) == null ? -1 : leaf.getLong(10);
        long previousColumn = leaf.getObject(11) == null ? -1 : leaf.getLong(11);
        if (seqColumn != chain.sequence() || previousColumn != chain.previousLeaf()) {
            problem("event " + eventId + " at leaf " + index + ": its row's chain columns differ from the event");
        }
        chains.put(chain.person(), new long[] {chain.sequence(), index});
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
                problem("node (level " + level + ", index " + wanted + ") differs from the hash of its leaves");
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

    private void checkEventsOutsideTheTree() throws SQLException {
        try (PreparedStatement select =
                        connection.prepareStatement("select e.id, e.leaf_index from transparency_event e"
                                + " left join transparency_leaf l on l.leaf_index = e.leaf_index"
                                + " where e.leaf_index is not null and l.leaf_index is null order by e.id"
                                + " fetch first 10 rows only");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                problem("event " + rows.getLong(1) + " claims leaf " + rows.getLong(2)
                        + ", which is not in the log (the event was inserted, or its leaf deleted)");
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

    private long pendingEvents() throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                        "select count(*) from transparency_event where leaf_index is null");
                ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
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
