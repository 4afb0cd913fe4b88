package org.ecarehub.identity.internal;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The client assertions already used, so that each is accepted once, whichever node sees it. */
@Repository
class ClientAssertions {

    private final JdbcClient jdbc;

    ClientAssertions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the assertion's id as used; false when it was used before. */
    boolean firstUse(String clientId, String jti, Instant expiresAt, Instant now) {
        // Ids of expired assertions can go: an expired assertion is refused before its id is looked at.
        jdbc.sql("delete from identity_client_assertion where expires_at < ?")
                .param(Timestamp.from(now))
                .update();
        try {
            jdbc.sql("insert into identity_client_assertion (client_id, jti, expires_at) values (?, ?, ?)")
                    .params(clientId, jti, Timestamp.from(expiresAt))
                    .update();
            return true;
        } catch (DuplicateKeyException replayed) {
            return false;
        }
    }
}
