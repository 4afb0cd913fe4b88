package org.ecarehub.person.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.ecarehub.person.ReviewTask;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The review queue's tasks, by the records' numbers in the index. */
@Repository
class ReviewTasks {

    private static final String TASK = "select id, first_record, second_record, probability, reason, opened_at,"
            + " status, claimed_by, claimed_at from person_review_task";

    private final JdbcClient jdbc;

    ReviewTasks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Stored(
            long id,
            long first,
            long second,
            double probability,
            ReviewTask.Reason reason,
            Instant openedAt,
            ReviewTask.Status status,
            String claimedBy,
            Instant claimedAt) {}

    long open(long first, long second, double probability, ReviewTask.Reason reason, Instant at) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into person_review_task (first_record, second_record, probability, reason, opened_at, status)"
                        + " values (?, ?, ?, ?, ?, 'OPEN')")
                .params(first, second, probability, reason.name(), Timestamp.from(at))
                .update(key, "id");
        return key.getKeyAs(Number.class).longValue();
    }

    Optional<Stored> find(long id) {
        return jdbc.sql(TASK + " where id = ?")
                .param(id)
                .query(ReviewTasks::stored)
                .optional();
    }

    boolean openAbout(long a, long b) {
        return jdbc.sql(
                                "select count(*) from person_review_task where status = 'OPEN' and"
                                        + " ((first_record = ? and second_record = ?) or (first_record = ? and second_record = ?))")
                        .params(a, b, b, a)
                        .query(Long.class)
                        .single()
                > 0;
    }

    List<Stored> open(int offset, int limit) {
        return jdbc.sql(TASK + " where status = 'OPEN' order by id limit ? offset ?")
                .params(limit, offset)
                .query(ReviewTasks::stored)
                .list();
    }

    long countOpen() {
        return jdbc.sql("select count(*) from person_review_task where status = 'OPEN'")
                .query(Long.class)
                .single();
    }

    /** Claims an open task unless another reviewer's claim is newer than {@code expiredBefore}. */
    boolean claim(long id, String reviewer, Instant at, Instant expiredBefore) {
        return jdbc.sql("update person_review_task set claimed_by = ?, claimed_at = ? where id = ? and status = 'OPEN'"
                                + " and (claimed_by is null or claimed_by = ? or claimed_at < ?)")
                        .params(reviewer, Timestamp.from(at), id, reviewer, Timestamp.from(expiredBefore))
                        .update()
                == 1;
    }

    void release(long id, String reviewer) {
        jdbc.sql("update person_review_task set claimed_by = null, claimed_at = null where id = ? and claimed_by = ?")
                .params(id, reviewer)
                .update();
    }

    /** Closes every open task about the pair, as decided by the decision given. */
    void decide(long a, long b, long decision, Instant at) {
        jdbc.sql(
                        "update person_review_task set status = 'DECIDED', closed_at = ?, decision_id = ? where status = 'OPEN'"
                                + " and ((first_record = ? and second_record = ?) or (first_record = ? and second_record = ?))")
                .params(Timestamp.from(at), decision, a, b, b, a)
                .update();
    }

    private static Stored stored(ResultSet rs, int n) throws SQLException {
        Timestamp claimedAt = rs.getTimestamp(9);
        return new Stored(
                rs.getLong(1),
                rs.getLong(2),
                rs.getLong(3),
                rs.getDouble(4),
                ReviewTask.Reason.valueOf(rs.getString(5)),
                rs.getTimestamp(6).toInstant(),
                ReviewTask.Status.valueOf(rs.getString(7)),
                rs.getString(8),
                claimedAt == null ? null : claimedAt.toInstant());
    }
}
