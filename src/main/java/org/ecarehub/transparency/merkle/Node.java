package org.ecarehub.transparency.merkle;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/** A stored node: a complete, aligned subtree and its hash. */
public record Node(NodeId id, byte[] hash) {

    public Node {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(hash, "hash");
    }

    // A record compares arrays by identity; two nodes are the same when their hashes hold the same bytes.
    @Override
    public boolean equals(Object other) {
        return other instanceof Node node && id.equals(node.id) && Arrays.equals(hash, node.hash);
    }

    @Override
    public int hashCode() {
        return 31 * id.hashCode() + Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return "Node[" + id.level() + "/" + id.index() + " " + HexFormat.of().formatHex(hash) + "]";
    }
}
