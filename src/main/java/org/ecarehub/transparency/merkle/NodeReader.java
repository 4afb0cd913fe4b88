package org.ecarehub.transparency.merkle;

import java.util.Collection;
import java.util.Map;

/**
 * Reads stored node hashes, in one batch per call.
 *
 * <p>{@link MerkleProofs} and {@link MerkleFrontier} work out every node they need first and then call {@link #read}
 * at most once, so an implementation backed by a database can answer with a single query.
 */
@FunctionalInterface
public interface NodeReader {

    /**
     * Returns the hash of every requested node.
     *
     * <p>Only leaves and complete, aligned subtrees are ever requested. A node left out of the answer makes the caller
     * fail with an {@link IllegalStateException}: a proof cannot be built around a missing hash.
     */
    Map<NodeId, byte[]> read(Collection<NodeId> ids);
}
