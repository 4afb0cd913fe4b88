package org.ecarehub.protection;

import java.time.Instant;
import java.util.List;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;

/** A protection message was raised and routed to the teams, naming the people by id. */
public record ProtectionMessageRaised(
        ProtectionMessageId message, AgencyId senderAgency, List<PersonId> people, List<TeamId> teams, Instant at) {

    public ProtectionMessageRaised {
        people = List.copyOf(people);
        teams = List.copyOf(teams);
    }
}
