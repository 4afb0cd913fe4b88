package org.ecarehub.partnership;

import java.util.Objects;
import org.ecarehub.shared.AgencyId;

/** A partner agency; it owns the record items it contributes. An inactive agency's staff are refused everything. */
public record Agency(AgencyId id, String name, AgencyType type, boolean active) {

    public Agency {
        Objects.requireNonNull(id, "id");
        Texts.requireText(name, "name of agency " + id);
        Objects.requireNonNull(type, "type");
    }
}
