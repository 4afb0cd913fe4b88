package org.ecarehub.transparency.merkle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Builds roots, audit paths and consistency proofs (RFC 6962 section 2.1) from the stored hashes of complete, aligned
 * subtrees.
 *
 * <p>Each operation comes in three steps that callers can also take one at a time: the nodes it needs, which is pure
 * arithmetic ({@link #inclusionNodes}, {@link #consistencyNodes}, {@link #rootNodes}); one batch read of their hashes;
 * and the assembly from those hashes (the overloads that take a {@code Map}). A proof element that covers the
 * incomplete right edge of the tree is not stored anywhere; it is hashed together from the complete subtrees that make
 * it up. No operation needs more than {@code 2 * ceil(log2(treeSize)) + 1} nodes.
 */
public final class MerkleProofs {

    private MerkleProofs() {}

    /** The nodes whose hashes make up the audit path of a leaf, in the order of the path. */
    public static List<NodeId> inclusionNodes(long index, long treeSize) {
        return nodesOf(inclusionRanges(index, treeSize));
    }

    /** The audit path of a leaf, RFC 6962 PATH(index, D[treeSize]), read from the store in one batch. */
    public static List<byte[]> inclusionProof(long index, long treeSize, NodeReader reader) {
        List<LeafRange> ranges = inclusionRanges(index, treeSize);
        return hashesOf(ranges, read(nodesOf(ranges), reader));
    }

    /** The audit path of a leaf assembled from hashes already read for {@link #inclusionNodes}. */
    public static List<byte[]> inclusionProof(long index, long treeSize, Map<NodeId, byte[]> hashes) {
        return hashesOf(inclusionRanges(index, treeSize), hashes);
    }

    /** The nodes whose hashes make up the consistency proof between two tree sizes, in the order of the proof. */
    public static List<NodeId> consistencyNodes(long size1, long size2) {
        return nodesOf(consistencyRanges(size1, size2));
    }

    /** The consistency proof RFC 6962 PROOF(size1, D[size2]), read from the store in one batch. */
    public static List<byte[]> consistencyProof(long size1, long size2, NodeReader reader) {
        List<LeafRange> ranges = consistencyRanges(size1, size2);
        return hashesOf(ranges, read(nodesOf(ranges), reader));
    }

    /** The consistency proof assembled from hashes already read for {@link #consistencyNodes}. */
    public static List<byte[]> consistencyProof(long size1, long size2, Map<NodeId, byte[]> hashes) {
        return hashesOf(consistencyRanges(size1, size2), hashes);
    }

    /** The nodes whose hashes make up the root of a tree: its complete subtrees from left to right. */
    public static List<NodeId> rootNodes(long treeSize) {
        requireSize(treeSize);
        return treeSize == 0 ? List.of() : new LeafRange(0, treeSize).nodes();
    }

    /** The root hash MTH(D[treeSize]), read from the store in one batch. */
    public static byte[] root(long treeSize, NodeReader reader) {
        return root(treeSize, read(rootNodes(treeSize), reader));
    }

    /** The root hash assembled from hashes already read for {@link #rootNodes}. */
    public static byte[] root(long treeSize, Map<NodeId, byte[]> hashes) {
        requireSize(treeSize);
        return treeSize == 0 ? MerkleHashes.emptyRoot() : new LeafRange(0, treeSize).hash(hashes);
    }

    // The sibling of the leaf's subtree at each level, bottom up; a level where the leaf's subtree is the last one of
    // the tree and has no sibling adds nothing, as in RFC 6962, where that subtree is simply carried up.
    private static List<LeafRange> inclusionRanges(long index, long treeSize) {
        if (index < 0 || index >= treeSize) {
            throw new IllegalArgumentException("An audit path needs 0 <= index < treeSize");
        }
        int height = 64 - Long.numberOfLeadingZeros(treeSize - 1);
        List<LeafRange> ranges = new ArrayList<>(height);
        for (int level = 0; level < height; level++) {
            long begin = ((index >>> level) ^ 1) << level;
            if (begin < treeSize) {
                ranges.add(new LeafRange(begin, begin + Math.min(1L << level, treeSize - begin)));
            }
        }
        return ranges;
    }

    private static List<LeafRange> consistencyRanges(long size1, long size2) {
        if (size1 <= 0 || size1 > size2) {
            throw new IllegalArgumentException("A consistency proof needs 0 < size1 <= size2");
        }
        List<LeafRange> ranges = new ArrayList<>();
        subproof(size1, 0, size2, true, ranges);
        return ranges;
    }

    // RFC 6962 SUBPROOF(m, D[begin:end], wholeOldTree), with m counted from begin.
    private static void subproof(long m, long begin, long end, boolean wholeOldTree, List<LeafRange> ranges) {
        long n = end - begin;
        if (m == n) {
            if (!wholeOldTree) {
                ranges.add(new LeafRange(begin, end));
            }
            return;
        }
        long k = Long.highestOneBit(n - 1);
        if (m <= k) {
            subproof(m, begin, begin + k, wholeOldTree, ranges);
            ranges.add(new LeafRange(begin + k, end));
        } else {
            subproof(m - k, begin + k, end, false, ranges);
            ranges.add(new LeafRange(begin, begin + k));
        }
    }

    private static List<NodeId> nodesOf(List<LeafRange> ranges) {
        List<NodeId> nodes = new ArrayList<>(ranges.size() + 8);
        for (LeafRange range : ranges) {
            nodes.addAll(range.nodes());
        }
        return Collections.unmodifiableList(nodes);
    }

    private static List<byte[]> hashesOf(List<LeafRange> ranges, Map<NodeId, byte[]> hashes) {
        List<byte[]> proof = new ArrayList<>(ranges.size());
        for (LeafRange range : ranges) {
            proof.add(range.hash(hashes));
        }
        return Collections.unmodifiableList(proof);
    }

    static Map<NodeId, byte[]> read(List<NodeId> nodes, NodeReader reader) {
        return nodes.isEmpty() ? Map.of() : reader.read(nodes);
    }

    static byte[] storedHash(Map<NodeId, byte[]> hashes, NodeId id) {
        byte[] hash = hashes.get(id);
        if (hash == null) {
            throw new IllegalStateException("No hash was read for node " + id);
        }
        if (hash.length != MerkleHashes.HASH_LENGTH) {
            throw new IllegalStateException("The hash read for node " + id + " is not 32 bytes long");
        }
        return hash;
    }

    private static void requireSize(long treeSize) {
        if (treeSize < 0) {
            throw new IllegalArgumentException("A tree size cannot be negative");
        }
    }

    /**
     * The leaves {@code [begin, end)} of a subtree that RFC 6962 hashes as one: either complete and aligned, or the
     * incomplete right edge of the tree below an aligned boundary. Either way, the binary digits of its length, from
     * the highest down, are the complete subtrees it is made of, and its hash folds them together from the right.
     */
    private record LeafRange(long begin, long end) {

        List<NodeId> nodes() {
            long length = end - begin;
            List<NodeId> nodes = new ArrayList<>(Long.bitCount(length));
            long first = begin;
            for (int level = 63 - Long.numberOfLeadingZeros(length); level >= 0; level--) {
                if ((length & (1L << level)) != 0) {
                    nodes.add(new NodeId(level, first >>> level));
                    first += 1L << level;
                }
            }
            return nodes;
        }

        byte[] hash(Map<NodeId, byte[]> hashes) {
            List<NodeId> nodes = nodes();
            byte[] hash = storedHash(hashes, nodes.get(nodes.size() - 1));
            for (int i = nodes.size() - 2; i >= 0; i--) {
                hash = MerkleHashes.nodeHash(storedHash(hashes, nodes.get(i)), hash);
            }
            return hash;
        }
    }
}
