package org.ecarehub.protection;

import java.time.Instant;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;

/**
 * A registration was made, reviewed, linked to the child at birth, given a new lead social worker or ended; published
 * inside the change's transaction. Ids only.
 *
 * @param person the person whose record carries the registration after the change
 */
public record RegistrationChanged(
        RegistrationId registration,
        PersonId person,
        RegistrationStep.Kind step,
        RegistrationStatus status,
        int version,
        TeamId team,
        Instant at) {}
