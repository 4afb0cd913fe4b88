package org.ecarehub.protection;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.ecarehub.access.Requester;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;

/**
 * The child protection register, looked-after status and adults at risk. Every change is made by a member of staff
 * of a council social work agency (or its system on their behalf) under the matching protection purpose, decided by
 * the access decision point on the {@code protection} category, written to the transparency log inside its
 * transaction and published as an event; nothing is ever overwritten. Registration keeps the child protection flag
 * on the record in the same transaction.
 *
 * <p>Every method throws {@link org.ecarehub.access.AccessRefused} when the decision refuses (the refusal is logged),
 * {@link RegisterKeeperRefused} (a {@link RegisterRefused}) when the requester does not keep the register at all,
 * {@link RegisterRefused} for bad input and {@code LogUnavailable} when the log cannot record the change; then
 * nothing is stored.
 */
public interface ProtectionRegister {

    /**
     * Registers a child (or an unborn child on the mother's record) under {@code child-protection}, and sets the CP
     * flag naming the lead social worker, their team and how to reach the team.
     *
     * @throws RegisterRefused when the person is not in the index, already has an active registration, the lead
     *     social worker is not an active member of the team, or the team is not one of the registering agency's
     */
    Registration register(Requester requester, RegistrationDraft draft);

    /** Records a review of the child protection plan on {@code reviewedOn} and the next review date. */
    Registration review(
            Requester requester, RegistrationId id, int expectedVersion, LocalDate reviewedOn, LocalDate nextReview);

    /**
     * Links a pre-birth registration to the child once born: the flag moves from the mother's record to the child's.
     */
    Registration linkBirth(Requester requester, RegistrationId id, int expectedVersion, PersonId child, LocalDate born);

    /**
     * Names a new lead social worker and team from {@code on}: the flag's contact becomes theirs (a new version of the
     * alert), the old lead's lead-professional relationship with the child ends on {@code on} and the new lead's
     * starts that day.
     *
     * @throws RegisterRefused when the registration has ended, the lead and team are the ones it has, the lead is not
     *     an active member of the team with protection duties, the team is not one of the owning agency's, or
     *     {@code on} is after today, before the registration or before the current lead's relationship began
     */
    Registration changeLead(
            Requester requester, RegistrationId id, int expectedVersion, Username lead, TeamId team, LocalDate on);

    /** Takes the child off the register: the flag is ended (and kept in the record's history), the steps stay. */
    Registration deregister(Requester requester, RegistrationId id, int expectedVersion, LocalDate on, String reason);

    /**
     * Whether the requester keeps the child protection register: an active member of staff of a council social work
     * agency (or its system on their behalf) under {@code child-protection}. Decides nothing about any child and logs
     * nothing; every change is still decided and may still be refused.
     */
    boolean keeps(Requester requester);

    /** The registration, when it exists and the requester may read it; else empty. */
    Optional<Registration> registration(Requester requester, RegistrationId id);

    /** Every registration of the person (as child, or as mother before a birth), newest first, that the requester may read. */
    List<Registration> registrationsOf(Requester requester, PersonId person);

    /** Starts a period of being looked after, under {@code child-protection}. */
    LookedAfterPeriod startLookedAfter(Requester requester, PersonId child, LookedAfterBasis basis, LocalDate start);

    /** Ends a looked-after period on its last day. */
    LookedAfterPeriod endLookedAfter(Requester requester, LookedAfterId id, LocalDate end);

    /** The child's looked-after periods, newest first, that the requester may read. */
    List<LookedAfterPeriod> lookedAfter(Requester requester, PersonId child);

    /** Opens an adult support and protection inquiry about an adult, under {@code adult-protection}. */
    AdultAtRiskCase openInquiry(Requester requester, PersonId adult, TeamId team, LocalDate on);

    /** Moves the case forward to a later stage, or closes it. */
    AdultAtRiskCase advance(
            Requester requester, AdultAtRiskId id, int expectedVersion, AdultAtRiskStage stage, LocalDate on);

    /** The adult's cases, newest first, that the requester may read. */
    List<AdultAtRiskCase> adultAtRiskCasesOf(Requester requester, PersonId adult);
}
