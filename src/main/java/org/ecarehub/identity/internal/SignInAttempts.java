package org.ecarehub.identity.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts consecutive failed sign-ins per name typed and locks the name for a while after too many; names that
 * are not accounts are counted the same way, so a lockout tells an attacker nothing.
 */
@Repository
class SignInAttempts {

    private final JdbcClient jdbc;
    private final IdentitySettings settings;
    private final Clock clock;

    SignInAttempts(JdbcClient jdbc, IdentitySettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    boolean locked(String username) {
        Instant now = clock.instant();
        return jdbc.sql("select locked_until from identity_sign_in_attempt where username = ?")
                .param(key(username))
                .query(Timestamp.class)
                .optional()
                .map(until -> until.toInstant().isAfter(now))
                .orElse(false);
    }

    @Transactional
    void failed(String username) {
        Instant now = clock.instant();
        String key = key(username);
        int updated = jdbc.sql("update identity_sign_in_attempt set consecutive_failures = consecutive_failures + 1,"
                        + " last_failure_at = ? where username = ?")
                .params(Timestamp.from(now), key)
                .update();
        if (updated == 0) {
            jdbc.sql("insert into identity_sign_in_attempt (username, consecutive_failures, last_failure_at)"
                            + " values (?, 1, ?)")
                    .params(key, Timestamp.from(now))
                    .update();
        }
        jdbc.sql("update identity_sign_in_attempt set locked_until = ?, consecutive_failures = 0"
                        + " where username = ? and consecutive_failures >= ?")
                .params(Timestamp.from(now.plus(settings.lockoutDuration())), key, settings.lockoutFailures())
                .update();
    }

    void succeeded(String username) {
        jdbc.sql("delete from identity_sign_in_attempt where username = ?")
                .param(key(username))
                .update();
    }

    private static String key(String username) {
        String trimmed = username == null ? "" : username.strip().toLowerCase(java.util.Locale.ROOT);
        return trimmed.length() <= 200 ? trimmed : trimmed.substring(0, 200);
    }
}
