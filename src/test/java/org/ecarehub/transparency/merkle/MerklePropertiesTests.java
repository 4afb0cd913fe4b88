package org.ecarehub.transparency.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Properties of proofs, verifier and frontier, checked against {@link ReferenceMerkleTree}: exhaustively for every
 * tree of up to 64 leaves, and on sampled trees of up to 100,000 leaves, which all read from one store of the largest
 * tree. The samples come from a fixed seed so that a failure repeats, and each failure names its case.
 */
class MerklePropertiesTests {

    private static final int EXHAUSTIVE = 64;

    // Changing every bit of every hash, or every bit of every size, of every proof costs more than the largest
    // exhaustive range allows; these smaller trees still have every shape of path and proof up to their height.
    private static final int EXHAUSTIVE_HASH_FLIPS = 12;

    private static final int EXHAUSTIVE_NUMBER_FLIPS = 32;

    private static final int LARGEST = 100_000;

    private static final int SAMPLES = 1_500;

    private static final ReferenceMerkleTree TREE = ReferenceMerkleTree.withLeaves(LARGEST);

    private static final InMemoryNodeStore STORE = InMemoryNodeStore.of(TREE);

    @Nested
    class ProofsOfEveryTreeUpTo64Leaves {

        @Test
        void everyAuditPathIsTheRfcPathAndLeadsToTheReferenceRoot() {
            for (int size = 1; size <= EXHAUSTIVE; size++) {
                for (int index = 0; index < size; index++) {
                    assertAuditPathIsRight(index, size);
                }
            }
        }

        @Test
        void everyConsistencyProofIsTheRfcProofAndLinksTheReferenceRoots() {
            for (int size2 = 1; size2 <= EXHAUSTIVE; size2++) {
                for (int size1 = 1; size1 <= size2; size1++) {
                    assertConsistencyProofIsRight(size1, size2);
                }
            }
        }

        @Test
        void everyRootIsTheReferenceRoot() {
            for (int size = 0; size <= EXHAUSTIVE; size++) {
                assertRootIsRight(size);
            }
        }
    }

    @Nested
    class ProofsOfSampledTreesUpTo100000Leaves {

        @Test
        void everyAuditPathIsTheRfcPathAndLeadsToTheReferenceRoot() {
            SplittableRandom random = new SplittableRandom(1);
            for (int i = 0; i < SAMPLES; i++) {
                int size = anySize(random);
                assertAuditPathIsRight(anyIndex(random, size), size);
            }
        }

        @Test
        void everyConsistencyProofIsTheRfcProofAndLinksTheReferenceRoots() {
            SplittableRandom random = new SplittableRandom(2);
            for (int i = 0; i < SAMPLES; i++) {
                int size2 = anySize(random);
                assertConsistencyProofIsRight(anyIndex(random, size2) + 1, size2);
            }
        }

        @Test
        void everyRootIsTheReferenceRoot() {
            SplittableRandom random = new SplittableRandom(3);
            for (int i = 0; i < SAMPLES; i++) {
                assertRootIsRight(anySize(random));
            }
            assertRootIsRight(LARGEST);
        }
    }

    @Nested
    class TamperedAuditPaths {

        @Test
        void everySingleBitChangeOfAHashIsRejectedInEveryTreeUpTo12Leaves() {
            for (int size = 1; size <= EXHAUSTIVE_HASH_FLIPS; size++) {
                for (int index = 0; index < size; index++) {
                    AuditCase audit = AuditCase.of(index, size);
                    for (int bit = 0; bit < 256; bit++) {
                        assertRejected(audit.withLeafBitFlipped(bit));
                        assertRejected(audit.withRootBitFlipped(bit));
                        for (int element = 0; element < audit.path.size(); element++) {
                            assertRejected(audit.withPathBitFlipped(element, bit));
                        }
                    }
                }
            }
        }

        @Test
        void sampledSingleBitChangesOfAHashAreRejectedInTreesUpTo100000Leaves() {
            SplittableRandom random = new SplittableRandom(4);
            for (int i = 0; i < SAMPLES; i++) {
                int size = anySize(random);
                AuditCase audit = AuditCase.of(anyIndex(random, size), size);
                assertRejected(audit.withLeafBitFlipped(random.nextInt(256)));
                assertRejected(audit.withRootBitFlipped(random.nextInt(256)));
                if (!audit.path.isEmpty()) {
                    assertRejected(audit.withPathBitFlipped(random.nextInt(audit.path.size()), random.nextInt(256)));
                }
            }
        }

