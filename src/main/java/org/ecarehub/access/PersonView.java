package org.ecarehub.access;

import java.util.List;
import org.ecarehub.person.AgencyRecordId;
import org.ecarehub.person.Demographics;
import org.ecarehub.shared.PersonId;

/**
 * A person as one caller may see them: only the agency records whose demographics the decision allowed, each with the
 * identifier and details its agency holds.
 */
public record PersonView(PersonId id, List<Shown> records) {

    public PersonView {
        records = List.copyOf(records);
    }

    /** One agency's record of the person, as the caller was allowed to see it. */
    public record Shown(AgencyRecordId id, Demographics demographics) {}
}
