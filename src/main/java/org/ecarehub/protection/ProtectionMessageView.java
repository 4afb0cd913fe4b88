package org.ecarehub.protection;

import java.time.Instant;
import java.util.List;
import org.ecarehub.partnership.ConcernKind;
import org.ecarehub.partnership.ConcernPriority;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;

/**
 * A protection message as one reader may see it: the people they may not see are withheld, the rest is theirs as a
 * party to the case (sender or receiver).
 *
 * @param sentBy the staff account that raised it, or null when an agency's system raised it on its own
 * @param senderTeam the sender's team, or null when they have none
 * @param outcomeReason the reason for no further action, or null
 * @param closedAt when the case was closed, or null while open
 */
public record ProtectionMessageView(
        ProtectionMessageId id,
        ConcernKind kind,
        ConcernPriority priority,
        String concern,
        Instant raisedAt,
        boolean outOfHours,
        Username sentBy,
        AgencyId senderAgency,
        TeamId senderTeam,
        List<ConcernPersonView> people,
        List<Routing> routings,
        ConcernOutcome outcome,
        String outcomeReason,
        Instant closedAt,
        List<ProtectionMessageStep> timeline) {

    public ProtectionMessageView {
        people = List.copyOf(people);
        routings = List.copyOf(routings);
        timeline = List.copyOf(timeline);
    }

    public boolean open() {
        return closedAt == null;
    }

    public Routing routingTo(TeamId team) {
        return routings.stream()
                .filter(routing -> routing.team().equals(team))
                .findFirst()
                .orElseThrow(() -> new ProtectionMessageRefused(id + " was not routed to team " + team));
    }

    @Override
    public String toString() {
        return "ProtectionMessageView[" + id + ", " + kind + ", " + priority + ", " + routings.size() + " routings]";
    }
}