        @Test
        void everySingleBitChangeOfTheLeafIndexIsRejected() {
            for (int size = 1; size <= EXHAUSTIVE_NUMBER_FLIPS; size++) {
                for (int index = 0; index < size; index++) {
                    assertEveryIndexBitFlipRejected(AuditCase.of(index, size));
                }
            }
            SplittableRandom random = new SplittableRandom(5);
            for (int i = 0; i < SAMPLES / 3; i++) {
                int size = anySize(random);
                assertEveryIndexBitFlipRejected(AuditCase.of(anyIndex(random, size), size));
            }
        }

        /**
         * The tree size is not bound by the audit path alone: where the path of a leaf has the same shape in a tree of
         * another size, the same hashes lead to the same root. The signed tree head binds the size.
         */
        @Test
        void aSingleBitChangeOfTheTreeSizeIsAcceptedOnlyWhereThePathHasTheSameShape() {
            for (int size = 1; size <= EXHAUSTIVE_NUMBER_FLIPS; size++) {
                for (int index = 0; index < size; index++) {
                    assertSizeBitFlipsAcceptedOnlyForTheSameShape(AuditCase.of(index, size));
                }
            }
            SplittableRandom random = new SplittableRandom(6);
            for (int i = 0; i < SAMPLES / 3; i++) {
                int size = anySize(random);
                assertSizeBitFlipsAcceptedOnlyForTheSameShape(AuditCase.of(anyIndex(random, size), size));
            }
        }

        private static void assertEveryIndexBitFlipRejected(AuditCase audit) {
            for (int bit = 0; bit < 64; bit++) {
                assertRejected(audit.withIndex(audit.index ^ (1L << bit)));
            }
        }

        private static void assertSizeBitFlipsAcceptedOnlyForTheSameShape(AuditCase audit) {
            List<Boolean> shape = ReferenceMerkleTree.pathSides(audit.index, audit.size);
            for (int bit = 0; bit < 64; bit++) {
                long size = audit.size ^ (1L << bit);
                boolean sameShape = size > audit.index
                        && ReferenceMerkleTree.pathSides(audit.index, size).equals(shape);
                assertThat(accepts(audit.withSize(size)))
                        .as("%s with tree size %d", audit, size)
                        .isEqualTo(sameShape);
            }
        }
    }

    @Nested
    class TamperedConsistencyProofs {

        @Test
        void everySingleBitChangeOfAHashIsRejectedBetweenEveryTwoTreesUpTo12Leaves() {
            for (int size2 = 1; size2 <= EXHAUSTIVE_HASH_FLIPS; size2++) {
                for (int size1 = 1; size1 <= size2; size1++) {
                    ConsistencyCase consistency = ConsistencyCase.of(size1, size2);
                    for (int bit = 0; bit < 256; bit++) {
                        assertRejected(consistency.withRoot1BitFlipped(bit));
                        assertRejected(consistency.withRoot2BitFlipped(bit));
                        for (int element = 0; element < consistency.proof.size(); element++) {
                            assertRejected(consistency.withProofBitFlipped(element, bit));
                        }
                    }
                }
            }
        }

        @Test
        void sampledSingleBitChangesOfAHashAreRejectedInTreesUpTo100000Leaves() {
            SplittableRandom random = new SplittableRandom(7);
            for (int i = 0; i < SAMPLES; i++) {
                int size2 = anySize(random);
                ConsistencyCase consistency = ConsistencyCase.of(anyIndex(random, size2) + 1, size2);
                assertRejected(consistency.withRoot1BitFlipped(random.nextInt(256)));
                assertRejected(consistency.withRoot2BitFlipped(random.nextInt(256)));
                if (!consistency.proof.isEmpty()) {
                    assertRejected(consistency.withProofBitFlipped(
                            random.nextInt(consistency.proof.size()), random.nextInt(256)));
                }
            }
        }

        @Test
        void everySingleBitChangeOfTheFirstTreeSizeIsRejected() {
            for (int size2 = 1; size2 <= EXHAUSTIVE_NUMBER_FLIPS; size2++) {
                for (int size1 = 1; size1 <= size2; size1++) {
                    assertEveryFirstSizeBitFlipRejected(ConsistencyCase.of(size1, size2));
                }
            }
            SplittableRandom random = new SplittableRandom(8);
            for (int i = 0; i < SAMPLES / 3; i++) {
                int size2 = anySize(random);
                assertEveryFirstSizeBitFlipRejected(ConsistencyCase.of(anyIndex(random, size2) + 1, size2));
            }
        }

        /**
         * Like the tree size of an audit path, the second tree size is bound only as far as the path of the last leaf
         * of the first tree has a different shape in the tree of the other size.
         */
        @Test
        void aSingleBitChangeOfTheSecondTreeSizeIsAcceptedOnlyWhereThePathOfTheLastOldLeafHasTheSameShape() {
            for (int size2 = 1; size2 <= EXHAUSTIVE_NUMBER_FLIPS; size2++) {
                for (int size1 = 1; size1 <= size2; size1++) {
                    assertSecondSizeBitFlipsAcceptedOnlyForTheSameShape(ConsistencyCase.of(size1, size2));
                }
            }
            SplittableRandom random = new SplittableRandom(9);
            for (int i = 0; i < SAMPLES / 3; i++) {
                int size2 = anySize(random);
                assertSecondSizeBitFlipsAcceptedOnlyForTheSameShape(
                        ConsistencyCase.of(anyIndex(random, size2) + 1, size2));
            }
        }

