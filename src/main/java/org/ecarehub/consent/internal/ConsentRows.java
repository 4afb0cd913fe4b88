package org.ecarehub.consent.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.ecarehub.consent.AuthorityId;
import org.ecarehub.consent.Consent;
import org.ecarehub.consent.ConsentDraft;
import org.ecarehub.consent.ConsentEvidence;
import org.ecarehub.consent.ConsentId;
import org.ecarehub.consent.ConsentState;
import org.ecarehub.consent.OnBehalfOf;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.person.Actor;
import org.ecarehub.shared.PersonId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The consent decisions, each a row that is never changed. */
@Repository
class ConsentRows {

    private final JdbcClient jdbc;

    ConsentRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Consent insert(ConsentDraft draft, Actor by, Instant at) {
        KeyHolder key = new GeneratedKeyHolder();
        Object[] actor = Codes.actor(by);
        jdbc.sql("insert into consent_consent (person_id, purpose, categories, recipients, status, recorded_by,"
                        + " recorded_by_agency, recorded_by_roles, recorded_by_version, on_behalf_of, authority_id, evidence,"
                        + " document_reference, starts_on, ends_on, recorded_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        draft.person().value(),
                        draft.purpose().code(),
                        Codes.categories(draft.categories()),
                        Codes.recipients(draft.recipients()),
                        draft.status().name(),
                        actor[0],
                        actor[1],
                        actor[2],
                        actor[3],
                        draft.onBehalfOf() == null
                                ? null
                                : draft.onBehalfOf().representative().value(),
                        draft.onBehalfOf() == null
                                ? null
                                : draft.onBehalfOf().authority().value(),
                        draft.evidence().kind().name(),
                        draft.evidence().documentReference(),
                        Codes.date(draft.start()),
                        Codes.date(draft.end()),
                        Codes.timestamp(at))
                .update(key, "id");
        return new Consent(
                new ConsentId(key.getKeyAs(Number.class).longValue()),
                draft.person(),
                draft.purpose(),
                draft.categories(),
                draft.recipients(),
                draft.status(),
                by,
                draft.onBehalfOf(),
                draft.evidence(),
                draft.start(),
                draft.end(),
                at);
    }

    List<Consent> of(PersonId person) {
        return jdbc.sql("select * from consent_consent where person_id = ? order by recorded_at, id")
                .param(person.value())
                .query((row, n) -> consent(row))
                .list();
    }

    long count() {
        return jdbc.sql("select count(*) from consent_consent")
                .query(Long.class)
                .single();
    }

    private static Consent consent(ResultSet row) throws SQLException {
        String onBehalfOf = row.getString("on_behalf_of");
        return new Consent(
                new ConsentId(row.getLong("id")),
                PersonId.of(row.getString("person_id")),
                Purpose.fromCode(row.getString("purpose")).orElseThrow(),
                Codes.categories(row.getString("categories")),
                Codes.recipients(row.getString("recipients")),
                ConsentState.valueOf(row.getString("status")),
                Codes.actor(row, "recorded_by"),
                onBehalfOf == null
                        ? null
                        : new OnBehalfOf(PersonId.of(onBehalfOf), new AuthorityId(row.getLong("authority_id"))),
                new ConsentEvidence(
                        ConsentEvidence.Kind.valueOf(row.getString("evidence")), row.getString("document_reference")),
                Codes.date(row, "starts_on"),
                Codes.date(row, "ends_on"),
                Codes.instant(row, "recorded_at"));
    }
}
