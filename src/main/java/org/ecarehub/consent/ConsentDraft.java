package org.ecarehub.consent;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.shared.PersonId;

/**
 * A consent decision as someone asks for it to be recorded; {@link Consents#record} checks it and refuses what does
 * not hold together.
 *
 * @param categories the categories it is about; empty means every category
 * @param status {@link ConsentState#GIVEN}, {@link ConsentState#REFUSED} or {@link ConsentState#WITHDRAWN}
 * @param onBehalfOf the representative who decided, or null when the person decided themself
 * @param end the last day in force, or null for open-ended
 */
public record ConsentDraft(
        PersonId person,
        Purpose purpose,
        Set<Category> categories,
        List<Recipient> recipients,
        ConsentState status,
        OnBehalfOf onBehalfOf,
        ConsentEvidence evidence,
        LocalDate start,
        LocalDate end) {

    public ConsentDraft {
        categories = categories == null ? Set.of() : Set.copyOf(categories);
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }
}
