package org.ecarehub.demo;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The marker that a database holds the demo. */
@Repository
class DemoSeeds {

    private final JdbcClient jdbc;

    DemoSeeds(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Instant> seededAt() {
        return jdbc.sql("select seeded_at from demo_seed where id = 1")
                .query(Timestamp.class)
                .optional()
                .map(Timestamp::toInstant);
    }

    /** When the synthetic people were seeded, after the story; empty while they are being seeded. */
    Optional<Instant> peopleSeededAt() {
        return jdbc.sql("select people_seeded_at from demo_seed where id = 1 and people_seeded_at is not null")
                .query(Timestamp.class)
                .optional()
                .map(Timestamp::toInstant);
    }

    void markPeopleSeeded(Instant at) {
        jdbc.sql("update demo_seed set people_seeded_at = ? where id = 1")
                .param(Timestamp.from(at))
                .update();
    }

    void markSeeded(Instant at, int people) {
        jdbc.sql("insert into demo_seed (id, seeded_at, people) values (1, ?, ?)")
                .params(Timestamp.from(at), people)
                .update();
    }
}
