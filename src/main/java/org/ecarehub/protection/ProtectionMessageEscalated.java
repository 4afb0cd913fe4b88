package org.ecarehub.protection;

import java.time.Instant;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;

/** An unacknowledged routing was escalated to the team's manager or the partnership's duty officer. */
public record ProtectionMessageEscalated(
        ProtectionMessageId message, RoutingId routing, TeamId team, EscalationStage stage, Username to, Instant at) {}
