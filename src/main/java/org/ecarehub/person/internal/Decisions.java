package org.ecarehub.person.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ecarehub.person.Actor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** What people decided about pairs of records; the latest decision about a pair is the one in force. */
@Repository
class Decisions {

    private final JdbcClient jdbc;

    Decisions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A decision as stored, its pair in ascending order. */
    record Stored(long id, long first, long second, boolean samePerson, String reason, Instant at, String by) {

        long other(long record) {
            return record == first ? second : first;
        }
    }

    long insert(long a, long b, boolean samePerson, String reason, Instant at, Actor actor, Long reviewTask) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into person_decision (first_record, second_record, same_person, reason, decided_at,"
                        + " decided_by, decided_by_agency, review_task) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        Math.min(a, b),
                        Math.max(a, b),
                        samePerson,
                        reason,
                        Timestamp.from(at),
                        actor.reference(),
                        actor.agency() == null ? null : actor.agency().value(),
                        reviewTask)
                .update(key, "id");
        return key.getKeyAs(Number.class).longValue();
    }

    Optional<Stored> inForce(long a, long b) {
        return jdbc
                .sql("select id, first_record, second_record, same_person, reason, decided_at, decided_by"
                        + " from person_decision where first_record = ? and second_record = ? order by id desc")
                .params(Math.min(a, b), Math.max(a, b))
                .query(Decisions::stored)
                .list()
                .stream()
                .findFirst();
    }

    /** The decisions in force about pairs that include this record. */
    List<Stored> inForceAbout(long record) {
        return latestPerPair(jdbc.sql("select id, first_record, second_record, same_person, reason, decided_at,"
                        + " decided_by from person_decision where first_record = ? or second_record = ? order by id")
                .params(record, record)
                .query(Decisions::stored)
                .list());
    }

    /** The decisions in force about pairs with one record in each of two sets. */
    List<Stored> inForceBetween(Collection<Long> some, Collection<Long> others) {
        List<Stored> about = new ArrayList<>();
        for (long record : some) {
            for (Stored decision : inForceAbout(record)) {
                if (others.contains(decision.other(record))) {
                    about.add(decision);
                }
            }
        }
        return about;
    }

    private static List<Stored> latestPerPair(List<Stored> ascending) {
        Map<String, Stored> latest = new LinkedHashMap<>();
        for (Stored decision : ascending) {
            latest.put(decision.first() + ":" + decision.second(), decision);
        }
        return List.copyOf(latest.values());
    }

    private static Stored stored(ResultSet rs, int n) throws SQLException {
        return new Stored(
                rs.getLong(1),
                rs.getLong(2),
                rs.getLong(3),
                rs.getBoolean(4),
                rs.getString(5),
                rs.getTimestamp(6).toInstant(),
                rs.getString(7));
    }
}
