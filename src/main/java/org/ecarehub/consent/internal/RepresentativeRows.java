package org.ecarehub.consent.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ecarehub.consent.Authority;
import org.ecarehub.consent.AuthorityDraft;
import org.ecarehub.consent.AuthorityId;
import org.ecarehub.consent.CapacityAssessment;
import org.ecarehub.consent.DecisionArea;
import org.ecarehub.consent.KeptFromParents;
import org.ecarehub.consent.RepresentativeAuthority;
import org.ecarehub.partnership.Category;
import org.ecarehub.person.Actor;
import org.ecarehub.shared.PersonId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Capacity assessments, authorities and nominations, and children's requests to keep categories from parents. */
@Repository
class RepresentativeRows {

    private final JdbcClient jdbc;

    RepresentativeRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insertAssessment(
            PersonId person, LocalDate assessedOn, Set<DecisionArea> areas, boolean lacks, Actor by, Instant at) {
        KeyHolder key = new GeneratedKeyHolder();
        Object[] actor = Codes.actor(by);
        jdbc.sql(
                        "insert into consent_capacity (person_id, areas, lacks_capacity, assessed_on, recorded_by,"
                                + " recorded_by_agency, recorded_by_roles, recorded_by_version, recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        person.value(),
                        Codes.areas(areas),
                        lacks,
                        Codes.date(assessedOn),
                        actor[0],
                        actor[1],
                        actor[2],
                        actor[3],
                        Codes.timestamp(at))
                .update(key, "id");
        return key.getKeyAs(Number.class).longValue();
    }

    List<CapacityAssessment> assessments(PersonId person) {
        return jdbc.sql("select * from consent_capacity where person_id = ? order by assessed_on, recorded_at, id")
                .param(person.value())
                .query((row, n) -> new CapacityAssessment(
                        row.getLong("id"),
                        PersonId.of(row.getString("person_id")),
                        Codes.actor(row, "recorded_by"),
                        Codes.date(row, "assessed_on"),
                        Codes.areas(row.getString("areas")),
                        row.getBoolean("lacks_capacity"),
                        Codes.instant(row, "recorded_at")))
                .list();
    }

    AuthorityId insertAuthority(AuthorityDraft draft, Actor by, Instant at) {
        KeyHolder key = new GeneratedKeyHolder();
        Object[] actor = Codes.actor(by);
        jdbc.sql("insert into consent_authority (person_id, representative_id, kind, reference, categories,"
                        + " starts_on, ends_on, recorded_by, recorded_by_agency, recorded_by_roles, recorded_by_version, recorded_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        draft.person().value(),
                        draft.representative().value(),
                        draft.kind().name(),
                        draft.reference() == null || draft.reference().isBlank()
                                ? null
                                : draft.reference().strip(),
                        Codes.categories(draft.categories()),
                        Codes.date(draft.start()),
                        Codes.date(draft.end()),
                        actor[0],
                        actor[1],
                        actor[2],
                        actor[3],
                        Codes.timestamp(at))
                .update(key, "id");
        return new AuthorityId(key.getKeyAs(Number.class).longValue());
    }

    void verify(AuthorityId authority, Actor by, Instant at) {
        jdbc.sql("update consent_authority set verified_by = ?, verified_at = ? where id = ?")
                .params(by.account(), Codes.timestamp(at), authority.value())
                .update();
    }

    void end(AuthorityId authority, LocalDate lastDay, Actor by, Instant at) {
        jdbc.sql("update consent_authority set ends_on = ?, ended_by = ?, ended_at = ? where id = ?")
                .params(Codes.date(lastDay), by.reference(), Codes.timestamp(at), authority.value())
                .update();
    }

    Optional<RepresentativeAuthority> authority(AuthorityId authority) {
        return jdbc.sql("select * from consent_authority where id = ?")
                .param(authority.value())
                .query((row, n) -> authority(row))
                .optional();
    }

    List<RepresentativeAuthority> authoritiesOver(PersonId person) {
        return jdbc.sql("select * from consent_authority where person_id = ? order by id")
                .param(person.value())
                .query((row, n) -> authority(row))
                .list();
    }

    List<RepresentativeAuthority> heldBy(PersonId representative) {
        return jdbc.sql("select * from consent_authority where representative_id = ? order by id")
                .param(representative.value())
                .query((row, n) -> authority(row))
                .list();
    }

    long countAuthorities() {
        return jdbc.sql("select count(*) from consent_authority")
                .query(Long.class)
                .single();
    }

    long insertKept(PersonId child, Set<Category> categories, LocalDate start, Actor by, Instant at) {
        KeyHolder key = new GeneratedKeyHolder();
        Object[] actor = Codes.actor(by);
        jdbc.sql(
                        "insert into consent_kept_from_parents (child_id, categories, starts_on, recorded_by,"
                                + " recorded_by_agency, recorded_by_roles, recorded_by_version, recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        child.value(),
                        Codes.categories(categories),
                        Codes.date(start),
                        actor[0],
                        actor[1],
                        actor[2],
                        actor[3],
                        Codes.timestamp(at))
                .update(key, "id");
        return key.getKeyAs(Number.class).longValue();
    }

    void endKept(long request, LocalDate lastDay, Actor by, Instant at) {
        jdbc.sql("update consent_kept_from_parents set ends_on = ?, ended_by = ?, ended_at = ? where id = ?")
                .params(Codes.date(lastDay), by.reference(), Codes.timestamp(at), request)
                .update();
    }

    List<KeptFromParents> kept(PersonId child) {
        return jdbc.sql("select * from consent_kept_from_parents where child_id = ? order by id")
                .param(child.value())
                .query((row, n) -> new KeptFromParents(
                        row.getLong("id"),
                        PersonId.of(row.getString("child_id")),
                        Codes.categories(row.getString("categories")),
                        Codes.date(row, "starts_on"),
                        Codes.date(row, "ends_on"),
                        Codes.actor(row, "recorded_by"),
                        Codes.instant(row, "recorded_at")))
                .list();
    }

    private static RepresentativeAuthority authority(ResultSet row) throws SQLException {
        return new RepresentativeAuthority(
                new AuthorityId(row.getLong("id")),
                PersonId.of(row.getString("person_id")),
                PersonId.of(row.getString("representative_id")),
                new Authority(
                        Authority.Kind.valueOf(row.getString("kind")),
                        Codes.categories(row.getString("categories")),
                        row.getString("reference"),
                        row.getString("verified_by"),
                        Codes.date(row, "starts_on"),
                        Codes.date(row, "ends_on")),
                Codes.instant(row, "verified_at"),
                Codes.actor(row, "recorded_by"),
                Codes.instant(row, "recorded_at"),
                row.getString("ended_by"));
    }
}
