package org.ecarehub.protection;

import java.time.Instant;
import org.ecarehub.messaging.DeliveryId;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.record.RecordItemId;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;

/**
 * An unscheduled-care attendance of a child with a child protection flag (CP-IS): the record was read under the
 * emergency purpose, where, when and by whom, and which team was told.
 *
 * @param registration the registration that set the flag, or null for a flag set some other way
 * @param readerTeam the reader's team, or null when they belong to none
 * @param notifiedTeam the lead social worker's team that was told, or null when the flag named no team
 * @param notice the delivery that told them, or null
 */
public record Attendance(
        AttendanceId id,
        PersonId child,
        RegistrationId registration,
        RecordItemId flag,
        Username reader,
        AgencyId readerAgency,
        TeamId readerTeam,
        Purpose purpose,
        Instant at,
        AgencyId notifiedAgency,
        TeamId notifiedTeam,
        DeliveryId notice) {}
