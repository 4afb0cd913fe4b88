package org.ecarehub.web;

import java.util.List;
import java.util.Optional;
import org.ecarehub.access.Requester;
import org.ecarehub.identity.PortalAccount;
import org.ecarehub.shared.PersonId;

/**
 * Who looks through the portal, at whose record.
 *
 * @param person the chosen person, or null while the account is unbound
 */
public record PortalViewing(
        PortalAccount account, Requester.Portal requester, PersonId person, List<PortalChoice> choices) {

    public PortalViewing {
        choices = List.copyOf(choices);
    }

    public Optional<PortalChoice> chosen() {
        return choices.stream().filter(choice -> choice.person().equals(person)).findFirst();
    }
}
