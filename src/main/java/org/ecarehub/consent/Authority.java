package org.ecarehub.consent;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.ecarehub.partnership.Category;

/**
 * An authority or nomination by which a representative acts for a person (POLICY.md P3), as the consent module
 * holds it: what kind, which categories it names where the kind needs them, whether and by whom it was verified, and
 * when it is in force.
 *
 * @param categories the guardianship order's categories, or the nomination's; ignored for the other kinds
 * @param verifiedBy who verified the document or nomination; null while unverified
 * @param end the last day in force, or null for open-ended
 */
public record Authority(
        Kind kind, Set<Category> categories, String reference, String verifiedBy, LocalDate start, LocalDate end) {

    /** The kinds of authority POLICY.md P3 knows. */
    public enum Kind {
        WELFARE_ATTORNEY,
        WELFARE_GUARDIAN,
        FINANCIAL_ATTORNEY,
        PARENTAL_RESPONSIBILITY,
        NOMINATED_NEXT_OF_KIN_OR_CARER
    }

    /**
     * What a welfare power of attorney covers: the care, welfare and health categories. Protection never reaches a
     * representative, and police, education and housing records are not welfare decisions.
     */
    public static final Set<Category> WELFARE_CATEGORIES = Set.copyOf(EnumSet.of(
            Category.DEMOGRAPHICS,
            Category.CONTACTS,
            Category.ALERTS,
            Category.ASSESSMENT,
            Category.CARE_PLAN,
            Category.SERVICE_PROVISION,
            Category.SERVICE_REQUEST,
            Category.HEALTH_DETAIL,
            Category.SOCIAL_WORK_NOTE));

    public Authority {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(start, "start");
        categories = categories == null ? Set.of() : Set.copyOf(categories);
        if (end != null && end.isBefore(start)) {
            throw new IllegalArgumentException("an authority cannot end before it starts");
        }
        if ((kind == Kind.WELFARE_ATTORNEY || kind == Kind.WELFARE_GUARDIAN || kind == Kind.FINANCIAL_ATTORNEY)
                && (reference == null || reference.isBlank())) {
            throw new IllegalArgumentException("a registered power of attorney or guardianship needs its reference");
        }
    }

    public boolean verified() {
        return verifiedBy != null && !verifiedBy.isBlank();
    }

    public boolean inForceOn(LocalDate day) {
        return !day.isBefore(start) && (end == null || !day.isAfter(end));
    }
}
