package org.ecarehub.transparency.merkle;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ecarehub.transparency.merkle.MerkleTestVectors.base64;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.ecarehub.transparency.merkle.MerkleTestVectors.AuditProof;
import org.ecarehub.transparency.merkle.MerkleTestVectors.ConsistencyProof;
import org.ecarehub.transparency.merkle.MerkleTestVectors.Entries;
import org.ecarehub.transparency.merkle.MerkleTestVectors.SignedTreeHead;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ProofVerifierTests {

    private static final ReferenceMerkleTree RFC_TREE = Rfc6962TestTree.reference();

    @Nested
    class AuditPaths {

        @Test
        void acceptsTheAuditPathOfEveryLeafOfTheRfc6962TestTree() {
            for (int size = 1; size <= 8; size++) {
                for (int index = 0; index < size; index++) {
                    assertAccepted(inclusion(index, size, RFC_TREE.path(index, size)));
                }
            }
        }

        @Test
        void rejectsALeafIndexAtOrBeyondTheTreeSize() {
            assertRejected(inclusion(5, 5, RFC_TREE.path(4, 5)), "The leaf index is not below the tree size");
            assertRejected(
                    () -> ProofVerifier.verifyInclusion(
                            RFC_TREE.leafHash(0), 0, 0, List.of(), MerkleHashes.emptyRoot()),
                    "The leaf index is not below the tree size");
        }

        @Test
        void rejectsANegativeLeafIndex() {
            assertRejected(
                    () -> ProofVerifier.verifyInclusion(RFC_TREE.leafHash(0), -1, 5, RFC_TREE.path(0, 5), root(5)),
                    "The leaf index is negative");
        }

        @Test
        void rejectsALeafHashOrRootThatIsNotThirtyTwoBytesLong() {
            List<byte[]> path = RFC_TREE.path(1, 4);

            assertRejected(
                    () -> ProofVerifier.verifyInclusion(new byte[0], 1, 4, path, root(4)),
                    "The leaf hash is not 32 bytes long");
            assertRejected(
                    () -> ProofVerifier.verifyInclusion(null, 1, 4, path, root(4)),
                    "The leaf hash is not 32 bytes long");
            assertRejected(
                    () -> ProofVerifier.verifyInclusion(RFC_TREE.leafHash(1), 1, 4, path, Arrays.copyOf(root(4), 33)),
                    "The root is not 32 bytes long");
        }

        @Test
        void rejectsAProofHashThatIsNotThirtyTwoBytesLong() {
            List<byte[]> path = new ArrayList<>(RFC_TREE.path(1, 4));
            path.set(1, Arrays.copyOf(path.get(1), 31));

            assertRejected(inclusion(1, 4, path), "The inclusion proof holds a hash that is not 32 bytes long");

            path.set(1, null);
            assertRejected(inclusion(1, 4, path), "The inclusion proof holds a hash that is not 32 bytes long");
        }

        @Test
        void rejectsAnAuditPathWithAHashTooManyOrTooFew() {
            List<byte[]> longer = new ArrayList<>(RFC_TREE.path(2, 6));
            longer.add(root(2));
            List<byte[]> shorter = RFC_TREE.path(2, 6).subList(0, 2);

            assertRejected(
                    inclusion(2, 6, longer),
                    "The inclusion proof has more hashes than the path from the leaf to the root");
            assertRejected(
                    inclusion(2, 6, shorter),
                    "The inclusion proof has fewer hashes than the path from the leaf to the root");
        }

        @Test
        void rejectsAnAuditPathThatLeadsToAnotherRoot() {
            assertRejected(
                    () -> ProofVerifier.verifyInclusion(RFC_TREE.leafHash(3), 3, 6, RFC_TREE.path(3, 6), root(7)),
                    "The inclusion proof does not lead to the root");
            assertRejected(
                    () -> ProofVerifier.verifyInclusion(RFC_TREE.leafHash(2), 3, 6, RFC_TREE.path(3, 6), root(6)),
                    "The inclusion proof does not lead to the root");
        }

        @Test
        void leavesANullProofListToTheCaller() {
            assertThatThrownBy(() -> ProofVerifier.verifyInclusion(RFC_TREE.leafHash(0), 0, 1, null, root(1)))
                    .isInstanceOf(NullPointerException.class);
        }

        private static ThrowingCallable inclusion(int index, int size, List<byte[]> path) {
            return () -> ProofVerifier.verifyInclusion(RFC_TREE.leafHash(index), index, size, path, root(size));
        }
    }

    @Nested
    class ConsistencyProofs {

        @Test
        void acceptsEveryConsistencyProofOfTheRfc6962TestTree() {
            for (int size2 = 1; size2 <= 8; size2++) {
                for (int size1 = 1; size1 <= size2; size1++) {
                    assertAccepted(consistency(size1, size2, RFC_TREE.proof(size1, size2)));
                }
            }
        }

        @Test
        void rejectsAProofFromTheEmptyTree() {
            byte[] empty = MerkleHashes.emptyRoot();

            assertRejected(
                    () -> ProofVerifier.verifyConsistency(0, 3, List.of(), empty, root(3)),
                    "The first tree size is not positive");
            assertRejected(
                    () -> ProofVerifier.verifyConsistency(0, 0, List.of(), empty, empty),
                    "The first tree size is not positive");
            assertRejected(
                    () -> ProofVerifier.verifyConsistency(-4, 3, List.of(), empty, root(3)),
                    "The first tree size is not positive");
        }

        @Test
        void rejectsAFirstTreeSizeLargerThanTheSecond() {
            assertRejected(
                    () -> ProofVerifier.verifyConsistency(5, 4, RFC_TREE.proof(4, 5), root(5), root(4)),
                    "The first tree size is larger than the second");
        }

        @Test
        void acceptsEqualTreeSizesWithAnEmptyProofAndEqualRoots() {
            assertAccepted(consistency(5, 5, List.of()));
        }

        @Test
        void rejectsEqualTreeSizesWithAProofOrDifferentRoots() {
            assertRejected(
                    consistency(5, 5, List.of(root(5))), "A consistency proof between equal tree sizes must be empty");
            assertRejected(
                    () -> ProofVerifier.verifyConsistency(5, 5, List.of(), root(5), root(6)),
                    "The roots of equal tree sizes differ");
        }

        @Test
        void rejectsAnEmptyProofBetweenDifferentTreeSizes() {
            assertRejected(consistency(4, 8, List.of()), "The consistency proof between different tree sizes is empty");
        }

        @Test
        void rejectsARootOrProofHashThatIsNotThirtyTwoBytesLong() {
            List<byte[]> proof = new ArrayList<>(RFC_TREE.proof(3, 7));

            assertRejected(
                    () -> ProofVerifier.verifyConsistency(3, 7, proof, new byte[31], root(7)),
                    "The first root is not 32 bytes long");
            assertRejected(
                    () -> ProofVerifier.verifyConsistency(3, 7, proof, root(3), null),
                    "The second root is not 32 bytes long");

            proof.set(0, new byte[64]);
            assertRejected(consistency(3, 7, proof), "The consistency proof holds a hash that is not 32 bytes long");
        }

        @Test
        void rejectsAProofWithAHashTooManyOrTooFew() {
            List<byte[]> longer = new ArrayList<>(RFC_TREE.proof(3, 7));
            longer.add(root(1));
            List<byte[]> shorter = RFC_TREE.proof(3, 7).subList(0, 3);

            assertRejected(
                    consistency(3, 7, longer),
                    "The consistency proof has more hashes than the path to the second root");
            assertRejected(
                    consistency(3, 7, shorter),
                    "The consistency proof has fewer hashes than the path to the second root");
        }

        @Test
        void rejectsAProofBetweenOtherRoots() {
            assertRejected(
                    () -> ProofVerifier.verifyConsistency(3, 7, RFC_TREE.proof(3, 7), root(4), root(7)),
                    "The consistency proof does not lead to the first root");
            assertRejected(
                    () -> ProofVerifier.verifyConsistency(3, 7, RFC_TREE.proof(3, 7), root(3), root(8)),
                    "The consistency proof does not lead to the second root");
            assertRejected(
                    () -> ProofVerifier.verifyConsistency(3, 7, RFC_TREE.proof(3, 7), root(7), root(3)),
                    "The consistency proof does not lead to the first root");
        }

        @Test
        void leavesANullProofListToTheCaller() {
            assertThatThrownBy(() -> ProofVerifier.verifyConsistency(1, 2, null, root(1), root(2)))
                    .isInstanceOf(NullPointerException.class);
        }

        private static ThrowingCallable consistency(int size1, int size2, List<byte[]> proof) {
            return () -> ProofVerifier.verifyConsistency(size1, size2, proof, root(size1), root(size2));
        }
    }

    @Nested
    class AnyInput {

        @Test
        void throwsNothingButProofExceptionsForArbitraryProofs() {
            SplittableRandom random = new SplittableRandom(9162);
            for (int i = 0; i < 20_000; i++) {
                long a = anySize(random);
                long b = anySize(random);
                List<byte[]> proof = anyHashes(random);
                byte[] x = anyHash(random);
                byte[] y = anyHash(random);

                assertThatCode(() -> {
                            try {
                                ProofVerifier.verifyInclusion(x, a, b, proof, y);
                            } catch (ProofException expected) {
                                // Rejection is the normal answer to garbage.
                            }
                            try {
                                ProofVerifier.verifyConsistency(a, b, proof, x, y);
                            } catch (ProofException expected) {
                                // Rejection is the normal answer to garbage.
                            }
                        })
                        .as("sizes %d and %d with %d hashes", a, b, proof.size())
                        .doesNotThrowAnyException();
            }
        }

        private static long anySize(SplittableRandom random) {
            return switch (random.nextInt(4)) {
                case 0 -> random.nextLong(-2, 20);
                case 1 -> random.nextLong();
                case 2 -> Long.MAX_VALUE - random.nextInt(3);
                default -> random.nextLong(1, 1L << random.nextInt(1, 63));
            };
        }

        private static List<byte[]> anyHashes(SplittableRandom random) {
            int count = random.nextInt(4) == 0 ? random.nextInt(200) : random.nextInt(70);
            List<byte[]> hashes = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                hashes.add(anyHash(random));
            }
            return hashes;
        }

        private static byte[] anyHash(SplittableRandom random) {
            if (random.nextInt(50) == 0) {
                return null;
            }
            byte[] hash = new byte[random.nextInt(10) == 0 ? random.nextInt(40) : 32];
            random.nextBytes(hash);
            return hash;
        }
    }

    /**
     * A real log: entry 10,000 of Google's Argon2020 Certificate Transparency log and a consistency proof from tree
     * size 3,654,490 to the signed tree head of size 961,984,013.
     */
    @Nested
    class TheArgon2020CertificateTransparencyLog {

        private static final String DIRECTORY = "golang-mod-argon2020/";

        private static final byte[] ROOT_OF_3654490 = base64("AuIZ5V6sDUj1vn3Y1K85oOaQ7y+FJJKtyRTl1edIKBQ=");

        private final SignedTreeHead head = MerkleTestVectors.read(DIRECTORY + "sth.json", SignedTreeHead.class);

        private final AuditProof auditProof = MerkleTestVectors.read(DIRECTORY + "proof.json", AuditProof.class);

        private final byte[] leafHash =
                MerkleHashes.leafHash(base64(MerkleTestVectors.read(DIRECTORY + "entries.json", Entries.class)
                        .entries()
                        .get(0)
                        .leaf_input()));

        private final List<byte[]> consistencyProof =
                base64(MerkleTestVectors.read(DIRECTORY + "consistency.json", ConsistencyProof.class)
                        .consistency());

        @Test
        void verifiesTheInclusionOfEntry10000() {
            assertAccepted(inclusion(10_000, head.tree_size()));
        }

        @Test
        void verifiesTheConsistencyFromTreeSize3654490ToTheSignedTreeHead() {
            assertAccepted(consistency(3_654_490, head.tree_size()));
        }

        @Test
        void rejectsTheAuditPathForTheLeafIndexOneEitherSide() {
            assertRejected(inclusion(9_999, head.tree_size()), "The inclusion proof does not lead to the root");
            assertRejected(inclusion(10_001, head.tree_size()), "The inclusion proof does not lead to the root");
        }

        @Test
        void rejectsTheConsistencyProofFromTheFirstTreeSizeOneEitherSide() {
            assertRejected(consistency(3_654_489, head.tree_size()), null);
            assertRejected(consistency(3_654_491, head.tree_size()), null);
        }

        /**
         * The README of the vectors expects these to fail, but no RFC 9162 verifier can tell them apart: entry 10,000
         * and the first tree are so far left of the right edge that their paths to the root have exactly the same shape
         * in trees of 961,984,012, 961,984,013 and 961,984,014 leaves. The signature on the tree head binds its size.
         */
        @Test
        void cannotTellTheLargerTreeSizeOneEitherSideApartFromTheProofsAlone() {
            assertAccepted(inclusion(10_000, head.tree_size() - 1));
            assertAccepted(inclusion(10_000, head.tree_size() + 1));
            assertAccepted(consistency(3_654_490, head.tree_size() - 1));
            assertAccepted(consistency(3_654_490, head.tree_size() + 1));
        }

        private ThrowingCallable inclusion(long index, long treeSize) {
            return () -> ProofVerifier.verifyInclusion(
                    leafHash, index, treeSize, base64(auditProof.audit_path()), base64(head.sha256_root_hash()));
        }

        private ThrowingCallable consistency(long size1, long size2) {
            return () -> ProofVerifier.verifyConsistency(
                    size1, size2, consistencyProof, ROOT_OF_3654490, base64(head.sha256_root_hash()));
        }
    }

    private static byte[] root(int size) {
        return RFC_TREE.root(size);
    }

    private static void assertAccepted(ThrowingCallable verification) {
        assertThatCode(verification).doesNotThrowAnyException();
    }

    private static void assertRejected(ThrowingCallable verification, String failedCheck) {
        if (failedCheck == null) {
            assertThatThrownBy(verification).isInstanceOf(ProofException.class);
        } else {
            assertThatThrownBy(verification).isInstanceOf(ProofException.class).hasMessage(failedCheck);
        }
    }
}
