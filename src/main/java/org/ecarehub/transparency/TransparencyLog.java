package org.ecarehub.transparency;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The transparency log: every access to, change of and disclosure of personal information, appended durably and
 * integrated into an RFC 6962 Merkle tree whose signed heads and proofs anyone can check.
 */
public interface TransparencyLog {

    /**
     * Records the event; it is committed to the database before this returns, and in a signed tree head within the
     * sequencing interval (1 s by default).
     *
     * @throws LogUnavailable when the event could not be committed; the caller must then refuse the access
     */
    Appended append(LogEvent event);

    /**
     * Records the events together: all are committed to the database before this returns, in as few commits as the
     * log's batching allows, so a bulk change waits for one commit instead of one for each event.
     *
     * @throws LogUnavailable when any event could not be committed; the caller must then refuse the change
     */
    default List<Appended> appendAll(List<LogEvent> events) {
        return events.stream().map(this::append).toList();
    }

    /**
     * Runs one step of a story replayed through the modules' own APIs (the demo's history): every event the step
     * appends on this thread is marked as replayed and carries the time the story says it occurred. Its leaf keeps the
     * time it was logged, which is never back-dated (decision 0037).
     */
    <T> T replaying(Instant occurredAt, Supplier<T> step);

    /** The newest signed tree head, if any leaf has been sequenced. */
    Optional<SignedTreeHead> latestTreeHead();

    /**
     * The audit path of the leaf with this hash in the tree of the given size.
     *
     * @return empty when no leaf with this hash is among the first {@code treeSize} leaves
     * @throws ProofRequestRejected unless {@code 1 <= treeSize <= } the latest signed size
     */
    Optional<InclusionProof> inclusionProof(byte[] leafHash, long treeSize);

    /**
     * The RFC 6962 consistency proof between two tree sizes.
     *
     * @throws ProofRequestRejected unless {@code 0 < first <= second <= } the latest signed size
     */
    List<byte[]> consistencyProof(long first, long second);

    /**
     * The leaf inputs of leaves {@code start} to {@code end}, both included, at most {@code maxCount} of them.
     *
     * @throws ProofRequestRejected unless {@code 0 <= start <= end} and start is below the latest signed size
     */
    List<byte[]> leafInputs(long start, long end, int maxCount);

    /** The public key that checks the current tree heads. */
    LogPublicKey publicKey();

    /** What the log took: the event's private row, not yet its place in the tree. */
    record Appended(long eventId) {}

    /** The place of a leaf in a tree and the hashes that lead from it to the root. */
    record InclusionProof(long leafIndex, long treeSize, List<byte[]> auditPath) {}

    /**
     * The log's public key.
     *
     * @param der the DER SubjectPublicKeyInfo
     * @param keyId base64 SHA-256 of {@code der}
     */
    record LogPublicKey(byte[] der, String keyId) {}

    /** A proof or entries were asked for with parameters that no tree of this log has. */
    class ProofRequestRejected extends IllegalArgumentException {

        public ProofRequestRejected(String message) {
            super(message);
        }
    }
}
