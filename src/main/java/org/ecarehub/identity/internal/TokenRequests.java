package org.ecarehub.identity.internal;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The record of every token request to the embedded issuer. */
@Repository
class TokenRequests {

    private final JdbcClient jdbc;

    TokenRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(
            Instant at,
            String username,
            String purpose,
            String remoteAddress,
            String outcome,
            String tokenId,
            Instant expiresAt) {
        jdbc.sql("insert into identity_token_request"
                        + " (requested_at, username, purpose, remote_address, outcome, token_id, expires_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        Timestamp.from(at),
                        truncate(username, 200),
                        truncate(purpose, 40),
                        truncate(remoteAddress, 64),
                        outcome,
                        tokenId,
                        expiresAt == null ? null : Timestamp.from(expiresAt))
                .update();
    }

    private static String truncate(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }
}
