package org.ecarehub.partnership;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;
import org.ecarehub.shared.Slugs;

/**
 * An agency's own system registered to call the hub with SMART Backend Services client credentials: its client id,
 * the public key its signed client assertions are checked with, and whether it may act on behalf of its agency's
 * staff accounts (POLICY.md, callers: only then can it read beyond what its own agency owns).
 *
 * @param publicKey an RSA key of at least 2048 bits (RS384) or an EC key on P-384 (ES384), the two algorithms SMART
 *     Backend Services requires servers to support
 */
public record AgencySystem(String clientId, PublicKey publicKey, boolean onBehalfOfStaff) {

    static final int MIN_RSA_BITS = 2048;

    public AgencySystem {
        Slugs.require(clientId, "client id");
        Objects.requireNonNull(publicKey, "public key");
        algorithmOf(publicKey);
    }

    /** The JWS algorithm the system's client assertions must be signed with, fixed by its key. */
    public String algorithm() {
        return algorithmOf(publicKey);
    }

    /**
     * Reads a PEM public key ({@code -----BEGIN PUBLIC KEY-----}, SubjectPublicKeyInfo), refusing any key the hub
     * would not accept an assertion from, with a message that says why.
     */
    public static PublicKey readPublicKey(String pem) {
        Objects.requireNonNull(pem, "pem");
        String body = pem.strip();
        String begin = "-----BEGIN PUBLIC KEY-----";
        String end = "-----END PUBLIC KEY-----";
        if (!body.startsWith(begin) || !body.endsWith(end)) {
            throw new IllegalArgumentException(
                    "a public key must be PEM text from '" + begin + "' to '" + end + "' (SubjectPublicKeyInfo)");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(body.substring(begin.length(), body.length() - end.length()));
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("the public key's PEM body is not base64");
        }
        for (String type : new String[] {"RSA", "EC"}) {
            try {
                PublicKey key = KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der));
                algorithmOf(key);
                return key;
            } catch (GeneralSecurityException notThisType) {
                // Try the next type; a key of neither is reported below.
            }
        }
        throw new IllegalArgumentException("the public key is neither an RSA nor an EC public key");
    }

    private static String algorithmOf(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
                throw new IllegalArgumentException("an RSA public key needs at least " + MIN_RSA_BITS + " bits");
            }
            return "RS384";
        }
        if (key instanceof ECPublicKey ec) {
            if (ec.getParams().getCurve().getField().getFieldSize() != 384) {
                throw new IllegalArgumentException("an EC public key must be on the P-384 curve (ES384)");
            }
            return "ES384";
        }
        throw new IllegalArgumentException("the public key is neither an RSA nor an EC public key");
    }
}
