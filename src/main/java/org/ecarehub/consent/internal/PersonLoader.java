package org.ecarehub.consent.internal;

import org.ecarehub.shared.PersonId;
import org.springframework.stereotype.Component;

/** Reads what the module holds about a person, through the cache. */
@Component
class PersonLoader {

    private final ConsentCache cache;
    private final ConsentRows consents;
    private final RepresentativeRows representatives;
    private final WithholdingRows withholdings;

    PersonLoader(
            ConsentCache cache,
            ConsentRows consents,
            RepresentativeRows representatives,
            WithholdingRows withholdings) {
        this.cache = cache;
        this.consents = consents;
        this.representatives = representatives;
        this.withholdings = withholdings;
    }

    CachedPerson person(PersonId person) {
        return cache.person(
                person,
                id -> new CachedPerson(
                        consents.of(id),
                        representatives.assessments(id),
                        representatives.authoritiesOver(id),
                        representatives.kept(id),
                        withholdings.about(id)));
    }
}
