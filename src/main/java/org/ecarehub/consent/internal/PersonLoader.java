package org.ecarehub.consent.internal;

import java.util.List;
import org.ecarehub.shared.PersonId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads what the module holds about a person, through the cache. */
@Component
class PersonLoader {

    /**
     * Which of the module's five tables hold anything about a person, in one round trip: most people have consents
     * and nothing else, and a decision about someone not yet cached waits on every query made here.
     */
    private static final String PRESENCE = "select"
            + " exists (select 1 from consent_consent where person_id = ?),"
            + " exists (select 1 from consent_capacity where person_id = ?),"
            + " exists (select 1 from consent_authority where person_id = ?),"
            + " exists (select 1 from consent_kept_from_parents where child_id = ?),"
            + " exists (select 1 from consent_withholding where person_id = ?)";

    private final ConsentCache cache;
    private final JdbcClient jdbc;
    private final ConsentRows consents;
    private final RepresentativeRows representatives;
    private final WithholdingRows withholdings;

    PersonLoader(
            ConsentCache cache,
            JdbcClient jdbc,
            ConsentRows consents,
            RepresentativeRows representatives,
            WithholdingRows withholdings) {
        this.cache = cache;
        this.jdbc = jdbc;
        this.consents = consents;
        this.representatives = representatives;
        this.withholdings = withholdings;
    }

    CachedPerson person(PersonId person) {
        return cache.person(person, this::load);
    }

    private CachedPerson load(PersonId id) {
        String value = id.value();
        boolean[] present = jdbc.sql(PRESENCE)
                .params(value, value, value, value, value)
                .query((row, number) -> new boolean[] {
                    row.getBoolean(1), row.getBoolean(2), row.getBoolean(3), row.getBoolean(4), row.getBoolean(5)
                })
                .single();
        return new CachedPerson(
                present[0] ? consents.of(id) : List.of(),
                present[1] ? representatives.assessments(id) : List.of(),
                present[2] ? representatives.authoritiesOver(id) : List.of(),
                present[3] ? representatives.kept(id) : List.of(),
                present[4] ? withholdings.about(id) : List.of());
    }
}
