package org.ecarehub.record;

import java.time.LocalDate;
import java.util.Objects;
import org.ecarehub.shared.AgencyId;

/**
 * That an agency holds an item withheld from the person and their representatives (POLICY.md W2), under which
 * exemption and until its review: no more of the item, not even its category.
 */
public record WithheldNotice(AgencyId owner, String exemption, LocalDate until) {

    public WithheldNotice {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(exemption, "exemption");
        Objects.requireNonNull(until, "until");
    }
}
