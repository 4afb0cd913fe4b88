package org.ecarehub.record;

import java.util.Objects;
import java.util.Optional;
import org.ecarehub.access.PersonView;

/**
 * A person's summary as one requester may see it: who they are, from the agency records the requester may see, and
 * every item of their record the requester may see, all decided in one decision.
 *
 * @param shown the person's demographics, or null when the requester may see none of their agency records
 */
public record Summary(PersonView shown, PersonRecord record) {

    public Summary {
        Objects.requireNonNull(record, "record");
    }

    public Optional<PersonView> person() {
        return Optional.ofNullable(shown);
    }
}
