package org.ecarehub.transparency;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.ecarehub.transparency.merkle.MerkleHashes;
import org.ecarehub.transparency.merkle.ProofException;
import org.ecarehub.transparency.merkle.ProofVerifier;

/**
 * Checks one event against the log without the hub, as an independent checker of a subject access export does: the
 * leaf recomputed from the event's canonical JSON and salt, its inclusion proof to a tree head, and the head's
 * signature. Plain Java; the browser's verifier ({@code static/js/history-verifier.js}) does the same with WebCrypto.
 */
public final class EventProofs {

    private EventProofs() {}

    /** The leaf input the contract defines for the event: 0x01, timestamp, type, SHA-256(salt || event). */
    public static byte[] leafInput(long timestampMillis, int eventType, byte[] salt, String canonicalEvent) {
        MessageDigest sha256 = sha256();
        sha256.update(salt);
        return ByteBuffer.allocate(43)
                .put((byte) 1)
                .putLong(timestampMillis)
                .putShort((short) eventType)
                .put(sha256.digest(canonicalEvent.getBytes(StandardCharsets.UTF_8)))
                .array();
    }

    /**
     * What fails for this event, in words that name no person: empty when the leaf matches the event, the proof leads
     * from the leaf to the head's root and the key signed the head.
     */
    public static List<String> problems(
            long timestampMillis,
            int eventType,
            byte[] salt,
            String canonicalEvent,
            long leafIndex,
            byte[] leafInput,
            List<byte[]> auditPath,
            SignedTreeHead head,
            PublicKey key) {
        List<String> problems = new ArrayList<>();
        if (salt.length != 16) {
            problems.add("the salt is not 16 bytes long");
        }
        byte[] recomputed = leafInput(timestampMillis, eventType, salt, canonicalEvent);
        if (!MessageDigest.isEqual(recomputed, leafInput)) {
            problems.add("the leaf input does not match the event, its salt, time and type");
        }
        try {
            ProofVerifier.verifyInclusion(
                    MerkleHashes.leafHash(recomputed), leafIndex, head.treeSize(), auditPath, head.rootHash());
        } catch (ProofException e) {
            problems.add(e.getMessage());
        }
        if (!head.isSignedBy(key)) {
            problems.add("the tree head's signature does not hold for the log's key");
        }
        return problems;
    }

    /** SHA-256 of the bytes. */
    public static byte[] sha256(byte[] bytes) {
        return sha256().digest(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
