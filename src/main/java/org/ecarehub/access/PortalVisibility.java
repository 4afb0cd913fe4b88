package org.ecarehub.access;

import org.ecarehub.shared.PersonId;

/**
 * Whether a portal account would see an event or item of a person, decided as its own portal views decide it (POLICY.md
 * P1 to P4, W1 to W3) but not logged: the hub asks before telling the account that there is something to see, and
 * nothing is read or shown until the account signs in and looks, which is decided and logged then.
 */
public interface PortalVisibility {

    /** Whether the viewer's access history of the person shows the access or break-glass event, not withheld. */
    boolean showsEvent(Requester.Portal viewer, PersonId person, long eventId);

    /** Whether the viewer may read the item of the person. */
    boolean showsItem(Requester.Portal viewer, PersonId person, AccessItem item);
}
