package org.ecarehub.record;

import java.util.List;
import org.ecarehub.shared.PersonId;

/**
 * A person's record as one requester may see it: every item the decision allowed, in the order they were created.
 * An unknown person and one with nothing the requester may see look the same: no items.
 *
 * @param withheld for a portal account, the notices W2 allows of items withheld from it (exemption and until when),
 *     never one for a withholding that neither confirms nor denies; empty for everyone else
 */
public record PersonRecord(PersonId person, List<ItemView> items, List<WithheldNotice> withheld) {

    public PersonRecord {
        items = List.copyOf(items);
        withheld = List.copyOf(withheld);
    }

    public PersonRecord(PersonId person, List<ItemView> items) {
        this(person, items, List.of());
    }

    public List<ItemView> ofKind(RecordKind kind) {
        return items.stream().filter(view -> view.item().kind() == kind).toList();
    }
}
