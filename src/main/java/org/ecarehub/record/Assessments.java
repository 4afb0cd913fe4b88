package org.ecarehub.record;

import java.util.List;
import java.util.Optional;
import org.ecarehub.access.Requester;
import org.ecarehub.shared.PersonId;

/**
 * The Single Shared Assessment's lifecycle: a draft, editable and seen only within the assessor's agency; signed off
 * by its assessor, after which it is immutable and shared as the policy allows; superseded, never erased, when a
 * later assessment of the person is signed. Decided and logged as {@link Records} is.
 */
public interface Assessments {

    /** Starts a draft assessment owned by the requester's agency, the requester its assessor; deciding create. */
    RecordItem start(Requester requester, PersonId person, Assessment draft);

    /**
     * Saves a new version of a draft, from the version named; deciding update.
     *
     * @throws StaleEdit when the draft has a later version than {@code expectedVersion}
     * @throws RecordRefused when there is no such draft the requester's agency holds, or it is signed already
     */
    RecordItem save(Requester requester, RecordItemId id, int expectedVersion, Assessment draft);

    /**
     * Signs off the draft as its latest version stands: only its assessor (the member of staff who started it) may,
     * and only once; an earlier signed assessment of the person is then superseded.
     *
     * @throws StaleEdit when the draft has a later version than {@code expectedVersion}
     * @throws RecordRefused when it is signed already, the requester is not its assessor, or a section it needs is
     *     missing
     * @throws org.ecarehub.access.AccessRefused when the decision refuses the update
     */
    RecordItem signOff(Requester requester, RecordItemId id, int expectedVersion);

    /** The person's assessments the requester may see (their own agency's drafts, signed and superseded), oldest first. */
    List<ItemView> of(Requester requester, PersonId person);

    /** The person's signed assessment in force, when there is one the requester may see. */
    Optional<ItemView> current(Requester requester, PersonId person);
}