        private static void assertEveryFirstSizeBitFlipRejected(ConsistencyCase consistency) {
            for (int bit = 0; bit < 64; bit++) {
                assertRejected(consistency.withSize1(consistency.size1 ^ (1L << bit)));
            }
        }

        private static void assertSecondSizeBitFlipsAcceptedOnlyForTheSameShape(ConsistencyCase consistency) {
            long lastOldLeaf = consistency.size1 - 1;
            List<Boolean> shape = ReferenceMerkleTree.pathSides(lastOldLeaf, consistency.size2);
            for (int bit = 0; bit < 64; bit++) {
                long size2 = consistency.size2 ^ (1L << bit);
                boolean sameShape = consistency.size1 < consistency.size2
                        && size2 > consistency.size1
                        && ReferenceMerkleTree.pathSides(lastOldLeaf, size2).equals(shape);
                assertThat(accepts(consistency.withSize2(size2)))
                        .as("%s with second size %d", consistency, size2)
                        .isEqualTo(sameShape);
            }
        }
    }

    @Nested
    class TheFrontier {

        @Test
        void hasTheReferenceRootAtEverySizeUpTo100000Leaves() {
            MerkleFrontier frontier = new MerkleFrontier();
            for (int size = 1; size <= LARGEST; size++) {
                frontier.append(TREE.leafHash(size - 1));
                if (!Arrays.equals(frontier.root(), TREE.root(size))) {
                    throw new AssertionError("The frontier root of size " + size + " is not the reference root");
                }
            }
        }

        @Test
        void returnsEachCompleteAlignedSubtreeOnceWhenItsLastLeafArrives() {
            Map<NodeId, byte[]> stored = TREE.storedNodes(LARGEST);
            MerkleFrontier frontier = new MerkleFrontier();
            int returned = 0;
            for (int size = 1; size <= LARGEST; size++) {
                List<Node> completed = frontier.append(TREE.leafHash(size - 1));
                List<NodeId> expected = new ArrayList<>();
                for (int level = 0; size % (1 << level) == 0; level++) {
                    expected.add(new NodeId(level, (size >> level) - 1));
                }
                if (!completed.stream().map(Node::id).toList().equals(expected)) {
                    throw new AssertionError("Leaf " + (size - 1) + " completes " + expected + ", not " + completed);
                }
                for (Node node : completed) {
                    if (!Arrays.equals(node.hash(), stored.get(node.id()))) {
                        throw new AssertionError("The hash of " + node.id() + " is not the reference hash");
                    }
                }
                returned += completed.size();
            }
            assertThat(returned).isEqualTo(stored.size());
        }

        @Test
        void restoredAtAnySizeContinuesWithTheReferenceRootsAndNodes() {
            SplittableRandom random = new SplittableRandom(10);
            for (int i = 0; i < SAMPLES / 3; i++) {
                int size = anySize(random) - 1;
                MerkleFrontier frontier = MerkleFrontier.restore(size, STORE.readerFor(size));
                for (int next = size; next < Math.min(size + 5, LARGEST); next++) {
                    List<Node> completed = frontier.append(TREE.leafHash(next));
                    assertThat(completed.get(completed.size() - 1).id().endLeaf())
                            .isEqualTo(next + 1);
                    assertThat(frontier.root()).as("root of size %d", next + 1).isEqualTo(TREE.root(next + 1));
                }
            }
        }
    }

    private static void assertAuditPathIsRight(int index, int size) {
        InMemoryNodeStore.Reader reader = STORE.readerFor(size);
        List<byte[]> path = MerkleProofs.inclusionProof(index, size, reader);

        assertSameHashes(path, TREE.path(index, size), "audit path of leaf " + index + " in tree size " + size);
        assertThat(reader.calls()).isLessThanOrEqualTo(1);
        assertThat(accepts(new AuditCase(TREE.leafHash(index), index, size, path, TREE.root(size))))
                .as("audit path of leaf %d in tree size %d", index, size)
                .isTrue();
    }

    private static void assertConsistencyProofIsRight(int size1, int size2) {
        InMemoryNodeStore.Reader reader = STORE.readerFor(size2);
        List<byte[]> proof = MerkleProofs.consistencyProof(size1, size2, reader);

        assertSameHashes(proof, TREE.proof(size1, size2), "consistency proof from " + size1 + " to " + size2);
        assertThat(reader.calls()).isLessThanOrEqualTo(1);
        assertThat(accepts(new ConsistencyCase(size1, size2, proof, TREE.root(size1), TREE.root(size2))))
                .as("consistency proof from %d to %d", size1, size2)
                .isTrue();
    }

