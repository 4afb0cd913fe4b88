package org.ecarehub.request.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.ecarehub.access.AccessItem;
import org.ecarehub.access.RelationshipId;
import org.ecarehub.access.Sensitivity;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.RequestPriority;
import org.ecarehub.request.ServiceRequestDetails;
import org.ecarehub.request.ServiceRequestId;
import org.ecarehub.request.ServiceRequestStatus;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;

/** One row of {@code service_request}: a request as it stands now. */
record StoredRequest(
        ServiceRequestId id,
        PersonId person,
        ServiceRequestDetails details,
        RequestPriority priority,
        TeamId team,
        AgencyId requestingAgency,
        Username requestedBy,
        List<TeamId> requestingTeams,
        ServiceRequestStatus status,
        int version,
        Instant submittedAt,
        LocalDate dueDay,
        LocalDate scheduledDay,
        RelationshipId relationship) {

    /** The request as the access decision sees it: owned by the agency that asked (decision 0020). */
    AccessItem item() {
        return new AccessItem(id.reference(), Category.SERVICE_REQUEST, Sensitivity.NORMAL, requestingAgency);
    }

    Lifecycle.Current current() {
        return new Lifecycle.Current(id, status, version, team, requestedBy, requestingTeams);
    }
}
