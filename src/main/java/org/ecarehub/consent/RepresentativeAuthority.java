package org.ecarehub.consent;

import java.time.Instant;
import java.util.Objects;
import org.ecarehub.person.Actor;
import org.ecarehub.shared.PersonId;

/**
 * An authority or nomination as recorded: who acts for whom, and the plain {@link Authority} that {@code
 * RepresentativeRules} in the access module decides with.
 *
 * @param verifiedAt when staff verified it, or null while unverified
 * @param endedBy who ended it early, or null
 */
public record RepresentativeAuthority(
        AuthorityId id,
        PersonId person,
        PersonId representative,
        Authority authority,
        Instant verifiedAt,
        Actor recordedBy,
        Instant recordedAt,
        String endedBy) {

    public RepresentativeAuthority {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(representative, "representative");
        Objects.requireNonNull(authority, "authority");
    }
}
