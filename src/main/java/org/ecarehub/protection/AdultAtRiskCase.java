package org.ecarehub.protection;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;

/** An adult support and protection case, with every stage it has passed through. */
public record AdultAtRiskCase(
        AdultAtRiskId id,
        PersonId adult,
        AgencyId owner,
        TeamId team,
        AdultAtRiskStage stage,
        LocalDate openedOn,
        int version,
        List<Step> history) {

    public AdultAtRiskCase {
        history = List.copyOf(history);
    }

    public boolean open() {
        return stage != AdultAtRiskStage.CLOSED;
    }

    /** One stage reached, never changed once written. */
    public record Step(int version, AdultAtRiskStage stage, LocalDate on, Username by, AgencyId agency, Instant at) {}
}
