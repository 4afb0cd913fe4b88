package org.ecarehub.access;

import java.time.Instant;
import java.util.List;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;

/**
 * A break-glass grant was opened. POLICY.md wants the person's key worker or lead professional told: they are named
 * here (staff accounts and teams) so that messaging can notify them without asking back.
 *
 * @param eventId the transparency log's id of the opening's event, which the person's history shows
 */
public record BreakGlassOpened(
        BreakGlassGrantId grant,
        PersonId person,
        Username user,
        AgencyId agency,
        Purpose purpose,
        Instant expiresAt,
        CaldicottReviewId review,
        List<Username> keyWorkers,
        List<TeamId> keyWorkerTeams,
        long eventId) {

    public BreakGlassOpened {
        keyWorkers = List.copyOf(keyWorkers);
        keyWorkerTeams = List.copyOf(keyWorkerTeams);
    }
}
