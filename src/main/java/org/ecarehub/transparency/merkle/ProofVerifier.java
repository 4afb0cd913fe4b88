package org.ecarehub.transparency.merkle;

import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;

/**
 * Verifies audit paths and consistency proofs by the algorithms of RFC 9162 sections 2.1.3.2 and 2.1.4.2.
 *
 * <p>A proof that fails throws a {@link ProofException} naming the check; nothing else escapes for any input but a
 * {@code null} proof list. Every hash given, roots included, must be 32 bytes long, even where the roots of equal tree
 * sizes are only compared with each other: a malformed hash is reported as malformed wherever it appears, which makes
 * this verifier stricter there than transparency-dev's.
 *
 * <p>A proof binds the leaf index or the first tree size, but not always the larger tree size: the audit path of a
 * leaf far from the right edge is the same for several neighbouring tree sizes. The signed tree head binds that size.
 */
public final class ProofVerifier {

    private ProofVerifier() {}

    /** Checks that {@code proof} is the audit path of the leaf at {@code index} in the tree of {@code treeSize} leaves with {@code root}. */
    public static void verifyInclusion(byte[] leafHash, long index, long treeSize, List<byte[]> proof, byte[] root) {
        Objects.requireNonNull(proof, "proof");
        if (index < 0) {
            throw new ProofException("The leaf index is negative");
        }
        if (index >= treeSize) {
            throw new ProofException("The leaf index is not below the tree size");
        }
        requireHash(leafHash, "The leaf hash is not 32 bytes long");
        requireHash(root, "The root is not 32 bytes long");
        requireHashes(proof, "The inclusion proof holds a hash that is not 32 bytes long");

        long fn = index;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                throw new ProofException("The inclusion proof has more hashes than the path from the leaf to the root");
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = MerkleHashes.nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                r = MerkleHashes.nodeHash(r, p);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        if (sn != 0) {
            throw new ProofException("The inclusion proof has fewer hashes than the path from the leaf to the root");
        }
        if (!MessageDigest.isEqual(r, root)) {
            throw new ProofException("The inclusion proof does not lead to the root");
        }
    }

    /** Checks that {@code proof} shows the tree of {@code size1} leaves with {@code root1} to be a prefix of the tree of {@code size2} leaves with {@code root2}. */
    public static void verifyConsistency(long size1, long size2, List<byte[]> proof, byte[] root1, byte[] root2) {
        Objects.requireNonNull(proof, "proof");
        // Every tree is an extension of the empty tree; a proof of that proves nothing and is refused as a mistake.
        if (size1 <= 0) {
            throw new ProofException("The first tree size is not positive");
        }
        if (size1 > size2) {
            throw new ProofException("The first tree size is larger than the second");
        }
        requireHash(root1, "The first root is not 32 bytes long");
        requireHash(root2, "The second root is not 32 bytes long");
        requireHashes(proof, "The consistency proof holds a hash that is not 32 bytes long");
        if (size1 == size2) {
            if (!proof.isEmpty()) {
                throw new ProofException("A consistency proof between equal tree sizes must be empty");
            }
            if (!MessageDigest.isEqual(root1, root2)) {
                throw new ProofException("The roots of equal tree sizes differ");
            }
            return;
        }
        if (proof.isEmpty()) {
            throw new ProofException("The consistency proof between different tree sizes is empty");
        }

        // When the old tree is a complete subtree its root is where the path starts, and the proof leaves it out.
        boolean oldTreeIsComplete = Long.bitCount(size1) == 1;
        int next = oldTreeIsComplete ? 0 : 1;
        byte[] fr = oldTreeIsComplete ? root1 : proof.get(0);
        byte[] sr = fr;
        long fn = size1 - 1;
        long sn = size2 - 1;
        while ((fn & 1) == 1) {
            fn >>>= 1;
            sn >>>= 1;
        }
        for (; next < proof.size(); next++) {
            byte[] c = proof.get(next);
            if (sn == 0) {
                throw new ProofException("The consistency proof has more hashes than the path to the second root");
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = MerkleHashes.nodeHash(c, fr);
                sr = MerkleHashes.nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                sr = MerkleHashes.nodeHash(sr, c);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        if (sn != 0) {
            throw new ProofException("The consistency proof has fewer hashes than the path to the second root");
        }
        if (!MessageDigest.isEqual(fr, root1)) {
            throw new ProofException("The consistency proof does not lead to the first root");
        }
        if (!MessageDigest.isEqual(sr, root2)) {
            throw new ProofException("The consistency proof does not lead to the second root");
        }
    }

    private static void requireHashes(List<byte[]> proof, String failure) {
        for (byte[] hash : proof) {
            requireHash(hash, failure);
        }
    }

    private static void requireHash(byte[] hash, String failure) {
        if (hash == null || hash.length != MerkleHashes.HASH_LENGTH) {
            throw new ProofException(failure);
        }
    }
}
