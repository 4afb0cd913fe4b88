package org.ecarehub.request;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.ecarehub.access.Requester;
import org.ecarehub.shared.PersonId;

/**
 * Service requests between agencies: submitted by a practitioner to a provider agency's team, and worked by that
 * team through accepted or declined, scheduled, in progress and completed; cancelled by the requesting side.
 *
 * <p>Every call is decided by {@link org.ecarehub.access.AccessDecisions} on the category {@code service-request}
 * (create for a submission, update for a step, read for reads) and the decision is in the transparency log before
 * anything is stored or returned. Each change is logged inside its transaction (when the log cannot record it,
 * nothing is stored) and published as a {@link ServiceRequestStatusChanged}. While a request is open, the team it is
 * addressed to has a {@code service-request} relationship with the person.
 *
 * <p>Each step names the version the caller saw; a step on a request that has changed since is refused with {@link
 * StaleServiceRequest}. A request the caller may not see is refused exactly as one that does not exist.
 */
public interface ServiceRequests {

    /**
     * Submits a request in the requester's name, owned by their agency.
     *
     * @throws ServiceRequestRefused for bad input, a requester who is not a member of staff, or a team that is not
     *     an active team of the partnership
     * @throws org.ecarehub.access.AccessRefused when the decision refuses the submission
     * @throws org.ecarehub.transparency.LogUnavailable when the log cannot record it; nothing is stored
     */
    ServiceRequestView submit(Requester requester, ServiceRequestDraft draft);

    /** The addressed team takes the request on. */
    ServiceRequestView accept(Requester requester, ServiceRequestId id, int expectedVersion);

    /** The addressed team turns the request down, saying why; the reason is kept with the step, never logged. */
    ServiceRequestView decline(Requester requester, ServiceRequestId id, int expectedVersion, String reason);

    /** The addressed team books the work for a day, today or later. */
    ServiceRequestView schedule(Requester requester, ServiceRequestId id, int expectedVersion, LocalDate day);

    /** The addressed team has started the work. */
    ServiceRequestView start(Requester requester, ServiceRequestId id, int expectedVersion);

    /** The addressed team has met the request. */
    ServiceRequestView complete(Requester requester, ServiceRequestId id, int expectedVersion);

    /** The requesting agency withdraws the request before it is completed. */
    ServiceRequestView cancel(Requester requester, ServiceRequestId id, int expectedVersion);

    /** The request, when it exists and the requester may read it; empty alike for one missing and one not allowed. */
    Optional<ServiceRequestView> find(Requester requester, ServiceRequestId id);

    /**
     * Every version of the request, the first first, as the requester may read it: version N is the request as it
     * stood after its N-th step (the status that step reached, the day booked by then, the steps so far), the last the
     * request as {@link #find} shows it. Decided and logged once, exactly as {@link #find} is; empty alike for a
     * request missing and one not allowed.
     */
    List<ServiceRequestView> history(Requester requester, ServiceRequestId id);

    /** The person's requests the requester may read, the newest first. */
    List<ServiceRequestView> forPerson(Requester requester, PersonId person);

    /**
     * The person's requests as {@link #forPerson} lists them, each decided for export (POLICY.md's action
     * {@code export}, for a subject access request) and logged.
     */
    List<ServiceRequestView> export(Requester requester, PersonId person);

    /**
     * The open requests addressed to the requester's teams that they may read: overdue first, then the oldest
     * submission first.
     */
    List<ServiceRequestView> forMyTeams(Requester requester);

    /**
     * The open requests past their target that concern the requester (addressed to one of their teams or asked by
     * their agency) and that they may read, the oldest submission first.
     */
    List<ServiceRequestView> overdue(Requester requester);
}
