package org.ecarehub.access;

import java.util.List;
import java.util.Optional;
import org.ecarehub.shared.PersonId;
import org.ecarehub.transparency.LoggedEvent;

/**
 * A person's access history (the transparency log's events about them) for governance: reading it is itself an access,
 * decided and logged like any other. It is read under the {@code audit} purpose only, as a {@code contacts} item of the
 * reader's own agency (it names who was involved), so POLICY.md rule 6 asks for a governance task about the person:
 * a Caldicott guardian's claimed review, say. Decision 0021 says why.
 */
public interface AccessHistory {

    /**
     * The newest events about the person (and those merged into them), at most {@code limit}; empty both when the
     * person does not exist and when the requester may not read their history, so that the two cannot be told apart.
     *
     * @throws AccessRefused when the requester is not a member of staff working under the audit purpose
     * @throws org.ecarehub.transparency.LogUnavailable when the log cannot record the decision or be read
     */
    Optional<List<LoggedEvent>> of(Requester requester, PersonId person, int limit);

    /**
     * Every event about the person (and those merged into them), newest first, decided and logged once as {@link #of}
     * is, then read from the log in chunks: what a paged search filters and pages.
     *
     * @throws AccessRefused when the requester is not a member of staff working under the audit purpose
     * @throws org.ecarehub.transparency.LogUnavailable when the log cannot record the decision or be read
     */
    Optional<List<LoggedEvent>> all(Requester requester, PersonId person);

    /**
     * One event about the person (or one merged into them), decided and logged as {@link #of} is: empty when the
     * person does not exist, when the requester may not read their history, and when the event is about someone else
     * or does not exist, so that none of these can be told apart.
     *
     * @throws AccessRefused when the requester is not a member of staff working under the audit purpose
     * @throws org.ecarehub.transparency.LogUnavailable when the log cannot record the decision or be read
     */
    Optional<LoggedEvent> event(Requester requester, PersonId person, long eventId);
}
