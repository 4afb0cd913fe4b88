package org.ecarehub.identity.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers the bearer tokens already verified, by the SHA-256 of the token, until they expire: an agency system or a
 * member of staff sends the same token with every request for its lifetime, and checking its RS256 signature again each
 * time was about a seventh of a FHIR read's work. A token is only ever remembered after the decoder behind accepted it
 * (signature, issuer, times); a remembered token is refused once past its expiry, as the decoder would refuse it, and
 * whether its account or agency is still active is checked on every request after this (ApiTokenConverter), so
 * deactivating an account still stops its tokens at once. A token without an expiry is never remembered.
 */
final class VerifiedTokens implements JwtDecoder {

    private final JwtDecoder verifier;
    private final Clock clock;
    private final Duration clockSkew;
    private final boolean remembering;
    private final Cache<String, Jwt> verified;

    /**
     * @param verifier checks signature and claims; only what it accepts is remembered
     * @param clockSkew the leeway the verifier allows past a token's expiry
     * @param size the most tokens remembered at once (0 remembers none)
     */
    VerifiedTokens(JwtDecoder verifier, Clock clock, Duration clockSkew, long size) {
        this.verifier = verifier;
        this.clock = clock;
        this.clockSkew = clockSkew;
        // Caffeine evicts over its size after the fact, so a size of nought would still answer for a moment.
        this.remembering = size > 0;
        this.verified = Caffeine.newBuilder()
                .maximumSize(size)
                .expireAfter(new UntilExpiry())
                .ticker(() -> Duration.between(Instant.EPOCH, clock.instant()).toNanos())
                .build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        if (!remembering) {
            return verifier.decode(token);
        }
        String key = digest(token);
        Jwt known = verified.getIfPresent(key);
        if (known != null) {
            if (stillValid(known)) {
                return known;
            }
            verified.invalidate(key);
            throw new BadJwtException("the token has expired");
        }
        Jwt jwt = verifier.decode(token);
        if (jwt.getExpiresAt() != null && stillValid(jwt)) {
            verified.put(key, jwt);
        }
        return jwt;
    }

    private boolean stillValid(Jwt jwt) {
        return jwt.getExpiresAt().plus(clockSkew).isAfter(clock.instant());
    }

    private static String digest(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Each token is kept until its own expiry and the leeway, never longer. */
    private final class UntilExpiry implements Expiry<String, Jwt> {

        @Override
        public long expireAfterCreate(String key, Jwt jwt, long currentTime) {
            Duration left = Duration.between(clock.instant(), jwt.getExpiresAt().plus(clockSkew));
            return Math.max(0, left.toNanos());
        }

        @Override
        public long expireAfterUpdate(String key, Jwt jwt, long currentTime, long currentDuration) {
            return expireAfterCreate(key, jwt, currentTime);
        }

        @Override
        public long expireAfterRead(String key, Jwt jwt, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
