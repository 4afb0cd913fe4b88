package org.ecarehub.consent;

import java.util.Objects;
import org.ecarehub.shared.PersonId;

/** A representative deciding for the person, and the authority they decided under. */
public record OnBehalfOf(PersonId representative, AuthorityId authority) {

    public OnBehalfOf {
        Objects.requireNonNull(representative, "representative");
        Objects.requireNonNull(authority, "authority");
    }
}
