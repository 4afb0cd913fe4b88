package org.ecarehub.access;

import java.util.Objects;
import org.ecarehub.partnership.Category;
import org.ecarehub.shared.AgencyId;

/**
 * One item of a person's record as the decision sees it: the owning module's id for it, its category, its sensitivity
 * and the agency that owns it. The id goes into the transparency log, so it must name the item, never describe it.
 */
public record AccessItem(String id, Category category, Sensitivity sensitivity, AgencyId owner) {

    public AccessItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(sensitivity, "sensitivity");
        Objects.requireNonNull(owner, "owner");
    }
}
