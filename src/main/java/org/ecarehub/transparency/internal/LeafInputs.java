package org.ecarehub.transparency.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The leaf input of the log contract: 0x01 (format version), the timestamp in milliseconds (uint64 big-endian), the
 * event type (uint16 big-endian) and SHA-256(salt || event), where event is the event's canonical JSON in UTF-8.
 * Nothing about the event can be read from a leaf without its salt.
 */
final class LeafInputs {

    static final byte VERSION = 1;
    static final int LENGTH = 1 + 8 + 2 + 32;
    static final int SALT_LENGTH = 16;

    private LeafInputs() {}

    static byte[] leafInput(long timestampMillis, int eventType, byte[] salt, String canonicalEvent) {
        return ByteBuffer.allocate(LENGTH)
                .put(VERSION)
                .putLong(timestampMillis)
                .putShort((short) eventType)
                .put(commitment(salt, canonicalEvent))
                .array();
    }

    static byte[] commitment(byte[] salt, String canonicalEvent) {
        if (salt.length != SALT_LENGTH) {
            throw new IllegalArgumentException("a salt has " + SALT_LENGTH + " bytes");
        }
        MessageDigest sha256 = sha256();
        sha256.update(salt);
        return sha256.digest(canonicalEvent.getBytes(StandardCharsets.UTF_8));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
