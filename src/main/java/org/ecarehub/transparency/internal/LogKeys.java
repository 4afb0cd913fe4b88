package org.ecarehub.transparency.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ecarehub.shared.SecretFiles;
import org.ecarehub.transparency.SignedTreeHead;

/**
 * The log's Ed25519 signing key, kept in a file outside the database: a PEM file with the PKCS#8 private key and the
 * SubjectPublicKeyInfo public key, created with owner-only permissions on first start.
 */
final class LogKeys {

    private static final Pattern PEM =
            Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    private LogKeys(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = keyIdOf(publicKey.getEncoded());
    }

    /** Reads the key file, first generating a new key into it when it does not exist. */
    static LogKeys loadOrCreate(Path file) {
        return read(SecretFiles.readOrCreate(file.toAbsolutePath(), LogKeys::newKeyPem));
    }

    static LogKeys read(String pem) {
        byte[] privateDer = null;
        byte[] publicDer = null;
        Matcher matcher = PEM.matcher(pem);
        while (matcher.find()) {
            byte[] der = Base64.getMimeDecoder().decode(matcher.group(2));
            switch (matcher.group(1)) {
                case "PRIVATE KEY" -> privateDer = der;
                case "PUBLIC KEY" -> publicDer = der;
                default -> {}
            }
        }
        if (privateDer == null || publicDer == null) {
            throw new IllegalArgumentException("the log key file needs a PRIVATE KEY and a PUBLIC KEY block"
                    + " (for a key made with openssl: openssl pkey -in KEY -pubout >> KEY)");
        }
        try {
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            LogKeys keys = new LogKeys(
                    factory.generatePrivate(new PKCS8EncodedKeySpec(privateDer)),
                    factory.generatePublic(new X509EncodedKeySpec(publicDer)));
            keys.checkPair();
            return keys;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the log key file does not hold an Ed25519 key pair", e);
        }
    }

    static PublicKey publicKeyOf(byte[] der) {
        return SignedTreeHead.ed25519PublicKey(der);
    }

    static String keyIdOf(byte[] publicKeyDer) {
        return Base64.getEncoder().encodeToString(LeafInputs.sha256().digest(publicKeyDer));
    }

    String keyId() {
        return keyId;
    }

    byte[] publicKeyDer() {
        return publicKey.getEncoded();
    }

    /** The TLS DigitallySigned encoding of the Ed25519 signature: 0x08 0x07, length 64, the signature. */
    byte[] sign(byte[] message) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(message);
            byte[] raw = signature.sign();
            byte[] encoded = new byte[4 + raw.length];
            encoded[0] = 0x08;
            encoded[1] = 0x07;
            encoded[2] = (byte) (raw.length >> 8);
            encoded[3] = (byte) raw.length;
            System.arraycopy(raw, 0, encoded, 4, raw.length);
            return encoded;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    static boolean verify(PublicKey key, byte[] message, byte[] digitallySigned) {
        return SignedTreeHead.signatureHolds(key, message, digitallySigned);
    }

    private void checkPair() {
        byte[] probe = "eCare Hub log key check".getBytes(StandardCharsets.US_ASCII);
        if (!verify(publicKey, probe, sign(probe))) {
            throw new IllegalArgumentException("the log key file's public key does not match its private key");
        }
    }

    private static String newKeyPem() {
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every JDK since 15", e);
        }
        return pem("PRIVATE KEY", pair.getPrivate().getEncoded())
                + pem("PUBLIC KEY", pair.getPublic().getEncoded());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
