package org.ecarehub.transparency.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The RFC 6962 hash functions: SHA-256 with a one-byte prefix that keeps leaf and node hashes apart.
 *
 * <p>Hashes are plain 32-byte arrays. Nothing in this package changes an array once it is a hash, and callers must not
 * either: proofs and frontiers hand the same arrays around instead of copying them.
 */
public final class MerkleHashes {

    /** The length of every hash in the tree, in bytes. */
    public static final int HASH_LENGTH = 32;

    private static final byte LEAF_PREFIX = 0x00;

    private static final byte NODE_PREFIX = 0x01;

    // A verification run hashes tens of millions of nodes; one digest per thread avoids a provider lookup per hash.
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(MerkleHashes::newSha256);

    private static final byte[] EMPTY_ROOT = newSha256().digest();

    private MerkleHashes() {}

    /** The hash of a leaf: SHA-256(0x00 || leafInput). */
    public static byte[] leafHash(byte[] leafInput) {
        MessageDigest sha256 = SHA_256.get();
        sha256.update(LEAF_PREFIX);
        return sha256.digest(leafInput);
    }

    /** The hash of an inner node: SHA-256(0x01 || left || right). */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha256 = SHA_256.get();
        sha256.update(NODE_PREFIX);
        sha256.update(left);
        return sha256.digest(right);
    }

    /** The root of the empty tree: SHA-256 of no input. */
    public static byte[] emptyRoot() {
        return EMPTY_ROOT.clone();
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform must provide SHA-256", e);
        }
    }
}
