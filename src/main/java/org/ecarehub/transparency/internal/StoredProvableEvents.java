package org.ecarehub.transparency.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.ecarehub.shared.PersonId;
import org.ecarehub.transparency.EventType;
import org.ecarehub.transparency.LogUnavailable;
import org.ecarehub.transparency.ProvableEvent;
import org.ecarehub.transparency.ProvableEvents;
import org.ecarehub.transparency.SignedTreeHead;
import org.ecarehub.transparency.TransparencyLog;
import org.ecarehub.transparency.merkle.MerkleProofs;
import org.ecarehub.transparency.merkle.NodeId;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Reads a person's events with their leaves by the index on (person, id) and the leaves' index on their event, and
 * the audit paths of a page of leaves with one read of every node they need.
 */
@Service
class StoredProvableEvents implements ProvableEvents {

    private final JdbcClient jdbc;
    private final DataSource dataSource;

    StoredProvableEvents(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    @Override
    public List<ProvableEvent> about(Collection<PersonId> persons, long before, int limit) {
        if (persons.isEmpty() || limit <= 0) {
            return List.of();
        }
        try {
            return jdbc.sql("select e.id, e.timestamp_ms, e.event_type, e.person_ref, e.salt, e.event,"
                            + " l.leaf_index, l.leaf_input, l.person_seq, l.previous_leaf"
                            + " from transparency_event e left join transparency_leaf l on l.event_id = e.id"
                            + " where e.person_ref in (:refs) and e.id < :before order by e.id desc limit :limit")
                    .param("refs", persons.stream().map(PersonId::value).toList())
                    .param("before", before)
                    .param("limit", Math.min(limit, MAX_EVENTS))
                    .query((row, n) -> {
                        String personRef = row.getString(4);
                        String appended = row.getString(6);
                        long leafIndex = row.getLong(7);
                        if (row.wasNull()) {
                            return new ProvableEvent(
                                    row.getLong(1),
                                    row.getLong(2),
                                    type(row.getInt(3)),
                                    PersonId.of(personRef),
                                    row.getBytes(5),
                                    appended,
                                    null);
                        }
                        long sequence = row.getLong(9);
                        long previous = row.getLong(10);
                        if (row.wasNull()) {
                            previous = -1;
                        }
                        return new ProvableEvent(
                                row.getLong(1),
                                row.getLong(2),
                                type(row.getInt(3)),
                                PersonId.of(personRef),
                                row.getBytes(5),
                                EventDocuments.sequenced(appended, personRef, sequence, previous),
                                new ProvableEvent.Leaf(leafIndex, row.getBytes(8), sequence, previous));
                    })
                    .list();
        } catch (DataAccessException e) {
            throw new LogUnavailable("the log's events cannot be read", e);
        }
    }

    @Override
    public Map<Long, List<byte[]>> inclusionProofs(Collection<Long> leafIndexes, long treeSize) {
        try (Connection connection = dataSource.getConnection()) {
            long signed = LogTables.latestTreeHead(connection)
                    .map(SignedTreeHead::treeSize)
                    .orElse(0L);
            if (treeSize < 1 || treeSize > signed) {
                throw new TransparencyLog.ProofRequestRejected(
                        "tree_size must be between 1 and the latest signed tree size, " + signed);
            }
            List<Long> inTree = leafIndexes.stream()
                    .filter(index -> index >= 0 && index < treeSize)
                    .distinct()
                    .toList();
            Set<NodeId> needed = new LinkedHashSet<>();
            inTree.forEach(index -> needed.addAll(MerkleProofs.inclusionNodes(index, treeSize)));
            Map<NodeId, byte[]> hashes = LogTables.readNodes(connection, needed);
            Map<Long, List<byte[]>> proofs = new HashMap<>();
            inTree.forEach(index -> proofs.put(index, MerkleProofs.inclusionProof(index, treeSize, hashes)));
            return proofs;
        } catch (SQLException e) {
            throw new LogUnavailable("the transparency log could not be read", e);
        }
    }

    private static EventType type(int code) {
        Optional<EventType> type = EventType.fromCode(code);
        return type.orElseThrow(() -> new LogUnavailable("the log holds an event of unknown type " + code, null));
    }
}
