package org.ecarehub.request;

import java.time.Instant;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;

/**
 * A service request moved a step, published inside the change's transaction: the portal and messaging build on it.
 * It names things by their ids only.
 *
 * @param from the status before, or null for the submission itself
 * @param team the team the request is addressed to
 * @param requestingAgency the agency that asked
 * @param by the staff account that took the step, and {@code agency} theirs
 */
public record ServiceRequestStatusChanged(
        ServiceRequestId request,
        PersonId person,
        ServiceRequestStatus from,
        ServiceRequestStatus to,
        Instant at,
        TeamId team,
        AgencyId requestingAgency,
        int version,
        Username by,
        AgencyId agency) {}
