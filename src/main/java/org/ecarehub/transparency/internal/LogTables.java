package org.ecarehub.transparency.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ecarehub.shared.Databases;
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

    /** How many ids an appender takes at once; an event's id is its block times this, plus its place in it. */
    static final int ID_BLOCK = 1024;

    /** Rows a multi-row statement carries at most, well below PostgreSQL's limit of 65,535 parameters. */
    static final int ROWS_PER_STATEMENT = 1000;

    /** Takes a new block of event ids; sequences are not transactional, so a block is never handed out twice. */
    static long nextIdBlock(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select nextval('transparency_event_block')");
                ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /** Inserts the events, which carry their ids, and queues them for the sequencer. */
    static void insertEvents(Connection connection, List<PendingEvent> events) throws SQLException {
        insertRows(
                connection,
                "transparency_event (id, timestamp_ms, event_type, person_ref, salt, event)",
                6,
                events,
                (insert, at, event) -> {
                    insert.setLong(at, event.id());
                    insert.setLong(at + 1, event.timestampMillis());
                    insert.setInt(at + 2, event.eventType());
                    insert.setString(at + 3, event.personRef());
                    insert.setBytes(at + 4, event.salt());
                    insert.setString(at + 5, event.event());
                });
        insertRows(
                connection,
                "transparency_pending (event_id)",
                1,
                events,
                (insert, at, event) -> insert.setLong(at, event.id()));
    }

    /**
     * Whether {@link #insertEventsAtOnce} works on this database: PostgreSQL runs an insert inside {@code WITH} (H2
     * does not).
     */
    static boolean insertsEventsAtOnce(Connection connection) throws SQLException {
        return Databases.isPostgreSql(connection);
    }

    /**
     * Inserts at most {@link #ROWS_PER_STATEMENT} events and queues them for the sequencer in one statement, which in
     * auto-commit is its own transaction: one round trip to the database where insert, insert and commit take three.
     * On two busy cores each round trip waits for the database's process and then the caller's to be scheduled, and
     * every request reading a person waits for this commit.
     */
    static void insertEventsAtOnce(Connection connection, List<PendingEvent> events) throws SQLException {
        if (events.size() > ROWS_PER_STATEMENT) {
            throw new IllegalArgumentException("at most " + ROWS_PER_STATEMENT + " events at once");
        }
        String sql = "with queued as (insert into transparency_event"
                + " (id, timestamp_ms, event_type, person_ref, salt, event) values "
                + String.join(", ", Collections.nCopies(events.size(), "(?, ?, ?, ?, ?, ?)"))
                + ") insert into transparency_pending (event_id) values "
                + String.join(", ", Collections.nCopies(events.size(), "(?)"));
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            int at = 1;
            for (PendingEvent event : events) {
                insert.setLong(at++, event.id());
                insert.setLong(at++, event.timestampMillis());
                insert.setInt(at++, event.eventType());
                insert.setString(at++, event.personRef());
                insert.setBytes(at++, event.salt());
                insert.setString(at++, event.event());
            }
            for (PendingEvent event : events) {
                insert.setLong(at++, event.id());
            }
            insert.executeUpdate();
        }
    }

    /** Sets one row's parameters, the first at {@code at}. */
    @FunctionalInterface
    interface RowWriter<T> {
        void write(PreparedStatement statement, int at, T row) throws SQLException;
    }

    /**
     * Inserts rows with multi-row {@code VALUES}, up to {@link #ROWS_PER_STATEMENT} a statement: one statement and
     * one round trip where a JDBC batch would send a statement a row.
     */
    static <T> void insertRows(Connection connection, String target, int columns, List<T> rows, RowWriter<T> writer)
            throws SQLException {
        String row = "(" + String.join(", ", Collections.nCopies(columns, "?")) + ")";
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            List<T> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
            String sql =
                    "insert into " + target + " values " + String.join(", ", Collections.nCopies(chunk.size(), row));
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    writer.write(insert, i * columns + 1, chunk.get(i));
                }
                insert.executeUpdate();
            }
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

    /**
     * The oldest pending events, up to {@code limit}, in id order. Their ids first, then the events by id: as one join,
     * PostgreSQL planned a merge join on stale statistics (a queue table looks full to them after a burst) that walked
     * the event table's whole key index from its first id at every batch, a cost that grew with the log.
     */
    static List<PendingEvent> pendingEvents(Connection connection, int limit) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                        "select event_id from transparency_pending order by event_id fetch first " + limit
                                + " rows only");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        List<PendingEvent> events = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += ROWS_PER_STATEMENT) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + ROWS_PER_STATEMENT));
            try (PreparedStatement select = connection.prepareStatement(
                    "select id, timestamp_ms, event_type, person_ref, salt, event from transparency_event where id in ("
                            + placeholders(chunk.size()) + ") order by id")) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setLong(i + 1, chunk.get(i));
                }
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
            }
        }
        return events;
    }

    /** Each person's last sequenced event: {sequence, leaf index}. */
    static Map<String, long[]> personChains(Connection connection, Collection<String> persons) throws SQLException {
        Map<String, long[]> chains = new HashMap<>();
        List<String> all = List.copyOf(persons);
        for (int from = 0; from < all.size(); from += ROWS_PER_STATEMENT) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + ROWS_PER_STATEMENT));
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

    /** A leaf: its place in the log, what it commits to, and its event's place in the person's chain. */
    record Leaf(
            long leafIndex, byte[] leafHash, byte[] leafInput, long eventId, long personSequence, long previousLeaf) {}

    /** Inserts the leaves and takes their events off the sequencer's queue. */
    static void insertLeaves(Connection connection, List<Leaf> leaves) throws SQLException {
        insertRows(
                connection,
                "transparency_leaf (leaf_index, leaf_hash, leaf_input, event_id, person_seq, previous_leaf)",
                6,
                leaves,
                (insert, at, leaf) -> {
                    insert.setLong(at, leaf.leafIndex());
                    insert.setBytes(at + 1, leaf.leafHash());
                    insert.setBytes(at + 2, leaf.leafInput());
                    insert.setLong(at + 3, leaf.eventId());
                    setNullableLong(insert, at + 4, leaf.personSequence());
                    setNullableLong(insert, at + 5, leaf.previousLeaf());
                });
        for (int from = 0; from < leaves.size(); from += ROWS_PER_STATEMENT) {
            List<Leaf> chunk = leaves.subList(from, Math.min(leaves.size(), from + ROWS_PER_STATEMENT));
            try (PreparedStatement dequeue = connection.prepareStatement(
                    "delete from transparency_pending where event_id in (" + placeholders(chunk.size()) + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    dequeue.setLong(i + 1, chunk.get(i).eventId());
                }
                if (dequeue.executeUpdate() != chunk.size()) {
                    throw new SQLException("an event was sequenced by someone else while this sequencer held the lock");
                }
            }
        }
    }

    static void insertNodes(Connection connection, List<Node> nodes) throws SQLException {
        insertRows(connection, "transparency_node (level, idx, hash)", 3, nodes, (insert, at, node) -> {
            insert.setInt(at, node.id().level());
            insert.setLong(at + 1, node.id().index());
            insert.setBytes(at + 2, node.hash());
        });
    }

    /** Saves each person's last sequenced event, one MERGE statement per chunk of people. */
    static void savePersonChains(Connection connection, Map<String, long[]> chains) throws SQLException {
        List<Map.Entry<String, long[]>> all = List.copyOf(chains.entrySet());
        String row = "(cast(? as varchar(64)), cast(? as bigint), cast(? as bigint))";
        for (int from = 0; from < all.size(); from += ROWS_PER_STATEMENT) {
            List<Map.Entry<String, long[]>> chunk = all.subList(from, Math.min(all.size(), from + ROWS_PER_STATEMENT));
            String sql = "merge into transparency_person_chain c using (values "
                    + String.join(", ", Collections.nCopies(chunk.size(), row))
                    + ") as v (person_ref, last_seq, last_leaf) on c.person_ref = v.person_ref"
                    + " when matched then update set last_seq = v.last_seq, last_leaf = v.last_leaf"
                    + " when not matched then insert (person_ref, last_seq, last_leaf)"
                    + " values (v.person_ref, v.last_seq, v.last_leaf)";
            try (PreparedStatement merge = connection.prepareStatement(sql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    merge.setString(3 * i + 1, chunk.get(i).getKey());
                    merge.setLong(3 * i + 2, chunk.get(i).getValue()[0]);
                    merge.setLong(3 * i + 3, chunk.get(i).getValue()[1]);
                }
                merge.executeUpdate();
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

    /** Reads leaf hashes and stored subtree hashes in one query. */
    static Map<NodeId, byte[]> readNodes(Connection connection, Collection<NodeId> ids) throws SQLException {
        Map<NodeId, byte[]> hashes = new HashMap<>();
        if (ids.isEmpty()) {
            return hashes;
        }
        List<NodeId> leaves = ids.stream().filter(id -> id.level() == 0).toList();
        List<NodeId> inner = ids.stream().filter(id -> id.level() > 0).toList();
        List<String> parts = new ArrayList<>(2);
        if (!leaves.isEmpty()) {
            parts.add("select 0, leaf_index, leaf_hash from transparency_leaf where leaf_index in ("
                    + placeholders(leaves.size()) + ")");
        }
        if (!inner.isEmpty()) {
            parts.add("select level, idx, hash from transparency_node where "
                    + String.join(" or ", Collections.nCopies(inner.size(), "(level = ? and idx = ?)")));
        }
        try (PreparedStatement select = connection.prepareStatement(String.join(" union all ", parts))) {
            int at = 1;
            for (NodeId leaf : leaves) {
                select.setLong(at++, leaf.index());
            }
            for (NodeId node : inner) {
                select.setInt(at++, node.level());
                select.setLong(at++, node.index());
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    hashes.put(new NodeId(rows.getInt(1), rows.getLong(2)), rows.getBytes(3));
                }
            }
        }
        return hashes;
    }

    private static void setNullableLong(PreparedStatement statement, int index, long value) throws SQLException {
        if (value < 0) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }
}
