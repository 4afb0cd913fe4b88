package org.ecarehub.transparency.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ecarehub.transparency.merkle.MerkleTestVectors.base64;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ecarehub.transparency.merkle.MerkleTestVectors.ConsistencyProbe;
import org.ecarehub.transparency.merkle.MerkleTestVectors.InclusionProbe;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MerkleProofsTests {

    private static final ReferenceMerkleTree RFC_TREE = Rfc6962TestTree.reference();

    private static final InMemoryNodeStore RFC_STORE = InMemoryNodeStore.of(RFC_TREE);

    @Nested
    class KnownAnswers {

        @Test
        void buildsTheRootsOfTheRfc6962TestTreeForEverySizeFromOneToEight() {
            for (int size = 1; size <= 8; size++) {
                assertThat(MerkleProofs.root(size, RFC_STORE.readerFor(size)))
                        .as("root of size %d", size)
                        .isEqualTo(Rfc6962TestTree.root(size));
            }
        }

        @Test
        void buildsTheEmptyRootAndEmptyProofsWithoutAskingTheStore() {
            NodeReader nobody = ids -> {
                throw new AssertionError("Nothing stored is needed here");
            };

            assertThat(MerkleProofs.root(0, nobody)).isEqualTo(MerkleHashes.emptyRoot());
            assertThat(MerkleProofs.inclusionProof(0, 1, nobody)).isEmpty();
            assertThat(MerkleProofs.consistencyProof(5, 5, nobody)).isEmpty();
        }

        @Test
        void buildsExactlyTheAuditPathsOfTheTransparencyDevHappyPaths() {
            for (int set = 0; set <= 4; set++) {
                InclusionProbe probe = MerkleTestVectors.inclusionProbe("inclusion/" + set + "/happy-path.json");

                List<byte[]> proof =
                        MerkleProofs.inclusionProof(probe.index(), probe.size(), RFC_STORE.readerFor(probe.size()));

                assertThat(proof).as(probe.desc() + " " + set).containsExactlyElementsOf(base64(probe.proof()));
            }
        }

        @Test
        void buildsExactlyTheConsistencyProofsOfTheTransparencyDevHappyPaths() {
            for (int set = 0; set <= 4; set++) {
                ConsistencyProbe probe = MerkleTestVectors.consistencyProbe("consistency/" + set + "/happy-path.json");

                List<byte[]> proof = MerkleProofs.consistencyProof(
                        probe.first(), probe.second(), RFC_STORE.readerFor(probe.second()));

                assertThat(proof).as(probe.desc() + " " + set).containsExactlyElementsOf(base64(probe.proof()));
            }
        }

        @Test
        void buildsProofsOfTheTestTreeThatTheVerifierAccepts() {
            for (int size = 1; size <= 8; size++) {
                for (int index = 0; index < size; index++) {
                    assertAuditPathVerifies(index, size);
                }
                for (int size1 = 1; size1 <= size; size1++) {
                    assertConsistencyProofVerifies(size1, size);
                }
            }
        }

        private static void assertAuditPathVerifies(int index, int size) {
            List<byte[]> path = MerkleProofs.inclusionProof(index, size, RFC_STORE.readerFor(size));

            assertThatCode(() -> ProofVerifier.verifyInclusion(
                            Rfc6962TestTree.leafHash(index), index, size, path, Rfc6962TestTree.root(size)))
                    .doesNotThrowAnyException();
        }

        private static void assertConsistencyProofVerifies(int size1, int size2) {
            List<byte[]> proof = MerkleProofs.consistencyProof(size1, size2, RFC_STORE.readerFor(size2));

            assertThatCode(() -> ProofVerifier.verifyConsistency(
                            size1, size2, proof, Rfc6962TestTree.root(size1), Rfc6962TestTree.root(size2)))
                    .doesNotThrowAnyException();
        }
    }

    @Nested
    class Reads {

        @Test
        void readsTheStoreExactlyOnceForAProofOrARoot() {
            InMemoryNodeStore.Reader inclusion = RFC_STORE.readerFor(7);
            InMemoryNodeStore.Reader consistency = RFC_STORE.readerFor(7);
            InMemoryNodeStore.Reader root = RFC_STORE.readerFor(7);

            MerkleProofs.inclusionProof(2, 7, inclusion);
            MerkleProofs.consistencyProof(3, 7, consistency);
            MerkleProofs.root(7, root);

            assertThat(List.of(inclusion.calls(), consistency.calls(), root.calls()))
                    .containsExactly(1, 1, 1);
            assertThat(inclusion.requested()).isEqualTo(MerkleProofs.inclusionNodes(2, 7));
            assertThat(consistency.requested()).isEqualTo(MerkleProofs.consistencyNodes(3, 7));
            assertThat(root.requested()).isEqualTo(MerkleProofs.rootNodes(7));
        }

        @Test
        void hashesTheIncompleteRightEdgeFromTheCompleteSubtreesThatMakeItUp() {
            assertThat(MerkleProofs.inclusionNodes(0, 7))
                    .containsExactly(new NodeId(0, 1), new NodeId(1, 1), new NodeId(1, 2), new NodeId(0, 6));
            assertThat(MerkleProofs.inclusionProof(0, 7, RFC_STORE.readerFor(7)))
                    .containsExactlyElementsOf(RFC_TREE.path(0, 7));
        }

        @Test
        void needsAtMostTwiceTheTreeHeightPlusOneNodesForEveryProofOfTreesUpTo300Leaves() {
            for (long size = 1; size <= 300; size++) {
                int bound = 2 * height(size) + 1;
                assertWithinTree(MerkleProofs.rootNodes(size), size, height(size) + 1);
                for (long other = 0; other < size; other++) {
                    assertWithinTree(MerkleProofs.inclusionNodes(other, size), size, bound);
                    assertWithinTree(MerkleProofs.consistencyNodes(other + 1, size), size, bound);
                }
            }
        }

        @Test
        void needsAtMostTwiceTheTreeHeightPlusOneNodesForProofsInTreesOfAnySize() {
            SplittableRandom random = new SplittableRandom(6962);
            for (int i = 0; i < 5_000; i++) {
                long size = i < 64 ? Long.MAX_VALUE - i : random.nextLong(1, Long.MAX_VALUE);
                long index = random.nextLong(size);
                int bound = 2 * height(size) + 1;

                assertWithinTree(MerkleProofs.inclusionNodes(index, size), size, bound);
                assertWithinTree(MerkleProofs.consistencyNodes(index + 1, size), size, bound);
                assertWithinTree(MerkleProofs.rootNodes(size), size, height(size) + 1);
            }
        }

        @Test
        void failsWhenTheStoreLacksANode() {
            NodeReader forgetful = ids -> Map.of();

            assertThatThrownBy(() -> MerkleProofs.inclusionProof(0, 2, forgetful))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("No hash was read for node NodeId[level=0, index=1]");
        }

        @Test
        void failsWhenTheStoreHoldsAHashOfTheWrongLength() {
            NodeReader corrupt = ids -> {
                Map<NodeId, byte[]> hashes = new HashMap<>();
                ids.forEach(id -> hashes.put(id, new byte[31]));
                return hashes;
            };

            assertThatThrownBy(() -> MerkleProofs.root(3, corrupt))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is not 32 bytes long");
        }

        @Test
        void assemblesTheSameProofsFromHashesReadBeforehand() {
            Map<NodeId, byte[]> prefetched = new HashMap<>();
            RFC_STORE
                    .readerFor(8)
                    .read(new HashSet<>(MerkleProofs.inclusionNodes(5, 8)))
                    .forEach(prefetched::put);
            RFC_STORE
                    .readerFor(8)
                    .read(new HashSet<>(MerkleProofs.consistencyNodes(6, 8)))
                    .forEach(prefetched::put);
            RFC_STORE.readerFor(8).read(MerkleProofs.rootNodes(8)).forEach(prefetched::put);

            assertThat(MerkleProofs.inclusionProof(5, 8, prefetched)).containsExactlyElementsOf(RFC_TREE.path(5, 8));
            assertThat(MerkleProofs.consistencyProof(6, 8, prefetched)).containsExactlyElementsOf(RFC_TREE.proof(6, 8));
            assertThat(MerkleProofs.root(8, prefetched)).isEqualTo(Rfc6962TestTree.root(8));
        }

        // Plain checks rather than fluent assertions: this runs a hundred thousand times.
        private static void assertWithinTree(List<NodeId> nodes, long size, int bound) {
            if (nodes.size() > bound || new HashSet<>(nodes).size() != nodes.size()) {
                throw new AssertionError(
                        "Tree size " + size + " needs " + nodes + ", more than " + bound + " or twice");
            }
            for (NodeId id : nodes) {
                if (id.endLeaf() > size) {
                    throw new AssertionError("Tree size " + size + " does not store " + id);
                }
            }
        }

        private static int height(long size) {
            return 64 - Long.numberOfLeadingZeros(size - 1);
        }
    }

    @Nested
    class Arguments {

        @Test
        void refusesAnAuditPathForALeafOutsideTheTree() {
            assertThatThrownBy(() -> MerkleProofs.inclusionNodes(8, 8)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> MerkleProofs.inclusionNodes(-1, 8)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> MerkleProofs.inclusionNodes(0, 0)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void refusesAConsistencyProofFromTheEmptyTreeOrBackwards() {
            assertThatThrownBy(() -> MerkleProofs.consistencyNodes(0, 8)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> MerkleProofs.consistencyNodes(5, 4)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void givesAnEmptyConsistencyProofBetweenEqualSizes() {
            assertThat(MerkleProofs.consistencyNodes(5, 5)).isEmpty();
            assertThat(MerkleProofs.consistencyProof(5, 5, RFC_STORE.readerFor(5)))
                    .isEmpty();
        }

        @Test
        void refusesANegativeTreeSize() {
            assertThatThrownBy(() -> MerkleProofs.rootNodes(-1)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
