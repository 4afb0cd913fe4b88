package org.ecarehub.protection.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ecarehub.partnership.Agency;
import org.ecarehub.partnership.ConcernKind;
import org.ecarehub.partnership.Duty;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.ProtectionMessageRouting;
import org.ecarehub.partnership.Team;
import org.ecarehub.shared.TeamId;

/**
 * Which teams receive a concern, by the partnership file's routing: the teams listed for its kind, the teams already
 * involved with a subject that can work protection of that kind, and outside office hours the out-of-hours teams.
 * Each team once, never the sender's own, only teams of active agencies. Plain Java, so it is tested without a hub.
 */
final class Routes {

    /** One receiving team, and whether it receives as the out-of-hours team. */
    record Route(Team team, boolean outOfHours) {}

    private Routes() {}

    static List<Route> plan(
            Partnership partnership,
            ConcernKind kind,
            Collection<TeamId> involved,
            TeamId senderTeam,
            Instant raisedAt) {
        ProtectionMessageRouting routing = partnership.protectionMessageRouting();
        Map<TeamId, Route> routes = new LinkedHashMap<>();
        for (TeamId team : routing.teamsFor(kind)) {
            active(partnership, team).ifPresent(found -> routes.putIfAbsent(team, new Route(found, false)));
        }
        if (routing.involvedTeams()) {
            for (TeamId team : involved) {
                active(partnership, team)
                        .filter(found -> worksProtection(partnership, found, kind))
                        .ifPresent(found -> routes.putIfAbsent(team, new Route(found, false)));
            }
        }
        if (!routing.inOfficeHours(raisedAt)) {
            for (TeamId team : routing.outOfHoursTeams()) {
                // A team that would receive anyway is the out-of-hours team tonight: its deadline runs at once.
                active(partnership, team).ifPresent(found -> routes.put(team, new Route(found, true)));
            }
        }
        if (senderTeam != null) {
            routes.remove(senderTeam);
        }
        return new ArrayList<>(routes.values());
    }

    /**
     * A team can work a concern when one of its active members holds a role with the protection duty that may use
     * the concern's purpose: a homecare team involved with an adult is told through social work, not directly.
     */
    static boolean worksProtection(Partnership partnership, Team team, ConcernKind kind) {
        return partnership.membersOf(team.id()).stream()
                .filter(partnership::isActiveMember)
                .flatMap(member -> partnership.rolesOf(member).stream())
                .anyMatch(role -> role.hasDuty(Duty.PROTECTION) && role.mayUse(kind.purpose()));
    }

    private static Optional<Team> active(Partnership partnership, TeamId id) {
        return partnership
                .team(id)
                .filter(team ->
                        partnership.agency(team.agency()).map(Agency::active).orElse(false));
    }
}
