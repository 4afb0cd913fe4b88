package org.ecarehub.partnership;

import java.util.List;
import java.util.Objects;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.RoleId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;

/** A staff account of one agency, with the roles it holds and the teams it belongs to. */
public record StaffAccount(
        Username username,
        String displayName,
        AgencyId agency,
        List<RoleId> roles,
        List<TeamId> teams,
        boolean active) {

    public StaffAccount {
        Objects.requireNonNull(username, "username");
        Texts.requireText(displayName, "display name of staff account " + username);
        Objects.requireNonNull(agency, "agency");
        roles = List.copyOf(roles);
        teams = List.copyOf(teams);
    }
}
