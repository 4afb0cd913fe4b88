package org.ecarehub.consent;

import java.time.LocalDate;
import java.util.Set;
import org.ecarehub.partnership.Category;
import org.ecarehub.shared.PersonId;

/**
 * An authority or nomination as a practitioner asks for it to be recorded; it is verified in a separate step.
 *
 * @param reference the registration reference (Office of the Public Guardian, court order); required for attorneys
 *     and guardians
 * @param categories the guardianship order's categories, or those the person chose for a nominee
 * @param end the last day in force, or null for open-ended
 */
public record AuthorityDraft(
        PersonId person,
        PersonId representative,
        Authority.Kind kind,
        String reference,
        Set<Category> categories,
        LocalDate start,
        LocalDate end) {

    public AuthorityDraft {
        categories = categories == null ? Set.of() : Set.copyOf(categories);
    }
}
