package org.ecarehub.request;

import java.util.Objects;
import org.ecarehub.partnership.RequestPriority;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;

/** A service request to submit: for whom, what, to which provider team, how soon. */
public record ServiceRequestDraft(
        PersonId person, ServiceRequestDetails details, TeamId team, RequestPriority priority) {

    public ServiceRequestDraft {
        require(person != null, "a service request needs the person it is for");
        require(details != null, "a service request needs what is asked for: homecare, or aids and adaptations");
        require(team != null, "a service request is addressed to a provider agency's team");
        require(priority != null, "a service request needs a priority: urgent, high or standard");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new ServiceRequestRefused(message);
        }
    }

    @Override
    public String toString() {
        return "ServiceRequestDraft[" + details.kind() + " to " + team + ", " + priority.code() + ", "
                + Objects.toString(person) + "]";
    }
}
