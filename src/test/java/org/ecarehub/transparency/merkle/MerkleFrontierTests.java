package org.ecarehub.transparency.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MerkleFrontierTests {

    private static final ReferenceMerkleTree TREE = ReferenceMerkleTree.withLeaves(64);

    private static final InMemoryNodeStore STORE = InMemoryNodeStore.of(TREE);

    @Test
    void startsAsTheEmptyTree() {
        MerkleFrontier frontier = new MerkleFrontier();

        assertThat(frontier.size()).isZero();
        assertThat(frontier.root()).isEqualTo(MerkleHashes.emptyRoot());
        assertThat(frontier.nodes()).isEmpty();
    }

    @Test
    void growsThroughTheRootsOfTheRfc6962TestTree() {
        MerkleFrontier frontier = new MerkleFrontier();
        for (int size = 1; size <= 8; size++) {
            frontier.append(Rfc6962TestTree.leafHash(size - 1));

            assertThat(frontier.size()).isEqualTo(size);
            assertThat(frontier.root()).as("root of size %d", size).isEqualTo(Rfc6962TestTree.root(size));
        }
    }

    @Test
    void returnsTheLeafAndEverySubtreeItCompletesSmallestFirst() {
        MerkleFrontier frontier = appended(7);

        List<Node> completed = frontier.append(TREE.leafHash(7));

        assertThat(completed)
                .containsExactly(
                        new Node(new NodeId(0, 7), TREE.leafHash(7)),
                        new Node(new NodeId(1, 3), TREE.mth(6, 8)),
                        new Node(new NodeId(2, 1), TREE.mth(4, 8)),
                        new Node(new NodeId(3, 0), TREE.mth(0, 8)));
    }

    @Test
    void returnsOnlyTheLeafWhenItCompletesNoLargerSubtree() {
        MerkleFrontier frontier = appended(8);

        assertThat(frontier.append(TREE.leafHash(8))).containsExactly(new Node(NodeId.leaf(8), TREE.leafHash(8)));
    }

    @Test
    void keepsOneSubtreeForEachBinaryDigitOfItsSize() {
        MerkleFrontier frontier = appended(13);

        assertThat(frontier.nodes())
                .containsExactly(
                        new Node(new NodeId(3, 0), TREE.mth(0, 8)),
                        new Node(new NodeId(2, 2), TREE.mth(8, 12)),
                        new Node(NodeId.leaf(12), TREE.leafHash(12)));
    }

    @Test
    void continuesAfterARestoreExactlyAsIfItHadNeverStopped() {
        for (int size = 0; size <= 48; size++) {
            InMemoryNodeStore.Reader reader = STORE.readerFor(size);
            MerkleFrontier restored = MerkleFrontier.restore(size, reader);
            MerkleFrontier original = appended(size);

            assertThat(reader.calls()).isEqualTo(size == 0 ? 0 : 1);
            assertThat(reader.requested()).isEqualTo(MerkleFrontier.frontierNodes(size));
            assertThat(restored.size()).isEqualTo(size);
            assertThat(restored.root()).isEqualTo(TREE.root(size));
            for (int next = size; next < size + 16; next++) {
                assertThat(restored.append(TREE.leafHash(next))).isEqualTo(original.append(TREE.leafHash(next)));
                assertThat(restored.root()).isEqualTo(TREE.root(next + 1));
            }
        }
    }

    @Test
    void isRebuiltFromTheNodesItHandsOver() {
        MerkleFrontier frontier = appended(45);
        Map<NodeId, byte[]> handedOver = new HashMap<>();
        frontier.nodes().forEach(node -> handedOver.put(node.id(), node.hash()));

        MerkleFrontier rebuilt = MerkleFrontier.of(45, handedOver);

        assertThat(rebuilt.root()).isEqualTo(frontier.root());
        assertThat(rebuilt.nodes()).isEqualTo(frontier.nodes());
    }

    @Test
    void refusesToRestoreFromAStoreThatLacksAnEdgeNode() {
        Map<NodeId, byte[]> incomplete = new HashMap<>(TREE.storedNodes(13));
        incomplete.remove(new NodeId(2, 2));

        assertThatThrownBy(() -> MerkleFrontier.restore(13, ids -> incomplete))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("No hash was read for node NodeId[level=2, index=2]");
    }

    @Test
    void refusesALeafHashThatIsNotThirtyTwoBytesLong() {
        MerkleFrontier frontier = new MerkleFrontier();

        assertThatThrownBy(() -> frontier.append(new byte[33])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> frontier.append(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(frontier.size()).isZero();
    }

    private static MerkleFrontier appended(int size) {
        MerkleFrontier frontier = new MerkleFrontier();
        for (int i = 0; i < size; i++) {
            frontier.append(TREE.leafHash(i));
        }
        return frontier;
    }
}
