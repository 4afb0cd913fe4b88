package org.ecarehub.transparency.merkle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The right edge of a growing tree (its "compact range"): one complete subtree hash for each binary digit of the size.
 *
 * <p>That is all it takes to append leaves and to compute the root, so a sequencer, a bulk loader or a verifier that
 * streams every leaf keeps O(log n) hashes in memory. Each append returns the nodes that the new leaf completes, which
 * are exactly the nodes the log stores. Not thread-safe: one writer owns a frontier.
 */
public final class MerkleFrontier {

    // hashes[level] is the complete subtree of 2^level leaves on the right edge, present when bit `level` of size is
    // set.
    private final byte[][] hashes = new byte[NodeId.MAX_LEVEL + 1][];

    private long size;

    /** A frontier of the empty tree. */
    public MerkleFrontier() {}

    /** The nodes whose hashes {@link #restore} needs for a tree of the given size: its complete subtrees, left to right. */
    public static List<NodeId> frontierNodes(long size) {
        return MerkleProofs.rootNodes(size);
    }

    /** The frontier of a stored tree of the given size, read in one batch. */
    public static MerkleFrontier restore(long size, NodeReader reader) {
        return of(size, MerkleProofs.read(frontierNodes(size), reader));
    }

    /** The frontier of a tree of the given size from hashes already read for {@link #frontierNodes}. */
    public static MerkleFrontier of(long size, Map<NodeId, byte[]> hashes) {
        MerkleFrontier frontier = new MerkleFrontier();
        for (NodeId id : frontierNodes(size)) {
            frontier.hashes[id.level()] = MerkleProofs.storedHash(hashes, id);
        }
        frontier.size = size;
        return frontier;
    }

    /**
     * Appends a leaf and returns the nodes it completes, smallest first: the leaf itself at level 0, then every larger
     * subtree that now ends at this leaf.
     */
    public List<Node> append(byte[] leafHash) {
        if (leafHash == null || leafHash.length != MerkleHashes.HASH_LENGTH) {
            throw new IllegalArgumentException("A leaf hash must be 32 bytes long");
        }
        if (size == Long.MAX_VALUE) {
            throw new IllegalStateException("The tree cannot grow past 2^63-1 leaves");
        }
        int completed = Long.numberOfTrailingZeros(~size);
        List<Node> nodes = new ArrayList<>(completed + 1);
        long index = size;
        byte[] hash = leafHash;
        nodes.add(new Node(new NodeId(0, index), hash));
        for (int level = 0; level < completed; level++) {
            hash = MerkleHashes.nodeHash(hashes[level], hash);
            hashes[level] = null;
            index >>>= 1;
            nodes.add(new Node(new NodeId(level + 1, index), hash));
        }
        hashes[completed] = hash;
        size++;
        return Collections.unmodifiableList(nodes);
    }

    /** The number of leaves appended so far, including those the frontier was restored with. */
    public long size() {
        return size;
    }

    /** The root hash of the tree as it stands, RFC 6962 MTH(D[size]), computed without any read. */
    public byte[] root() {
        if (size == 0) {
            return MerkleHashes.emptyRoot();
        }
        int level = Long.numberOfTrailingZeros(size);
        byte[] root = hashes[level];
        for (level++; level <= NodeId.MAX_LEVEL; level++) {
            if (hashes[level] != null) {
                root = MerkleHashes.nodeHash(hashes[level], root);
            }
        }
        return root;
    }

    /** The complete subtrees of the right edge, left to right; {@link #of} rebuilds this frontier from them. */
    public List<Node> nodes() {
        List<Node> nodes = new ArrayList<>(Long.bitCount(size));
        for (NodeId id : frontierNodes(size)) {
            nodes.add(new Node(id, hashes[id.level()]));
        }
        return Collections.unmodifiableList(nodes);
    }
}
