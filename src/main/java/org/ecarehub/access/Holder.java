package org.ecarehub.access;

import java.util.Collection;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;

/**
 * Who holds a relationship with a person: one staff account, or one team (then every member of the team holds it).
 * Exactly one of the two is set.
 */
public record Holder(Username user, TeamId team) {

    public Holder {
        if ((user == null) == (team == null)) {
            throw new RelationshipRefused("a relationship is held by one staff account or one team, not both or none");
        }
    }

    public static Holder staff(Username user) {
        return new Holder(user, null);
    }

    public static Holder team(TeamId team) {
        return new Holder(null, team);
    }

    /** The user holds it themselves, or through one of their teams. */
    public boolean reaches(Username someone, Collection<TeamId> teams) {
        return user != null ? user.equals(someone) : teams.contains(team);
    }

    /** How the log names the holder: {@code staff:sw.hamilton} or {@code team:adult-care-hamilton}. */
    public String reference() {
        return user != null ? "staff:" + user.value() : "team:" + team.value();
    }

    @Override
    public String toString() {
        return reference();
    }
}
