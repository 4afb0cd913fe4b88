package org.ecarehub.identity.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.shared.SecretFiles;
import org.ecarehub.shared.Username;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/**
 * Mints staff tokens for standalone and demo use. The RSA key is generated on first start and kept in the data
 * directory with owner-only permissions, so tokens survive a restart and every node sharing the directory agrees.
 */
@Component
class EmbeddedTokenIssuer {

    record MintedToken(String value, String id, Instant expiresAt) {}

    private final RSAKey key;
    private final JwtEncoder encoder;
    private final HubAddress hub;
    private final IdentitySettings settings;
    private final Clock clock;

    EmbeddedTokenIssuer(HubAddress hub, IdentitySettings settings, Clock clock) {
        this.hub = hub;
        this.settings = settings;
        this.clock = clock;
        this.key = loadKey(hub);
        this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
    }

    private static RSAKey loadKey(HubAddress hub) {
        String json = SecretFiles.readOrCreate(hub.identityFile("issuer-key.json"), () -> {
            try {
                return new RSAKeyGenerator(2048)
                        .keyUse(KeyUse.SIGNATURE)
                        .keyID(UUID.randomUUID().toString())
                        .generate()
                        .toJSONString();
            } catch (JOSEException e) {
                throw new IllegalStateException("cannot generate the token signing key", e);
            }
        });
        try {
            return RSAKey.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("the token signing key file is not a JSON Web Key", e);
        }
    }

    RSAPublicKey publicKey() {
        try {
            return key.toRSAPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException("the token signing key has no public part", e);
        }
    }

    MintedToken mint(Username username, Purpose purpose) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(settings.tokenLifetime());
        String id = UUID.randomUUID().toString();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(hub.issuer())
                .subject(username.value())
                .issuedAt(now)
                .expiresAt(expiresAt)
                .id(id);
        if (purpose != null) {
            claims.claim("purpose", purpose.code());
        }
        JwsHeader header =
                JwsHeader.with(SignatureAlgorithm.RS256).keyId(key.getKeyID()).build();
        String value = encoder.encode(JwtEncoderParameters.from(header, claims.build()))
                .getTokenValue();
        return new MintedToken(value, id, expiresAt);
    }
}
