package org.ecarehub.access;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;
import org.ecarehub.consent.Authority;
import org.ecarehub.partnership.Category;

/**
 * A representative's view of another person's item (POLICY.md P3 and P4): the authority they hold, what the other
 * modules know that bears on it, and the item.
 *
 * @param granterLacksWelfareCapacity a recorded assessment found the person lacking capacity for welfare decisions
 * @param personAge the person's age in whole years today, or -1 when not known
 * @param keptFromParent categories a child of 12 or over, judged capable, asked to keep from their parents
 * @param namedAsPosingRisk the representative is named as a person posing risk in a protection message about the
 *     person
 */
public record RepresentativeAccess(
        Authority authority,
        boolean granterLacksWelfareCapacity,
        int personAge,
        Set<Category> keptFromParent,
        boolean namedAsPosingRisk,
        Category category,
        Sensitivity sensitivity,
        LocalDate today) {

    public RepresentativeAccess {
        Objects.requireNonNull(authority, "authority");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(sensitivity, "sensitivity");
        Objects.requireNonNull(today, "today");
        keptFromParent = keptFromParent == null ? Set.of() : Set.copyOf(keptFromParent);
    }
}
