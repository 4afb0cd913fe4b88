package org.ecarehub.person;

import java.util.Objects;

/** An agency's record of a person as the agency submits it: its id and its demographics as they are now. */
public record AgencyRecord(AgencyRecordId id, Demographics demographics) {

    public AgencyRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(demographics, "demographics");
    }
}