    private static void assertRootIsRight(int size) {
        assertThat(MerkleProofs.root(size, STORE.readerFor(size)))
                .as("root of tree size %d", size)
                .isEqualTo(TREE.root(size));
    }

    private static void assertSameHashes(List<byte[]> actual, List<byte[]> expected, String what) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i)).as("%s, hash %d", what, i).isEqualTo(expected.get(i));
        }
    }

    private static void assertRejected(Verification verification) {
        if (accepts(verification)) {
            throw new AssertionError("Accepted the tampered " + verification);
        }
    }

    private static boolean accepts(Verification verification) {
        try {
            verification.verify();
            return true;
        } catch (ProofException rejected) {
            return false;
        }
    }

    /** A tree size, one time in four next to a power of two, where the shape of the tree changes. */
    private static int anySize(SplittableRandom random) {
        if (random.nextInt(4) == 0) {
            int size = (1 << random.nextInt(1, 17)) + random.nextInt(-1, 2);
            return Math.min(size, LARGEST);
        }
        return random.nextInt(1, LARGEST + 1);
    }

    /** A leaf index, one time in four at the left or right edge or the middle of the tree. */
    private static int anyIndex(SplittableRandom random, int size) {
        return switch (random.nextInt(12)) {
            case 0 -> 0;
            case 1 -> size - 1;
            case 2 -> size / 2;
            default -> random.nextInt(size);
        };
    }

    private static byte[] flipped(byte[] hash, int bit) {
        byte[] copy = hash.clone();
        copy[bit / 8] ^= (byte) (1 << (bit % 8));
        return copy;
    }

    private static List<byte[]> flipped(List<byte[]> hashes, int element, int bit) {
        List<byte[]> copy = new ArrayList<>(hashes);
        copy.set(element, flipped(hashes.get(element), bit));
        return copy;
    }

    private interface Verification {

        void verify();
    }

    private record AuditCase(byte[] leafHash, long index, long size, List<byte[]> path, byte[] root)
            implements Verification {

        static AuditCase of(int index, int size) {
            return new AuditCase(
                    TREE.leafHash(index),
                    index,
                    size,
                    MerkleProofs.inclusionProof(index, size, STORE.readerFor(size)),
                    TREE.root(size));
        }

        @Override
        public void verify() {
            ProofVerifier.verifyInclusion(leafHash, index, size, path, root);
        }

        AuditCase withLeafBitFlipped(int bit) {
            return new AuditCase(flipped(leafHash, bit), index, size, path, root);
        }

        AuditCase withRootBitFlipped(int bit) {
            return new AuditCase(leafHash, index, size, path, flipped(root, bit));
        }

        AuditCase withPathBitFlipped(int element, int bit) {
            return new AuditCase(leafHash, index, size, flipped(path, element, bit), root);
        }

        AuditCase withIndex(long otherIndex) {
            return new AuditCase(leafHash, otherIndex, size, path, root);
        }

        AuditCase withSize(long otherSize) {
            return new AuditCase(leafHash, index, otherSize, path, root);
        }

        @Override
        public String toString() {
            return "audit path of leaf " + index + " in tree size " + size;
        }
    }

    private record ConsistencyCase(long size1, long size2, List<byte[]> proof, byte[] root1, byte[] root2)
            implements Verification {

        static ConsistencyCase of(int size1, int size2) {
            return new ConsistencyCase(
                    size1,
                    size2,
                    MerkleProofs.consistencyProof(size1, size2, STORE.readerFor(size2)),
                    TREE.root(size1),
                    TREE.root(size2));
        }

        @Override
        public void verify() {
            ProofVerifier.verifyConsistency(size1, size2, proof, root1, root2);
        }

        ConsistencyCase withRoot1BitFlipped(int bit) {
            return new ConsistencyCase(size1, size2, proof, flipped(root1, bit), root2);
        }

        ConsistencyCase withRoot2BitFlipped(int bit) {
            return new ConsistencyCase(size1, size2, proof, root1, flipped(root2, bit));
        }

        ConsistencyCase withProofBitFlipped(int element, int bit) {
            return new ConsistencyCase(size1, size2, flipped(proof, element, bit), root1, root2);
        }

        ConsistencyCase withSize1(long otherSize1) {
            return new ConsistencyCase(otherSize1, size2, proof, root1, root2);
        }

        ConsistencyCase withSize2(long otherSize2) {
            return new ConsistencyCase(size1, otherSize2, proof, root1, root2);
        }

        @Override
        public String toString() {
            return "consistency proof from " + size1 + " to " + size2;
        }
    }
}
