package org.ecarehub.access;

import java.util.List;
import java.util.Optional;
import org.ecarehub.shared.PersonId;

/**
 * What a practitioner's search found (POLICY.md "Finding a person"): the people they may see, and, when the search gave
 * exact identifying details that match exactly one person they may not see, that person's id, so that the pages can
 * say that someone with those details is known to the partnership and offer break-glass. The id is for the adapter to
 * keep on the server: showing it would reveal more than the user typed.
 *
 * @param knownNotShown the one person the exact details match whom the requester may not see, or null
 */
public record FoundPeople(List<PersonView> shown, PersonId knownNotShown) {

    public FoundPeople {
        shown = List.copyOf(shown);
        if (knownNotShown != null && !shown.isEmpty()) {
            throw new IllegalArgumentException("a search that shows people offers no unseen person");
        }
    }

    public Optional<PersonId> known() {
        return Optional.ofNullable(knownNotShown);
    }
}
