package org.ecarehub.consent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.ecarehub.partnership.AgencyType;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.person.Actor;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;

/**
 * One recorded consent decision; never changed once recorded. A later decision for the same purpose, recipients and
 * categories supersedes it by being later.
 *
 * @param categories the categories it is about; empty means every category
 * @param onBehalfOf the representative who decided, or null when the person decided themself
 * @param end the last day in force, or null for open-ended
 */
public record Consent(
        ConsentId id,
        PersonId person,
        Purpose purpose,
        Set<Category> categories,
        List<Recipient> recipients,
        ConsentState status,
        Actor recordedBy,
        OnBehalfOf onBehalfOf,
        ConsentEvidence evidence,
        LocalDate start,
        LocalDate end,
        Instant recordedAt) {

    public Consent {
        categories = Set.copyOf(categories);
        recipients = List.copyOf(recipients);
    }

    public boolean inForceOn(LocalDate day) {
        return !day.isBefore(start) && (end == null || !day.isAfter(end));
    }

    /** Whether this decision is about sharing the category for the purpose with the recipient on the day. */
    public boolean appliesTo(
            Purpose purpose, AgencyId recipient, AgencyType recipientType, Category category, LocalDate day) {
        return this.purpose == purpose
                && inForceOn(day)
                && (categories.isEmpty() || categories.contains(category))
                && recipients.stream().anyMatch(r -> r.includes(recipient, recipientType));
    }
}
