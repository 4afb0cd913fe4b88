package org.ecarehub.access;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;

/**
 * A relationship between a person and a staff account or a team, active from its start day to its end day, both
 * included.
 *
 * @param end the last day it is active, or null while open-ended
 * @param source what made it, such as {@code service-request-12}, or null
 * @param startedBy who recorded it, as {@link org.ecarehub.person.Actor#reference()} names them
 * @param endedBy who ended it, or null while it has not been ended
 */
public record Relationship(
        RelationshipId id,
        PersonId person,
        Holder holder,
        RelationshipKind kind,
        LocalDate start,
        LocalDate end,
        String source,
        Instant startedAt,
        String startedBy,
        String endedBy) {

    public boolean activeOn(LocalDate day) {
        return !day.isBefore(start) && (end == null || !day.isAfter(end));
    }

    /** The relationship is active on the day and held by the user or one of their teams. */
    public boolean reaches(Username user, Collection<TeamId> teams, LocalDate day) {
        return activeOn(day) && holder.reaches(user, teams);
    }
}
