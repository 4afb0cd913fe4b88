package org.ecarehub.record;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ecarehub.access.Requester;
import org.ecarehub.shared.PersonId;

/**
 * The shared record: every read and write is decided by the access decision point, and logged, before anything is
 * returned or stored; when the log cannot record the decision, nothing is (the log's {@code LogUnavailable} is
 * thrown). Writes are by staff and agency systems; portal accounts read.
 *
 * @see Assessments for the Single Shared Assessment's draft, sign-off and supersession
 */
public interface Records {

    /**
     * Every item of the person the requester may see, each with its decision, in one decision for all of them.
     * Assessment drafts of other agencies are not shown. An unknown person and one with nothing the requester may see
     * give the same empty record, and so does a requester whose roles may read nothing of it.
     */
    PersonRecord read(Requester requester, PersonId person);

    /**
     * The items of the given kinds the requester may see, as {@link #read} decides them: only those items are decided
     * and logged, so a search for alerts leaves no entry about the person's letters.
     */
    PersonRecord read(Requester requester, PersonId person, Set<RecordKind> kinds);

    /**
     * The person's summary: who they are, as {@code PersonDirectory.read} shows them, and every item {@link #read}
     * would return, decided together in one decision and logged as one request.
     *
     * @throws org.ecarehub.transparency.LogUnavailable when the log cannot record the decisions; nothing is returned
     */
    Summary summary(Requester requester, PersonId person);

    /**
     * The person's summary as an export (POLICY.md's action {@code export}): who they are and their items of the given
     * kinds, as {@link #summary} would show them, each decided for export in one decision and logged as one request. The
     * demographics are always decided, since every exported item names its person; a sealed item is never exported.
     *
     * @throws org.ecarehub.transparency.LogUnavailable when the log cannot record the decisions; nothing is returned
     */
    Summary export(Requester requester, PersonId person, Set<RecordKind> kinds);

    /** One item, when it exists and the requester may see it: empty both for a missing id and for a hidden one. */
    Optional<ItemView> item(Requester requester, RecordItemId id);

    /** Every version of the item, the first first, when the requester may see it; else empty. */
    List<ItemVersion> history(Requester requester, RecordItemId id);

    /**
     * Adds an item owned by the writer's agency, deciding {@code create}; an assessment starts as a draft.
     *
     * @throws RecordRefused when the content is bad or the requester is a portal account; nothing is stored
     * @throws PersonUnseen when the person is not in the person index (and the rules about the writer allow the
     *     attempt); logged without a person
     * @throws org.ecarehub.access.AccessRefused when the decision refuses the creation; the refusal is logged
     */
    RecordItem add(Requester requester, PersonId person, ItemDraft draft);

    /**
     * Writes a new version of the item with new content and the reason for the change, deciding {@code update}. The
     * edit names the version it was made from. A signed assessment cannot be changed.
     *
     * @throws StaleEdit when the item has a later version than {@code expectedVersion}
     * @throws RecordRefused when there is no such item the requester may see, the content is of another kind or bad,
     *     or the reason is missing
     * @throws org.ecarehub.access.AccessRefused when the decision refuses the update
     */
    RecordItem correct(Requester requester, RecordItemId id, int expectedVersion, RecordContent content, String reason);

    /**
     * Ends an alert: a new version with status {@link ItemStatus#ENDED} and the reason, deciding {@code update}.
     *
     * @throws StaleEdit when the item has a later version than {@code expectedVersion}
     * @throws RecordRefused when there is no such alert, it has ended already, or the reason is missing
     * @throws org.ecarehub.access.AccessRefused when the decision refuses the update
     */
    RecordItem end(Requester requester, RecordItemId id, int expectedVersion, String reason);
}
