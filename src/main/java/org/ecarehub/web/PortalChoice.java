package org.ecarehub.web;

import org.ecarehub.consent.Authority;
import org.ecarehub.shared.PersonId;

/**
 * One record a portal account may choose to look at: its holder's own, or that of someone it acts for.
 *
 * @param kind the authority it acts under; null for the account holder's own record
 * @param reference the authority's document reference, or null
 */
public record PortalChoice(PersonId person, Authority.Kind kind, String reference) {

    public boolean own() {
        return kind == null;
    }
}
