package org.ecarehub.record;

import java.util.List;
import org.ecarehub.shared.PersonId;

/**
 * A person's record as one requester may see it: every item the decision allowed, in the order they were created.
 * An unknown person and one with nothing the requester may see look the same: no items.
 */
public record PersonRecord(PersonId person, List<ItemView> items) {

    public PersonRecord {
        items = List.copyOf(items);
    }

    public List<ItemView> ofKind(RecordKind kind) {
        return items.stream().filter(view -> view.item().kind() == kind).toList();
    }
}
