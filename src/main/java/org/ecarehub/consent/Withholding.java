package org.ecarehub.consent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import org.ecarehub.person.Actor;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;

/**
 * A withholding decision and where it stands: in force until lifted, even when its review is overdue (W5).
 *
 * @param secondPerson who agreed to withholding an access event; null for an item or an automatic withholding
 * @param reviewBy the day the next review is due
 * @param liftedAt when a review lifted it, or null while in force
 */
public record Withholding(
        WithholdingId id,
        PersonId person,
        WithholdingTarget target,
        Exemption exemption,
        String justification,
        Actor decidedBy,
        Username secondPerson,
        Instant decidedAt,
        LocalDate reviewBy,
        String liftedBy,
        Instant liftedAt) {

    public Withholding {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(exemption, "exemption");
    }

    public boolean lifted() {
        return liftedAt != null;
    }

    public boolean overdueOn(LocalDate day) {
        return !lifted() && reviewBy.isBefore(day);
    }
}
