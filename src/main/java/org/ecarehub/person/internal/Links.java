package org.ecarehub.person.internal;

import java.sql.Timestamp;
import java.time.Instant;
import org.ecarehub.person.AgencyRecordLinked;
import org.ecarehub.shared.PersonId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The history of every record's link to its own person; the current link has no end. */
@Repository
class Links {

    private final JdbcClient jdbc;

    Links(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void open(
            long record, PersonId person, AgencyRecordLinked.Reason reason, double probability, Instant at, String by) {
        jdbc.sql("insert into person_link (record_id, person_id, reason, probability, linked_at, linked_by)"
                        + " values (?, ?, ?, ?, ?, ?)")
                .params(record, person.value(), reason.name(), probability, Timestamp.from(at), by)
                .update();
    }

    void end(long record, Instant at, String by) {
        jdbc.sql("update person_link set ended_at = ?, ended_by = ? where record_id = ? and ended_at is null")
                .params(Timestamp.from(at), by, record)
                .update();
    }
}
