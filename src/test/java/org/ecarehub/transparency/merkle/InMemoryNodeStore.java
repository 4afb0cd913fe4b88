package org.ecarehub.transparency.merkle;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored nodes of one large tree, which serve every smaller tree too: a complete, aligned subtree has the same hash
 * in every tree that contains it.
 */
final class InMemoryNodeStore {

    private final Map<NodeId, byte[]> nodes;

    InMemoryNodeStore(Map<NodeId, byte[]> nodes) {
        // Not Map.copyOf: its open addressing crawls on the dense, overlapping hash codes of a hundred thousand ids.
        this.nodes = new HashMap<>(nodes);
    }

    static InMemoryNodeStore of(ReferenceMerkleTree tree) {
        return new InMemoryNodeStore(tree.storedNodes(tree.size()));
    }

    /** A reader that answers like the store of a tree of {@code treeSize} leaves, and refuses to see beyond it. */
    Reader readerFor(long treeSize) {
        return new Reader(treeSize);
    }

    final class Reader implements NodeReader {

        private final long treeSize;

        private final List<NodeId> requested = new ArrayList<>();

        private int calls;

        private Reader(long treeSize) {
            this.treeSize = treeSize;
        }

        @Override
        public Map<NodeId, byte[]> read(Collection<NodeId> ids) {
            calls++;
            requested.addAll(ids);
            Map<NodeId, byte[]> answer = new HashMap<>();
            for (NodeId id : ids) {
                if (id.endLeaf() > treeSize || !nodes.containsKey(id)) {
                    throw new AssertionError("A tree of " + treeSize + " leaves does not store " + id);
                }
                answer.put(id, nodes.get(id));
            }
            return answer;
        }

        int calls() {
            return calls;
        }

        List<NodeId> requested() {
            return requested;
        }
    }
}
