package org.ecarehub.transparency.merkle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 6962 section 2.1 written down as literally as possible, with its own hashing, to check the production code
 * against: MTH, PATH and PROOF by the recursive definitions.
 *
 * <p>The only liberty taken is a memo of the hashes of complete, aligned subtrees, which a tree of 100,000 leaves needs
 * to answer thousands of questions in a few seconds; MTH of a range does not depend on anything but the range.
 */
final class ReferenceMerkleTree {

    private final List<byte[]> leafInputs;

    private final byte[][] leafHashes;

    private final Map<Long, byte[]> completeSubtrees = new HashMap<>();

    private final MessageDigest sha256 = sha256();

    ReferenceMerkleTree(List<byte[]> leafInputs) {
        this.leafInputs = List.copyOf(leafInputs);
        this.leafHashes = new byte[leafInputs.size()][];
    }

    /** A tree of {@code size} distinct leaves of varied length, the first one empty. */
    static ReferenceMerkleTree withLeaves(int size) {
        List<byte[]> inputs = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            inputs.add(i == 0 ? new byte[0] : ("entry " + i).getBytes(StandardCharsets.UTF_8));
        }
        return new ReferenceMerkleTree(inputs);
    }

    int size() {
        return leafInputs.size();
    }

    byte[] leafHash(int index) {
        if (leafHashes[index] == null) {
            sha256.update((byte) 0x00);
            leafHashes[index] = sha256.digest(leafInputs.get(index));
        }
        return leafHashes[index];
    }

    /** MTH(D[0:n]). */
    byte[] root(int n) {
        return mth(0, n);
    }

    /** MTH(D[from:to]). */
    byte[] mth(int from, int to) {
        int n = to - from;
        if (n == 0) {
            return sha256.digest();
        }
        if (n == 1) {
            return leafHash(from);
        }
        boolean completeAndAligned = Integer.bitCount(n) == 1 && from % n == 0;
        Long key = (long) from << 6 | Integer.numberOfTrailingZeros(n);
        if (completeAndAligned && completeSubtrees.containsKey(key)) {
            return completeSubtrees.get(key);
        }
        int k = largestPowerOfTwoBelow(n);
        byte[] left = mth(from, from + k);
        byte[] right = mth(from + k, to);
        sha256.update((byte) 0x01);
        sha256.update(left);
        byte[] hash = sha256.digest(right);
        if (completeAndAligned) {
            completeSubtrees.put(key, hash);
        }
        return hash;
    }

    /** PATH(m, D[0:n]). */
    List<byte[]> path(int m, int n) {
        return path(m, 0, n);
    }

    private List<byte[]> path(int m, int from, int to) {
        int n = to - from;
        if (n == 1) {
            return new ArrayList<>();
        }
        int k = largestPowerOfTwoBelow(n);
        List<byte[]> path;
        if (m < k) {
            path = path(m, from, from + k);
            path.add(mth(from + k, to));
        } else {
            path = path(m - k, from + k, to);
            path.add(mth(from, from + k));
        }
        return path;
    }

    /** PROOF(m, D[0:n]) = SUBPROOF(m, D[0:n], true). */
    List<byte[]> proof(int m, int n) {
        return subproof(m, 0, n, true);
    }

    private List<byte[]> subproof(int m, int from, int to, boolean b) {
        int n = to - from;
        if (m == n) {
            List<byte[]> proof = new ArrayList<>();
            if (!b) {
                proof.add(mth(from, to));
            }
            return proof;
        }
        int k = largestPowerOfTwoBelow(n);
        List<byte[]> proof;
        if (m <= k) {
            proof = subproof(m, from, from + k, b);
            proof.add(mth(from + k, to));
        } else {
            proof = subproof(m - k, from + k, to, false);
            proof.add(mth(from, from + k));
        }
        return proof;
    }

    /**
     * For each element of PATH(m, D[0:n]), in order, whether it is the left sibling. Two tree sizes with the same sides
     * for a leaf give audit paths that a verifier cannot tell apart.
     */
    static List<Boolean> pathSides(long m, long n) {
        if (n == 1) {
            return new ArrayList<>();
        }
        long k = Long.highestOneBit(n - 1);
        List<Boolean> sides;
        if (m < k) {
            sides = pathSides(m, k);
            sides.add(false);
        } else {
            sides = pathSides(m - k, n - k);
            sides.add(true);
        }
        return sides;
    }

    /** Every complete, aligned subtree of the first {@code n} leaves, which is what the log stores for a tree of size n. */
    Map<NodeId, byte[]> storedNodes(int n) {
        Map<NodeId, byte[]> nodes = new HashMap<>();
        for (int level = 0; (1 << level) <= n; level++) {
            for (int index = 0; (index + 1) << level <= n; index++) {
                nodes.put(new NodeId(level, index), mth(index << level, (index + 1) << level));
            }
        }
        return nodes;
    }

    private static int largestPowerOfTwoBelow(int n) {
        return Integer.highestOneBit(n - 1);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
