package org.ecarehub.transparency;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.ecarehub.shared.PersonId;

/**
 * People's events with their leaves and inclusion proofs, for the person's own view of their history and its
 * subject access export. It takes no access decision: only the access module calls it, after deciding and logging.
 */
public interface ProvableEvents {

    /** The most events one call returns. */
    int MAX_EVENTS = 1000;

    /**
     * The events about any of the given person ids with an id below {@code before}, newest first, at most {@code
     * limit} (never more than {@link #MAX_EVENTS}): one indexed query.
     *
     * @throws LogUnavailable when the log cannot be read
     */
    List<ProvableEvent> about(Collection<PersonId> persons, long before, int limit);

    /**
     * The audit paths of the given leaves in the tree of {@code treeSize} leaves, by leaf index, read in one query;
     * leaves at or beyond the tree size are left out.
     *
     * @throws TransparencyLog.ProofRequestRejected unless {@code 1 <= treeSize <=} the latest signed size
     * @throws LogUnavailable when the log cannot be read
     */
    Map<Long, List<byte[]>> inclusionProofs(Collection<Long> leafIndexes, long treeSize);
}
