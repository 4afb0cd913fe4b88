package org.ecarehub.partnership;

import java.util.Objects;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.TeamId;

/** A team of one agency; referrals, requests and protection messages can be routed to it. */
public record Team(TeamId id, String name, AgencyId agency) {

    public Team {
        Objects.requireNonNull(id, "id");
        Texts.requireText(name, "name of team " + id);
        Objects.requireNonNull(agency, "agency");
    }
}
