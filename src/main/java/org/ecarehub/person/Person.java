package org.ecarehub.person;

import java.util.List;
import org.ecarehub.shared.PersonId;

/**
 * A person as the index knows them now: the current version of every agency record that is theirs, their own and
 * those of the persons merged into them.
 *
 * @param merged the persons merged into this one by merges in force, directly or through another
 */
public record Person(PersonId id, List<AgencyRecordVersion> records, List<PersonId> merged) {

    public Person {
        records = List.copyOf(records);
        merged = List.copyOf(merged);
    }
}
