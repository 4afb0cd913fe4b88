package org.ecarehub.access;

import java.util.List;
import java.util.Optional;

/**
 * What {@link PersonDirectory#readWith} disclosed: the person as the requester may see them, when they may see any of
 * their agency records, and the decisions on the further items asked for, in the order they were asked.
 *
 * @param shown the person, or null when the requester may see none of their agency records or there is no such person
 */
public record Disclosure(PersonView shown, List<AccessDecision> decisions) {

    public Disclosure {
        decisions = List.copyOf(decisions);
    }

    public Optional<PersonView> person() {
        return Optional.ofNullable(shown);
    }
}
