package org.ecarehub.person;

import java.util.Set;
import org.ecarehub.shared.PersonId;

/**
 * A person a search found, with the records that matched it each by itself: whoever shows the person must know which
 * records gave them away, since a match on a record the viewer may not see would confirm a detail only it holds.
 */
public record PersonMatch(PersonId person, Set<AgencyRecordId> records) {

    public PersonMatch {
        records = Set.copyOf(records);
    }
}
