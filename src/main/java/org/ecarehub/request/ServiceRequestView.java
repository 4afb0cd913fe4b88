package org.ecarehub.request;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.ecarehub.partnership.RequestPriority;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;

/**
 * A service request as a caller allowed to read it sees it: what was asked, by whom, of which team, where it stands,
 * and every step so far, the submission first.
 *
 * @param requestingAgency the agency that asked, which owns the request
 * @param version the version to name when changing it
 * @param dueDay the last day of its target: its submission day plus the partnership's target for its priority
 * @param scheduledDay the day the work is booked for, once scheduled; else null
 * @param overdue open and past its due day when read
 */
public record ServiceRequestView(
        ServiceRequestId id,
        PersonId person,
        ServiceRequestDetails details,
        RequestPriority priority,
        TeamId team,
        AgencyId requestingAgency,
        Username requestedBy,
        ServiceRequestStatus status,
        int version,
        Instant submittedAt,
        LocalDate dueDay,
        LocalDate scheduledDay,
        boolean overdue,
        List<ServiceRequestStep> history) {

    public ServiceRequestView {
        history = List.copyOf(history);
    }

    @Override
    public String toString() {
        return "ServiceRequestView[" + id + ", " + details.kind() + ", " + status.code() + ", version " + version + "]";
    }
}
