package org.ecarehub.access;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.ecarehub.person.Actor;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;

/**
 * Break-glass (POLICY.md "Break-glass"): a user who fails rule 6 opens a grant for one person, with a reason, a
 * purpose their roles allow and a duration of at most 24 hours. Opening is logged inside its transaction, opens a
 * review task for the Caldicott guardian, and is published as {@link BreakGlassOpened}. The queries read a cache that
 * the node making a change refreshes at once and every other node within a second.
 */
public interface BreakGlassGrants {

    /**
     * Opens a grant for the request's user, who must be the one acting: break-glass is personal.
     *
     * @throws BreakGlassRefused with every problem: a short reason, a duration of more than 24 hours, a purpose the
     *     user's roles may not use, a user who has a relationship already or holds an active grant, a person not in
     *     the index, someone else opening it for the user; nothing is stored or logged
     * @throws org.ecarehub.transparency.LogUnavailable when the log cannot record it; nothing is stored
     */
    BreakGlassGrant open(PersonId person, BreakGlassRequest request, Actor by);

    /** The user holds a grant for the person that is active at the instant: it ends exactly at its expiry. */
    boolean active(Username user, PersonId person, Instant now);

    /** Every grant ever opened for the person, the latest first. */
    List<BreakGlassGrant> grantsFor(PersonId person);

    /** The people the user holds an active grant for at the instant, for a search under rule 6. */
    Set<PersonId> personsFor(Username user, Instant now);
}
