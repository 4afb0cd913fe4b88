package org.ecarehub.access;

import java.time.LocalDate;
import java.util.Objects;
import org.ecarehub.partnership.Action;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.Username;

/**
 * May this staff account, for this purpose, take this action on an item of this category and sensitivity, owned by
 * this agency, today?
 *
 * @param justification the user's words for a protection purpose; null when none was given
 */
public record StaffAccessRequest(
        Username user,
        Purpose purpose,
        Action action,
        Category category,
        Sensitivity sensitivity,
        AgencyId owner,
        String justification,
        LocalDate today) {

    public StaffAccessRequest {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(sensitivity, "sensitivity");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(today, "today");
    }

    public boolean justified() {
        return justification != null && !justification.isBlank();
    }
}
