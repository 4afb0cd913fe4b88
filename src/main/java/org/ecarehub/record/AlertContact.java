package org.ecarehub.record;

import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;

/**
 * Whom to contact about an alert: for the child protection flag, the lead professional, their team and how to reach
 * them.
 *
 * @param staff the staff account of the person to contact, when they have one
 * @param team their team, when known
 * @param howToReach a phone number or mailbox, as the practitioner should use it
 */
public record AlertContact(String name, Username staff, TeamId team, String howToReach) {

    public AlertContact {
        name = Checks.required(name, "the contact's name", Checks.SHORT_TEXT);
        howToReach = Checks.required(howToReach, "how to reach the contact", Checks.SHORT_TEXT);
    }
}
