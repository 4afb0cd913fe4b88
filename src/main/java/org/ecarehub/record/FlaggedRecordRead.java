package org.ecarehub.record;

import java.time.Instant;
import java.util.Objects;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;

/**
 * A read under the {@code emergency} purpose returned an active child protection flag: the child was seen in
 * unscheduled care (CP-IS). Published synchronously by the read, once per read and flag, before the read returns,
 * so a listener that cannot record it fails the read. Ids only.
 *
 * @param flagOwner the agency that owns the flag
 * @param contactTeam the team the flag names as the lead professional's, or null
 * @param reader the member of staff who read, or on whose behalf an agency system read
 */
public record FlaggedRecordRead(
        PersonId person,
        RecordItemId flag,
        AgencyId flagOwner,
        TeamId contactTeam,
        Username reader,
        AgencyId readerAgency,
        Purpose purpose,
        Instant at) {

    public FlaggedRecordRead {
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(flag, "flag");
        Objects.requireNonNull(flagOwner, "flag owner");
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(readerAgency, "reader agency");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(at, "at");
    }
}
