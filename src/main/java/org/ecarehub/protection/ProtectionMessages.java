package org.ecarehub.protection;

import java.util.List;
import java.util.Optional;
import org.ecarehub.access.Requester;
import org.ecarehub.shared.PersonId;

/**
 * Protection messages: a concern about a child or an adult at risk, raised by any partner (a member of staff, or an
 * agency's system), routed by the partnership file's {@code protection-message-routing} to the teams that must act,
 * acknowledged by each, escalated when not acknowledged in time, answered, given an outcome and closed.
 *
 * <p>Every step is decided by {@link org.ecarehub.access.AccessDecisions} on the category {@code protection} of each
 * person named, and each change is written to the transparency log (one {@code protection} event a person named,
 * ids only) inside its transaction: when the log cannot record it, nothing is stored. Raising starts a
 * {@code protection-message} relationship between every receiving team (and the sender's team) and every person
 * named, until the case is closed, and stores one delivery per receiving team.
 *
 * <p>A step on a routing by someone the message was not routed to, or through a routing of another message, is
 * refused with {@link ProtectionMessageForbidden}.
 */
public interface ProtectionMessages {

    /**
     * Raises a message and routes it.
     *
     * @throws ProtectionMessageRefused for bad input: a person not in the person index, a requester who is neither
     *     staff nor an agency's system, a concern no team would receive
     * @throws org.ecarehub.access.AccessRefused when the decision refuses the sender about a person named
     * @throws org.ecarehub.transparency.LogUnavailable when the log cannot record it; nothing is stored
     */
    ProtectionMessageView raise(Requester requester, ProtectionMessageDraft draft);

    /**
     * The message as the requester may see it, when they are its sender or a receiver (a member of a receiving team,
     * or the duty officer it was escalated to) and may see at least one subject; empty otherwise, as for none.
     */
    Optional<ProtectionMessageView> find(Requester requester, ProtectionMessageId id);

    /**
     * Every version of the message, the first first, as the requester may see it: version N is the message as it stood
     * after the N-th step of its timeline (which routings had been delivered, escalated and acknowledged, its outcome
     * and its closing, as of then), the last the message as {@link #find} shows it, with the same people withheld.
     * Decided and logged exactly as {@link #find} is; empty alike for a message missing and one the requester is no
     * party to.
     */
    List<ProtectionMessageView> history(Requester requester, ProtectionMessageId id);

    /**
     * The open messages routed to the requester's teams (or their agency, for its system), as they may see them:
     * those their teams have not acknowledged first, overdue before the rest, then the oldest first.
     */
    List<ProtectionMessageView> inbox(Requester requester);

    /**
     * The messages naming the person (open or closed) to which the requester is a party, as they may see them,
     * newest first: each decided and logged as {@link #find} does, so a message about someone the requester may not
     * see is left out.
     */
    List<ProtectionMessageView> concerning(Requester requester, PersonId person);

    /** A member of the routing's team (or its agency's system) acknowledges it for the team. */
    ProtectionMessageView acknowledge(Requester requester, ProtectionMessageId message, RoutingId routing);

    /**
     * Escalates an unacknowledged routing now, one stage up, as the job would at its deadline: asked by the sender's
     * side or by a member of the routing's team.
     */
    ProtectionMessageView escalate(Requester requester, ProtectionMessageId message, RoutingId routing);

    /** A party to the message adds a reply to its timeline; the words stay in the hub, never in the log. */
    ProtectionMessageView reply(Requester requester, ProtectionMessageId message, String text);

    /** A party records what was decided; no further action needs a reason. */
    ProtectionMessageView recordOutcome(
            Requester requester, ProtectionMessageId message, ConcernOutcome outcome, String reason);

    /**
     * A party closes the case once it has an outcome: the relationships the message started end today, and nothing
     * more is escalated.
     */
    ProtectionMessageView close(Requester requester, ProtectionMessageId message);
}
