package org.ecarehub.consent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;
import org.ecarehub.person.Actor;
import org.ecarehub.shared.PersonId;

/**
 * A recorded assessment of a person's capacity for some kinds of decision; for each kind, the latest assessment
 * decides.
 *
 * @param assessedBy the practitioner who assessed and recorded it
 */
public record CapacityAssessment(
        long id,
        PersonId person,
        Actor assessedBy,
        LocalDate assessedOn,
        Set<DecisionArea> areas,
        boolean lacksCapacity,
        Instant recordedAt) {

    public CapacityAssessment {
        Objects.requireNonNull(person, "person");
        areas = Set.copyOf(areas);
    }
}
