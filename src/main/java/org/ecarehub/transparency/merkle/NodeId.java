package org.ecarehub.transparency.merkle;

/**
 * A complete, aligned subtree: the {@code 2^level} leaves starting at leaf {@code index * 2^level}.
 *
 * <p>Level 0 is a single leaf. These are the only nodes the log stores, because their hashes never change once the
 * tree has grown past them.
 */
public record NodeId(int level, long index) {

    /** The highest level a tree of at most {@link Long#MAX_VALUE} leaves can complete. */
    public static final int MAX_LEVEL = 62;

    public NodeId {
        if (level < 0 || level > MAX_LEVEL) {
            throw new IllegalArgumentException("A node level must be between 0 and " + MAX_LEVEL);
        }
        if (index < 0 || index >= Long.MAX_VALUE >> level) {
            throw new IllegalArgumentException(
                    "A node index must place the node inside a tree of at most 2^63-1 leaves");
        }
    }

    public static NodeId leaf(long index) {
        return new NodeId(0, index);
    }

    public long firstLeaf() {
        return index << level;
    }

    public long leafCount() {
        return 1L << level;
    }

    /** The index one past the last leaf of this subtree; the tree is complete here once it has this many leaves. */
    public long endLeaf() {
        return (index + 1) << level;
    }
}
