package org.ecarehub.access;

import java.util.Objects;
import org.ecarehub.partnership.Category;

/**
 * A portal account's view of an item or access event of a person (POLICY.md P1 to P4, W1 and W2): the viewer is the
 * person themself or a representative under an authority.
 *
 * @param bound a verification step bound the account to its person-index entry (P1)
 * @param representation the authority and what bears on it, when the viewer acts for someone else; null when the
 *     viewer is the person themself
 * @param withheld the withholding in force on the item or event, or null when none is
 */
public record PortalAccess(
        boolean bound,
        RepresentativeAccess representation,
        Withheld withheld,
        Category category,
        Sensitivity sensitivity) {

    public PortalAccess {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(sensitivity, "sensitivity");
    }
}
