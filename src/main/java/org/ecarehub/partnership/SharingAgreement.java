package org.ecarehub.partnership;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.Slugs;

/**
 * An information sharing agreement, read in one direction: while active, the listed categories of {@code from}'s
 * record items may flow to {@code to}'s staff for the listed purposes (POLICY.md rule 5). Restricted items of those
 * categories flow on implied consent for direct care only when {@code restrictedOnImpliedConsent} says so (rule 8).
 *
 * @param end the last day the agreement is in force, or {@code null} while it runs until terminated
 */
public record SharingAgreement(
        String id,
        AgencyId from,
        AgencyId to,
        Set<Category> categories,
        Set<Purpose> purposes,
        boolean restrictedOnImpliedConsent,
        LocalDate start,
        LocalDate end) {

    public SharingAgreement {
        Slugs.require(id, "sharing agreement id");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(start, "start");
        categories = Coded.setOf(Category.class, categories);
        purposes = Coded.setOf(Purpose.class, purposes);
        String agreement = "sharing agreement '" + id + "'";
        if (from.equals(to)) {
            throw new IllegalArgumentException(toItself(agreement, from.value()));
        }
        if (end != null && end.isBefore(start)) {
            throw new IllegalArgumentException(endsBeforeItStarts(agreement, start, end));
        }
        if (restrictedOnImpliedConsent && !purposes.contains(Purpose.DIRECT_CARE)) {
            throw new IllegalArgumentException(restrictedWithoutDirectCare(agreement));
        }
    }

    /** Whether the agreement is in force on that day; start and end days are both inside it. */
    public boolean isActiveOn(LocalDate day) {
        return !day.isBefore(start) && (end == null || !day.isAfter(end));
    }

    /** Whether items of the category may flow under it for the purpose, whatever the day. */
    public boolean covers(Category category, Purpose purpose) {
        return categories.contains(category) && purposes.contains(purpose);
    }

    static String toItself(String agreement, String agency) {
        return agreement + " is from agency '" + agency + "' to itself";
    }

    static String endsBeforeItStarts(String agreement, LocalDate start, LocalDate end) {
        return agreement + " ends (" + end + ") before it starts (" + start + ")";
    }

    static String restrictedWithoutDirectCare(String agreement) {
        return agreement + " lets restricted items flow on implied consent, which applies to direct care only, but"
                + " it does not cover 'direct-care'";
    }
}
