package org.ecarehub.person.population;

import java.util.Objects;
import org.ecarehub.person.matching.PersonRecord;

/**
 * One agency's record of a synthetic person together with the truth of whose it is: the answer a record linkage
 * should find.
 */
public record SourcedRecord(String personKey, PersonRecord record) {

    public SourcedRecord {
        Objects.requireNonNull(personKey, "person key");
        Objects.requireNonNull(record, "record");
    }
}
