package org.ecarehub.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import org.ecarehub.support.AdjustableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

class VerifiedTokensTests {

    private static final Duration SKEW = Duration.ofSeconds(30);

    private final AdjustableClock clock = new AdjustableClock();
    private final AtomicInteger verifications = new AtomicInteger();
    private KeyPair keys;
    private JwtDecoder verifier;

    @BeforeEach
    void verifierOnOneKey() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        NimbusJwtDecoder nimbus =
                NimbusJwtDecoder.withPublicKey((RSAPublicKey) keys.getPublic()).build();
        JwtTimestampValidator times = new JwtTimestampValidator(SKEW);
        times.setClock(clock);
        nimbus.setJwtValidator(times);
        verifier = token -> {
            verifications.incrementAndGet();
            return nimbus.decode(token);
        };
    }

    @Test
    void checksATokensSignatureOnceAndAnswersItsClaimsFromMemoryAfter() throws JOSEException {
        VerifiedTokens tokens = new VerifiedTokens(verifier, clock, SKEW, 100);
        String token = token("sw.blantyre", Duration.ofMinutes(15));

        assertThat(tokens.decode(token).getSubject()).isEqualTo("sw.blantyre");
        assertThat(tokens.decode(token).getSubject()).isEqualTo("sw.blantyre");

        assertThat(verifications).hasValue(1);
    }

    @Test
    void refusesAForgedTokenWhileTheGenuineOneIsRemembered() throws JOSEException {
        VerifiedTokens tokens = new VerifiedTokens(verifier, clock, SKEW, 100);
        String genuine = token("sw.blantyre", Duration.ofMinutes(15));
        tokens.decode(genuine);
        String[] parts = genuine.split("\\.");
        String forged = parts[0] + "." + claims("dpo.lanark", Duration.ofMinutes(15)) + "." + parts[2];

        assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(JwtException.class);
        assertThat(verifications).hasValue(3);
    }

    @Test
    void refusesARememberedTokenOncePastItsExpiryAndLeewayAsTheVerifierWould() throws JOSEException {
        VerifiedTokens tokens = new VerifiedTokens(verifier, clock, SKEW, 100);
        String token = token("sw.blantyre", Duration.ofMinutes(15));
        tokens.decode(token);

        clock.advance(Duration.ofMinutes(15).plusSeconds(20));
        assertThat(tokens.decode(token).getSubject()).isEqualTo("sw.blantyre");
        clock.advance(Duration.ofSeconds(11));

        assertThatThrownBy(() -> tokens.decode(token))
                .isInstanceOf(JwtException.class)
                .hasMessageContaining("expired");
        assertThatThrownBy(() -> tokens.decode(token)).isInstanceOf(JwtException.class);
        assertThat(verifications)
                .as("verified once, then forgotten and refused by the verifier itself each time")
                .hasValue(3);
    }

    @Test
    void remembersNothingTheVerifierRefusedAndNothingWhenItsSizeIsNought() throws JOSEException {
        VerifiedTokens none = new VerifiedTokens(verifier, clock, SKEW, 0);
        String token = token("sw.blantyre", Duration.ofMinutes(15));
        none.decode(token);
        none.decode(token);
        assertThat(verifications).hasValue(2);

        VerifiedTokens tokens = new VerifiedTokens(verifier, clock, SKEW, 100);
        String expired = token("sw.blantyre", Duration.ofMinutes(-5));
        assertThatThrownBy(() -> tokens.decode(expired)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> tokens.decode(expired)).isInstanceOf(JwtException.class);
        assertThat(verifications).hasValue(4);
    }

    private String token(String subject, Duration lifetime) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claimsSet(subject, lifetime));
        jwt.sign(new RSASSASigner(keys.getPrivate()));
        return jwt.serialize();
    }

    private String claims(String subject, Duration lifetime) {
        return claimsSet(subject, lifetime).toPayload().toBase64URL().toString();
    }

    private JWTClaimsSet claimsSet(String subject, Duration lifetime) {
        Instant now = clock.instant();
        return new JWTClaimsSet.Builder()
                .subject(subject)
                .issueTime(Date.from(now.minusSeconds(60)))
                .expirationTime(Date.from(now.plus(lifetime)))
                .build();
    }
}
