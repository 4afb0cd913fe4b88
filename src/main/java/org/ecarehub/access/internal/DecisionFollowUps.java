package org.ecarehub.access.internal;

import org.ecarehub.partnership.Purpose;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;

/** What a logged decision sets going in other parts of the hub, before any data leaves. */
interface DecisionFollowUps {

    /** Rule 5: a protection override opens a review for the owning agency's Caldicott guardian. */
    void protectionOverride(PersonId person, AgencyId owner, String account, long eventId);

    /** W3: an access under a protection purpose is withheld from the person and their representatives for 30 days. */
    void protectionAccess(PersonId person, String account, Purpose purpose, long eventId);
}
