package org.ecarehub.record.internal;

import java.util.Collection;
import java.util.Optional;
import org.ecarehub.access.AccessItem;
import org.ecarehub.access.ChallengeableItems;
import org.ecarehub.record.RecordItemId;
import org.ecarehub.shared.PersonId;
import org.springframework.stereotype.Component;

/**
 * Tells the access module's challenges what a record item is, so that a correction is asked only of a real item that
 * the decision then lets the requester see. A draft is no item to anyone outside its agency (decision 0019).
 */
@Component
class RecordChallengeableItems implements ChallengeableItems {

    private final RecordStore store;

    RecordChallengeableItems(RecordStore store) {
        this.store = store;
    }

    @Override
    public Optional<AccessItem> item(Collection<PersonId> persons, String reference) {
        return RecordItemId.parse(reference)
                .flatMap(store::item)
                .filter(stored -> !stored.draft())
                .filter(stored -> persons.contains(stored.item().person()))
                .map(StoredItem::accessItem);
    }
}
