package org.ecarehub.web;

import java.io.Serializable;
import org.ecarehub.shared.PersonId;

/**
 * A break-glass offer a search made, kept in the session behind a random token (decision 0021).
 *
 * @param details the identifying details as the user typed them, to remind them whom the offer is for
 */
public record BreakGlassOffer(String person, String details) implements Serializable {

    public PersonId personId() {
        return PersonId.of(person);
    }

    @Override
    public String toString() {
        return "BreakGlassOffer[masked]";
    }
}
