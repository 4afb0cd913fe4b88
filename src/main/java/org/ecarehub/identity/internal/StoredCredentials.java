package org.ecarehub.identity.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.ecarehub.identity.StaffCredentials;
import org.ecarehub.shared.Username;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Staff passwords, hashed with the delegating encoder (bcrypt today, upgradable by prefix). */
@Service
class StoredCredentials implements StaffCredentials {

    record Credential(String passwordHash, boolean demo) {}

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final Clock clock;

    StoredCredentials(JdbcClient jdbc, PasswordEncoder encoder, Clock clock) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void setPassword(Username username, String password, boolean demo) {
        setSharedPassword(java.util.List.of(username), password, demo);
    }

    @Override
    @Transactional
    public void setSharedPassword(java.util.Collection<Username> usernames, String password, boolean demo) {
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("a password may not be empty");
        }
        if (usernames.isEmpty()) {
            return;
        }
        String hash = encoder.encode(password);
        Timestamp now = Timestamp.from(clock.instant());
        for (Username username : usernames) {
            store(username, hash, demo, now);
        }
    }

    private void store(Username username, String hash, boolean demo, Timestamp now) {
        int updated = jdbc.sql(
                        "update identity_credential set password_hash = ?, demo = ?, changed_at = ? where username = ?")
                .params(hash, demo, now, username.value())
                .update();
        if (updated == 0) {
            jdbc.sql("insert into identity_credential (username, password_hash, demo, changed_at) values (?, ?, ?, ?)")
                    .params(username.value(), hash, demo, now)
                    .update();
        }
    }

    @Override
    public boolean hasPassword(Username username) {
        return find(username.value()).isPresent();
    }

    Optional<Credential> find(String username) {
        return jdbc.sql("select password_hash, demo from identity_credential where username = ?")
                .param(username)
                .query((rs, row) -> new Credential(rs.getString(1), rs.getBoolean(2)))
                .optional();
    }
}
