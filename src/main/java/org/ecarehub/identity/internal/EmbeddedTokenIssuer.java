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
import org.ecarehub.shared.AgencyId;
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

    /** The claim that says what kind of caller a token is for, when it is not a member of staff. */
    static final String CALLER_CLAIM = "ecare_caller";

    static final String AGENCY_SYSTEM = "agency-system";
    static final String AGENCY_CLAIM = "agency";
    /** The staff account an agency system acts for, in its client assertion and in the token it gets. */
    static final String ON_BEHALF_OF_CLAIM = "ecare_on_behalf_of";
    /** SMART Backend Services recommends access tokens of at most five minutes. */
    static final java.time.Duration CLIENT_CREDENTIALS_LIFETIME = java.time.Duration.ofMinutes(5);

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
        JwtClaimsSet.Builder claims = claims(username.value(), now);
        if (purpose != null) {
            claims.claim("purpose", purpose.code());
        }
        return sign(claims);
    }

    /** A token for an agency's own system, acting on its own: it writes and reads that agency's records only. */
    MintedToken mintForAgencySystem(AgencyId agency) {
        Instant now = clock.instant();
        JwtClaimsSet.Builder claims = claims(clientIdOf(agency), now)
                .claim(CALLER_CLAIM, AGENCY_SYSTEM)
                .claim(AGENCY_CLAIM, agency.value());
        return sign(claims);
    }

    /**
     * A client-credentials token for a registered agency system, issued by the hub itself (even beside an external
     * issuer) and short-lived.
     */
    MintedToken mintForRegisteredSystem(AgencyId agency, String clientId, Username onBehalfOf, String scope) {
        Instant now = clock.instant();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(hub.baseUrl())
                .subject(clientId)
                .issuedAt(now)
                .expiresAt(now.plus(CLIENT_CREDENTIALS_LIFETIME))
                .claim(CALLER_CLAIM, AGENCY_SYSTEM)
                .claim(AGENCY_CLAIM, agency.value())
                .claim("client_id", clientId)
                .claim("scope", scope);
        if (onBehalfOf != null) {
            claims.claim(ON_BEHALF_OF_CLAIM, onBehalfOf.value());
        }
        return sign(claims);
    }

    /** How the hub names an agency's system in its tokens and its log. */
    static String clientIdOf(AgencyId agency) {
        return AGENCY_SYSTEM + ":" + agency.value();
    }

    private JwtClaimsSet.Builder claims(String subject, Instant now) {
        return JwtClaimsSet.builder()
                .issuer(hub.issuer())
                .subject(subject)
                .issuedAt(now)
                .expiresAt(now.plus(settings.tokenLifetime()));
    }

    private MintedToken sign(JwtClaimsSet.Builder claims) {
        String id = UUID.randomUUID().toString();
        JwtClaimsSet built = claims.id(id).build();
        JwsHeader header =
                JwsHeader.with(SignatureAlgorithm.RS256).keyId(key.getKeyID()).build();
        String value = encoder.encode(JwtEncoderParameters.from(header, built)).getTokenValue();
        return new MintedToken(value, id, built.getExpiresAt());
    }
}
