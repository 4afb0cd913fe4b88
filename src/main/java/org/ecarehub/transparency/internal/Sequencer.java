package org.ecarehub.transparency.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.ecarehub.transparency.SignedTreeHead;
import org.ecarehub.transparency.internal.LogTables.PendingEvent;
import org.ecarehub.transparency.merkle.MerkleFrontier;
import org.ecarehub.transparency.merkle.MerkleHashes;
import org.ecarehub.transparency.merkle.Node;

/**
 * Integrates appended events into the Merkle tree in batches: gives each the next leaf index, adds the person's
 * chain to it, stores its leaf and the subtrees it completes, and signs the new tree head, all in one transaction
 * under the one sequencer lock, so that with any number of nodes no index is used twice and none is skipped.
 */
final class Sequencer {

    private final DataSource dataSource;
    private final LogKeys keys;
    private final Clock clock;
    private final int batchSize;

    /** The tree as of the last round this node sequenced; rebuilt from storage when another node moved on. */
    private MerkleFrontier frontier;

    /** Whether a round of this sequencer has committed with its key recorded, so later rounds need not look. */
    private boolean keyRegistered;

    Sequencer(DataSource dataSource, LogKeys keys, Clock clock, int batchSize) {
        this.dataSource = dataSource;
        this.keys = keys;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    /** Sequences pending events until none is left; returns how many leaves were added. */
    synchronized long sequencePending() throws SQLException {
        long total = 0;
        int added;
        do {
            added = sequenceBatch();
            total += added;
        } while (added == batchSize);
        return total;
    }

    private int sequenceBatch() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                int added = sequenceBatch(connection);
                connection.commit();
                keyRegistered |= added > 0;
                return added;
            } catch (SQLException | RuntimeException e) {
                frontier = null;
                connection.rollback();
                throw e;
            }
        }
    }

    private int sequenceBatch(Connection connection) throws SQLException {
        long size = LogTables.lockSequencer(connection);
        List<PendingEvent> pending = LogTables.pendingEvents(connection, batchSize);
        if (pending.isEmpty()) {
            return 0;
        }
        if (frontier == null || frontier.size() != size) {
            frontier = MerkleFrontier.restore(size, ids -> {
                try {
                    return LogTables.readNodes(connection, ids);
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot read the log's right edge", e);
                }
            });
        }
        Set<String> persons = new HashSet<>();
        pending.stream().map(PendingEvent::personRef).filter(p -> p != null).forEach(persons::add);
        Map<String, long[]> chains = LogTables.personChains(connection, persons);

        List<LogTables.Leaf> leaves = new ArrayList<>(pending.size());
        List<Node> inner = new ArrayList<>(pending.size());
        for (PendingEvent event : pending) {
            long leafIndex = frontier.size();
            long personSequence = -1;
            long previousLeaf = -1;
            if (event.personRef() != null) {
                long[] chain = chains.get(event.personRef());
                personSequence = chain == null ? 1 : chain[0] + 1;
                previousLeaf = chain == null ? -1 : chain[1];
                chains.put(event.personRef(), new long[] {personSequence, leafIndex});
            }
            String document = EventDocuments.sequenced(event.event(), event.personRef(), personSequence, previousLeaf);
            byte[] leafInput = LeafInputs.leafInput(event.timestampMillis(), event.eventType(), event.salt(), document);
            List<Node> completed = frontier.append(MerkleHashes.leafHash(leafInput));
            leaves.add(new LogTables.Leaf(
                    leafIndex, completed.get(0).hash(), leafInput, event.id(), personSequence, previousLeaf));
            inner.addAll(completed.subList(1, completed.size()));
        }
        LogTables.insertLeaves(connection, leaves);
        LogTables.insertNodes(connection, inner);
        LogTables.savePersonChains(connection, chains);

        long now = clock.millis();
        byte[] root = frontier.root();
        SignedTreeHead head = new SignedTreeHead(
                frontier.size(),
                now,
                root,
                keys.sign(SignedTreeHead.signedBytes(frontier.size(), now, root)),
                keys.keyId());
        if (!keyRegistered) {
            LogTables.registerKey(connection, keys.keyId(), keys.publicKeyDer(), now);
        }
        LogTables.insertTreeHead(connection, head);
        LogTables.setTreeSize(connection, frontier.size());
        return pending.size();
    }
}
