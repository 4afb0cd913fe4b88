package org.ecarehub.person;

import java.util.Objects;
import org.ecarehub.shared.PersonId;

/**
 * What the import of one agency record did: stored it and linked it to a person, or found that the agency already holds
 * a record with that local id and stored nothing.
 *
 * @param person the person the record belongs to now
 * @param created whether the record was stored; false when it was already held
 */
public record RecordImport(AgencyRecordId record, PersonId person, boolean created) {

    public RecordImport {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(person, "person");
    }
}
