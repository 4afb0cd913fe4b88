package org.ecarehub.person.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.ecarehub.person.Merge;
import org.ecarehub.person.MergeId;
import org.ecarehub.shared.PersonId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Every merge of one person into another, and its unmerge. */
@Repository
class Merges {

    private static final String MERGE = "select id, survivor, merged, reason, merged_at, merged_by, unmerged_at,"
            + " unmerged_by, unmerge_reason from person_merge";

    private final JdbcClient jdbc;

    Merges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    MergeId insert(PersonId survivor, PersonId merged, String reason, Instant at, String by) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into person_merge (survivor, merged, reason, merged_at, merged_by) values (?, ?, ?, ?, ?)")
                .params(survivor.value(), merged.value(), reason, Timestamp.from(at), by)
                .update(key, "id");
        return new MergeId(key.getKeyAs(Number.class).longValue());
    }

    Optional<Merge> find(MergeId id) {
        return jdbc.sql(MERGE + " where id = ?")
                .param(id.value())
                .query(Merges::merge)
                .optional();
    }

    void markUnmerged(MergeId id, Instant at, String by, String reason) {
        jdbc.sql("update person_merge set unmerged_at = ?, unmerged_by = ?, unmerge_reason = ? where id = ?")
                .params(Timestamp.from(at), by, reason, id.value())
                .update();
    }

    List<Merge> involving(PersonId person) {
        return jdbc.sql(MERGE + " where survivor = ? or merged = ? order by id")
                .params(person.value(), person.value())
                .query(Merges::merge)
                .list();
    }

    boolean inForceInvolving(PersonId person) {
        return jdbc.sql("select count(*) from person_merge where (survivor = ? or merged = ?) and unmerged_at is null")
                        .params(person.value(), person.value())
                        .query(Long.class)
                        .single()
                > 0;
    }

    private static Merge merge(ResultSet rs, int n) throws SQLException {
        Timestamp unmergedAt = rs.getTimestamp(7);
        return new Merge(
                new MergeId(rs.getLong(1)),
                PersonId.of(rs.getString(2)),
                PersonId.of(rs.getString(3)),
                rs.getString(4),
                rs.getTimestamp(5).toInstant(),
                rs.getString(6),
                Optional.ofNullable(unmergedAt).map(Timestamp::toInstant),
                Optional.ofNullable(rs.getString(8)),
                Optional.ofNullable(rs.getString(9)));
    }
}
