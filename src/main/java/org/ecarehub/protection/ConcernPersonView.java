package org.ecarehub.protection;

import org.ecarehub.shared.PersonId;

/**
 * A named person as a reader of the message sees them: their id and role, or, where the reader may not see that
 * person, only that someone in that role is withheld. The role is kept so that a practitioner visiting the household
 * knows, for example, that a person posing risk is linked, without learning who.
 */
public record ConcernPersonView(PersonId person, ConcernRole role, boolean withheld) {

    public static ConcernPersonView seen(PersonId person, ConcernRole role) {
        return new ConcernPersonView(person, role, false);
    }

    public static ConcernPersonView withheld(ConcernRole role) {
        return new ConcernPersonView(null, role, true);
    }
}
