package org.ecarehub.transparency.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ecarehub.transparency.SignedTreeHead;
import org.ecarehub.transparency.merkle.Node;
import org.ecarehub.transparency.merkle.NodeId;

/**
 * The SQL of the transparency tables, on a connection the caller owns, so that the appender, the sequencer, the
 * proof server and {@code ecare log verify} each decide their own transactions. Works on PostgreSQL and on H2 in
 * PostgreSQL mode.
 */
final class LogTables {

    private LogTables() {}

    /** An event as appended, not yet sequenced. */
    record PendingEvent(long id, long timestampMillis, int eventType, String personRef, byte[] salt, String event) {}

    /** Inserts the events in one batch and returns their ids, in order. */
    static long[] insertEvents(Connection connection, List<PendingEvent> events) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into transparency_event (timestamp_ms, event_type, person_ref, salt, event)"
                        + " values (?, ?, ?, ?, ?)",
                new String[] {"id"})) {
            for (PendingEvent event : events) {
                insert.setLong(1, event.timestampMillis());
                insert.setInt(2, event.eventType());
                insert.setString(3, event.personRef());
                insert.setBytes(4, event.salt());
                insert.setString(5, event.event());
                insert.addBatch();
            }
            insert.executeBatch();
            long[] ids = new long[events.size()];
            try (ResultSet keys = insert.getGeneratedKeys()) {
                for (int i = 0; i < ids.length && keys.next(); i++) {
                    ids[i] = keys.getLong(1);
                }
            }
            return ids;
        }
    }

    /** Locks the sequencer row until the transaction ends and returns the tree size it records. */
    static long lockSequencer(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                        "select tree_size from transparency_sequencer where id = 1 for update");
                ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                throw new SQLException("the transparency_sequencer row is missing");
            }
            return row.getLong(1);
        }
    }

    static List<PendingEvent> pendingEvents(Connection connection, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select id, timestamp_ms, event_type, person_ref, salt, event from transparency_event"
                        + " where leaf_index is null order by id fetch first " + limit + " rows only")) {
            List<PendingEvent> events = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    events.add(new PendingEvent(
                            rows.getLong(1),
                            rows.getLong(2),
                            rows.getInt(3),
                            rows.getString(4),
                            rows.getBytes(5),
                            rows.getString(6)));
                }
            }
            return events;
        }
    }

    /** Each person's last sequenced event: {sequence, leaf index}. */
    static Map<String, long[]> personChains(Connection connection, Collection<String> persons) throws SQLException {
        Map<String, long[]> chains = new HashMap<>();
        List<String> all = List.copyOf(persons);
        for (int from = 0; from < all.size(); from += 500) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
            String sql = "select person_ref, last_seq, last_leaf from transparency_person_chain where person_ref in ("
                    + placeholders(chunk.size()) + ")";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        chains.put(rows.getString(1), new long[] {rows.getLong(2), rows.getLong(3)});
                    }
                }
            }
        }
        return chains;
    }

    /** A sequenced event: its place in the log and in the person's chain, and its final JSON. */
    record SequencedEvent(long id, long leafIndex, long personSequence, long previousLeaf, String event) {}

    static void markSequenced(Connection connection, List<SequencedEvent> events) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "update transparency_event set leaf_index = ?, person_seq = ?, previous_leaf = ?, event = ?"
                        + " where id = ? and leaf_index is null")) {
            for (SequencedEvent event : events) {
                update.setLong(1, event.leafIndex());
                setNullableLong(update, 2, event.personSequence());
                setNullableLong(update, 3, event.previousLeaf());
                update.setString(4, event.event());
                update.setLong(5, event.id());
                update.addBatch();
            }
            int[] counts = update.executeBatch();
            for (int count : counts) {
                if (count == 0) {
                    throw new SQLException("an event was sequenced by someone else while this sequencer held the lock");
                }
            }
        }
    }

    static void insertLeaves(Connection connection, List<Node> leaves, List<byte[]> leafInputs) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into transparency_leaf (leaf_index, leaf_hash, leaf_input) values (?, ?, ?)")) {
            for (int i = 0; i < leaves.size(); i++) {
                insert.setLong(1, leaves.get(i).id().index());
                insert.setBytes(2, leaves.get(i).hash());
                insert.setBytes(3, leafInputs.get(i));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    static void insertNodes(Connection connection, List<Node> nodes) throws SQLException {
        if (nodes.isEmpty()) {
            return;
        }
        try (PreparedStatement insert =
                connection.prepareStatement("insert into transparency_node (level, idx, hash) values (?, ?, ?)")) {
            for (Node node : nodes) {
                insert.setInt(1, node.id().level());
                insert.setLong(2, node.id().index());
                insert.setBytes(3, node.hash());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    static void savePersonChains(Connection connection, Map<String, long[]> updated, Collection<String> existing)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                        "update transparency_person_chain set last_seq = ?, last_leaf = ? where person_ref = ?");
                PreparedStatement insert = connection.prepareStatement(
                        "insert into transparency_person_chain (last_seq, last_leaf, person_ref) values (?, ?, ?)")) {
            int updates = 0;
            int inserts = 0;
            for (Map.Entry<String, long[]> chain : updated.entrySet()) {
                PreparedStatement statement = existing.contains(chain.getKey()) ? update : insert;
                statement.setLong(1, chain.getValue()[0]);
                statement.setLong(2, chain.getValue()[1]);
                statement.setString(3, chain.getKey());
                statement.addBatch();
                if (statement == update) {
                    updates++;
                } else {
                    inserts++;
                }
            }
            if (updates > 0) {
                update.executeBatch();
            }
            if (inserts > 0) {
                insert.executeBatch();
            }
        }
    }

    static void insertTreeHead(Connection connection, SignedTreeHead head) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into transparency_tree_head"
                + " (tree_size, timestamp_ms, root_hash, signature, key_id) values (?, ?, ?, ?, ?)")) {
            insert.setLong(1, head.treeSize());
            insert.setLong(2, head.timestamp());
            insert.setBytes(3, head.rootHash());
            insert.setBytes(4, head.signature());
            insert.setString(5, head.keyId());
            insert.executeUpdate();
        }
    }

    static void setTreeSize(Connection connection, long treeSize) throws SQLException {
        try (PreparedStatement update =
                connection.prepareStatement("update transparency_sequencer set tree_size = ? where id = 1")) {
            update.setLong(1, treeSize);
            update.executeUpdate();
        }
    }

    /** Records the signing key the first time it signs. */
    static void registerKey(Connection connection, String keyId, byte[] publicKeyDer, long nowMillis)
            throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("select 1 from transparency_key where key_id = ?")) {
            select.setString(1, keyId);
            try (ResultSet row = select.executeQuery()) {
                if (row.next()) {
                    return;
                }
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into transparency_key (key_id, public_key, first_used_ms) values (?, ?, ?)")) {
            insert.setString(1, keyId);
            insert.setBytes(2, publicKeyDer);
            insert.setLong(3, nowMillis);
            insert.executeUpdate();
        }
    }

    static Map<String, byte[]> keys(Connection connection) throws SQLException {
        Map<String, byte[]> keys = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("select key_id, public_key from transparency_key");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                keys.put(rows.getString(1), rows.getBytes(2));
            }
        }
        return keys;
    }

    static Optional<SignedTreeHead> latestTreeHead(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                        "select tree_size, timestamp_ms, root_hash, signature, key_id from transparency_tree_head"
                                + " order by tree_size desc fetch first 1 rows only");
                ResultSet row = select.executeQuery()) {
            return row.next() ? Optional.of(treeHead(row)) : Optional.empty();
        }
    }

    static SignedTreeHead treeHead(ResultSet row) throws SQLException {
        return new SignedTreeHead(row.getLong(1), row.getLong(2), row.getBytes(3), row.getBytes(4), row.getString(5));
    }

    /** The index of the leaf with this hash among the first {@code treeSize} leaves. */
    static Optional<Long> leafIndexOf(Connection connection, byte[] leafHash, long treeSize) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select min(leaf_index) from transparency_leaf where leaf_hash = ? and leaf_index < ?")) {
            select.setBytes(1, leafHash);
            select.setLong(2, treeSize);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                long index = row.getLong(1);
                return row.wasNull() ? Optional.empty() : Optional.of(index);
            }
        }
    }

    static List<byte[]> leafInputs(Connection connection, long start, long end) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select leaf_input from transparency_leaf where leaf_index between ? and ? order by leaf_index")) {
            select.setLong(1, start);
            select.setLong(2, end);
            List<byte[]> inputs = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    inputs.add(rows.getBytes(1));
                }
            }
            return inputs;
        }
    }

    /** Reads leaf hashes and stored subtree hashes in at most two queries. */
    static Map<NodeId, byte[]> readNodes(Connection connection, Collection<NodeId> ids) throws SQLException {
        Map<NodeId, byte[]> hashes = new HashMap<>();
        List<NodeId> leaves = ids.stream().filter(id -> id.level() == 0).toList();
        List<NodeId> inner = ids.stream().filter(id -> id.level() > 0).toList();
        if (!leaves.isEmpty()) {
            String sql = "select leaf_index, leaf_hash from transparency_leaf where leaf_index in ("
                    + placeholders(leaves.size()) + ")";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                for (int i = 0; i < leaves.size(); i++) {
                    select.setLong(i + 1, leaves.get(i).index());
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        hashes.put(NodeId.leaf(rows.getLong(1)), rows.getBytes(2));
                    }
                }
            }
        }
        if (!inner.isEmpty()) {
            StringBuilder sql = new StringBuilder("select level, idx, hash from transparency_node where ");
            for (int i = 0; i < inner.size(); i++) {
                sql.append(i == 0 ? "" : " or ").append("(level = ? and idx = ?)");
            }
            try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
                for (int i = 0; i < inner.size(); i++) {
                    select.setInt(2 * i + 1, inner.get(i).level());
                    select.setLong(2 * i + 2, inner.get(i).index());
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        hashes.put(new NodeId(rows.getInt(1), rows.getLong(2)), rows.getBytes(3));
                    }
                }
            }
        }
        return hashes;
    }

    private static void setNullableLong(PreparedStatement statement, int index, long value) throws SQLException {
        if (value < 0) {
            statement.setNull(index, java.sql.Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    private static String placeholders(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }
}
