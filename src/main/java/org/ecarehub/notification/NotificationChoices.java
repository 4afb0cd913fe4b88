package org.ecarehub.notification;

import org.ecarehub.shared.Username;

/**
 * Each portal account's choice whether to be emailed when there is new activity on a record it may see (decision
 * 0040): off until the holder turns it on. A change of choice is written to the transparency log in its transaction.
 */
public interface NotificationChoices {

    /** Whether the account asked to be emailed; false for an account that never chose, or no account at all. */
    boolean emailsOn(Username account);

    /**
     * Records the account holder's choice.
     *
     * @throws NotificationRefused when there is no such portal account
     */
    void choose(Username account, boolean emailsOn);
}
