package org.ecarehub.consent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import org.ecarehub.partnership.Category;
import org.ecarehub.person.Actor;
import org.ecarehub.shared.PersonId;

/**
 * A child's request, at 12 or over and judged capable by the practitioner who recorded it, to keep some categories of
 * their record from their parents (POLICY.md P3).
 *
 * @param recordedBy the practitioner who judged the child capable and recorded the request
 * @param end the last day in force, or null until ended
 */
public record KeptFromParents(
        long id,
        PersonId child,
        Set<Category> categories,
        LocalDate start,
        LocalDate end,
        Actor recordedBy,
        Instant recordedAt) {

    public KeptFromParents {
        categories = Set.copyOf(categories);
    }

    public boolean inForceOn(LocalDate day) {
        return !day.isBefore(start) && (end == null || !day.isAfter(end));
    }
}
