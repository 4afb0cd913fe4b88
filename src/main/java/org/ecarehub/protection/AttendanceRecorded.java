package org.ecarehub.protection;

import java.time.Instant;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;

/** A flagged child's attendance was recorded and the lead social worker's team told; published in its transaction. */
public record AttendanceRecorded(
        AttendanceId attendance, PersonId child, AgencyId readerAgency, TeamId notifiedTeam, Instant at) {}
