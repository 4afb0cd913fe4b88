package org.ecarehub.partnership.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The stored versions of the partnership file. */
@Repository
class PartnershipVersions {

    record StoredVersion(int version, String document, String sha256, String source, Instant appliedAt) {}

    private final JdbcClient jdbc;

    PartnershipVersions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    int latestVersion() {
        return jdbc.sql("select coalesce(max(version), 0) from partnership_version")
                .query(Integer.class)
                .single();
    }

    Optional<StoredVersion> latest() {
        return jdbc.sql("select version, document, sha256, source, applied_at from partnership_version"
                        + " where version = (select max(version) from partnership_version)")
                .query((rs, row) -> new StoredVersion(
                        rs.getInt("version"),
                        rs.getString("document"),
                        rs.getString("sha256"),
                        rs.getString("source"),
                        rs.getTimestamp("applied_at").toInstant()))
                .optional();
    }

    /** Inserts the next version; a concurrent apply on another node makes this fail on the primary key. */
    int insertNext(String name, String document, String sha256, String source, String appliedBy, Instant at) {
        int next = latestVersion() + 1;
        jdbc.sql("insert into partnership_version (version, name, document, sha256, source, applied_at, applied_by)"
                        + " values (?, ?, ?, ?, ?, ?, ?)")
                .params(next, name, document, sha256, source, Timestamp.from(at), appliedBy)
                .update();
        return next;
    }
}
