package org.ecarehub.transparency;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;

/**
 * A tree head signed by the log: the RFC 6962 TreeHeadSignature structure, signed with pure Ed25519.
 *
 * @param timestamp milliseconds since the epoch
 * @param rootHash the RFC 6962 Merkle tree hash of the first {@code treeSize} leaves
 * @param signature the TLS {@code DigitallySigned} encoding: 0x08 0x07, a two-byte length, the 64-byte signature
 * @param keyId base64 SHA-256 of the signing key's DER SubjectPublicKeyInfo
 */
public record SignedTreeHead(long treeSize, long timestamp, byte[] rootHash, byte[] signature, String keyId) {

    /** The 50 bytes that are signed (RFC 6962 section 3.5, version v1, signature type tree_hash). */
    public byte[] signedBytes() {
        return signedBytes(treeSize, timestamp, rootHash);
    }

    public static byte[] signedBytes(long treeSize, long timestamp, byte[] rootHash) {
        if (rootHash.length != 32) {
            throw new IllegalArgumentException("a root hash has 32 bytes");
        }
        return ByteBuffer.allocate(50)
                .put((byte) 0)
                .put((byte) 1)
                .putLong(timestamp)
                .putLong(treeSize)
                .put(rootHash)
                .array();
    }

    /** Whether the signature is this head's, by the given key. */
    public boolean isSignedBy(PublicKey key) {
        return signatureHolds(key, signedBytes(), signature);
    }

    /** Whether {@code digitallySigned} is a DigitallySigned pure Ed25519 signature of the message by the key. */
    public static boolean signatureHolds(PublicKey key, byte[] message, byte[] digitallySigned) {
        if (digitallySigned == null
                || digitallySigned.length != 68
                || digitallySigned[0] != 0x08
                || digitallySigned[1] != 0x07
                || digitallySigned[2] != 0
                || digitallySigned[3] != 64) {
            return false;
        }
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(key);
            signature.update(message);
            return signature.verify(digitallySigned, 4, 64);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The Ed25519 public key in a DER SubjectPublicKeyInfo. */
    public static PublicKey ed25519PublicKey(byte[] der) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
    }
}
