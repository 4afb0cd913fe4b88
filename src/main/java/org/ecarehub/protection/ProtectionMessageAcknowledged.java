package org.ecarehub.protection;

import java.time.Instant;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;

/** A receiving team acknowledged a protection message; {@code by} is null for an agency's system on its own. */
public record ProtectionMessageAcknowledged(
        ProtectionMessageId message, RoutingId routing, TeamId team, Username by, Instant at) {}
