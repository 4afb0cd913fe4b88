package org.ecarehub.access;

import java.util.List;
import org.ecarehub.partnership.Action;
import org.ecarehub.partnership.Category;
import org.ecarehub.shared.PersonId;

/**
 * The policy decision point of POLICY.md: every read, change, disclosure and export of a person's information is
 * decided here, and every decision, ALLOW and DENY, is in the transparency log before this returns, with the
 * partnership configuration version it was taken under. The modules that hold data call it before any leaves.
 */
public interface AccessDecisions {

    /**
     * Decides the requester's action on each item of one person, in the order given, and logs the decisions: one entry
     * about the person for each distinct outcome (an entry cannot carry two lawful bases).
     *
     * @throws org.ecarehub.transparency.LogUnavailable when the log cannot record the decisions; nothing may leave
     */
    List<AccessDecision> decide(Requester requester, Action action, PersonId person, List<AccessItem> items);

    /**
     * Whether the requester may take the action on the category at all (rules 1 to 3), before any person is known: a
     * search asks this first. Logs nothing; the caller logs the search with {@link #logWithoutPerson}.
     */
    AccessDecision mayAttempt(Requester requester, Action action, Category category);

    /**
     * Logs a request that concerned nobody: a search that disclosed no one, or one refused before any person.
     *
     * @throws org.ecarehub.transparency.LogUnavailable when the log cannot record it; nothing may leave
     */
    void logWithoutPerson(Requester requester, Action action, Category category, AccessDecision decision);
}
