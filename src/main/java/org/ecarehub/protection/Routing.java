package org.ecarehub.protection;

import java.time.Instant;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;

/**
 * A message's routing to one team: whether it was routed there for the night, by when it must be acknowledged, who
 * acknowledged it and when, and how far it has been escalated.
 */
public record Routing(
        RoutingId id,
        AgencyId agency,
        TeamId team,
        boolean outOfHours,
        Instant deadline,
        Instant acknowledgedAt,
        Username acknowledgedBy,
        EscalationStage stage) {

    public boolean acknowledged() {
        return acknowledgedAt != null;
    }

    /** Unacknowledged past its deadline at the instant. */
    public boolean overdue(Instant now) {
        return acknowledgedAt == null && now.isAfter(deadline);
    }
}
