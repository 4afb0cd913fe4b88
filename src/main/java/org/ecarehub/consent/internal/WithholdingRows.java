package org.ecarehub.consent.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.ecarehub.consent.Exemption;
import org.ecarehub.consent.Withholding;
import org.ecarehub.consent.WithholdingId;
import org.ecarehub.consent.WithholdingTarget;
import org.ecarehub.person.Actor;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Withholdings and their reviews. */
@Repository
class WithholdingRows {

    private final JdbcClient jdbc;

    WithholdingRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Withholding insert(
            PersonId person,
            WithholdingTarget target,
            Exemption exemption,
            String justification,
            Actor by,
            Username secondPerson,
            LocalDate reviewBy,
            Instant at) {
        KeyHolder key = new GeneratedKeyHolder();
        Object[] actor = Codes.actor(by);
        jdbc.sql("insert into consent_withholding (person_id, item_id, access_event_id, accessed_by, exemption,"
                        + " justification, decided_by, decided_by_agency, decided_by_roles, decided_by_version, second_person,"
                        + " decided_at, review_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        person.value(),
                        target.item(),
                        target.accessEvent(),
                        target.accessedBy() == null ? null : target.accessedBy().value(),
                        exemption.name(),
                        justification,
                        actor[0],
                        actor[1],
                        actor[2],
                        actor[3],
                        secondPerson == null ? null : secondPerson.value(),
                        Codes.timestamp(at),
                        Codes.date(reviewBy))
                .update(key, "id");
        return new Withholding(
                new WithholdingId(key.getKeyAs(Number.class).longValue()),
                person,
                target,
                exemption,
                justification,
                by,
                secondPerson,
                at,
                reviewBy,
                null,
                null);
    }

    void keep(WithholdingId withholding, LocalDate nextReview, Actor by, Instant at) {
        review(withholding, "keep", nextReview, by, at);
        jdbc.sql("update consent_withholding set review_by = ? where id = ?")
                .params(Codes.date(nextReview), withholding.value())
                .update();
    }

    void lift(WithholdingId withholding, Actor by, Instant at) {
        review(withholding, "lift", null, by, at);
        jdbc.sql("update consent_withholding set lifted_by = ?, lifted_at = ? where id = ?")
                .params(by.reference(), Codes.timestamp(at), withholding.value())
                .update();
    }

    private void review(WithholdingId withholding, String outcome, LocalDate nextReview, Actor by, Instant at) {
        jdbc.sql("insert into consent_withholding_review (withholding_id, outcome, next_review, reviewed_by,"
                        + " reviewed_at) values (?, ?, ?, ?, ?)")
                .params(withholding.value(), outcome, Codes.date(nextReview), by.reference(), Codes.timestamp(at))
                .update();
    }

    Optional<Withholding> find(WithholdingId withholding) {
        return jdbc.sql("select * from consent_withholding where id = ?")
                .param(withholding.value())
                .query((row, n) -> withholding(row))
                .optional();
    }

    List<Withholding> about(PersonId person) {
        return jdbc.sql("select * from consent_withholding where person_id = ? order by id")
                .param(person.value())
                .query((row, n) -> withholding(row))
                .list();
    }

    List<Withholding> overdue(LocalDate day) {
        return jdbc.sql("select * from consent_withholding where lifted_at is null and review_by < ?"
                        + " order by review_by, id")
                .param(Codes.date(day))
                .query((row, n) -> withholding(row))
                .list();
    }

    long overdueCount(LocalDate day) {
        return jdbc.sql("select count(*) from consent_withholding where lifted_at is null and review_by < ?")
                .param(Codes.date(day))
                .query(Long.class)
                .single();
    }

    private static Withholding withholding(ResultSet row) throws SQLException {
        String item = row.getString("item_id");
        WithholdingTarget target = item != null
                ? WithholdingTarget.item(item)
                : WithholdingTarget.accessEvent(
                        row.getLong("access_event_id"), Username.of(row.getString("accessed_by")));
        String second = row.getString("second_person");
        return new Withholding(
                new WithholdingId(row.getLong("id")),
                PersonId.of(row.getString("person_id")),
                target,
                Exemption.valueOf(row.getString("exemption")),
                row.getString("justification"),
                Codes.actor(row, "decided_by"),
                second == null ? null : Username.of(second),
                Codes.instant(row, "decided_at"),
                Codes.date(row, "review_by"),
                row.getString("lifted_by"),
                Codes.instant(row, "lifted_at"));
    }
}
