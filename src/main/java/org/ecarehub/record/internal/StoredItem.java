package org.ecarehub.record.internal;

import org.ecarehub.access.AccessItem;
import org.ecarehub.record.ItemStatus;
import org.ecarehub.record.RecordItem;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.Username;

/**
 * A record item as stored, with who created it: an assessment's assessor, the one member of staff who may sign it off.
 *
 * @param createdBy the member of staff who created the item; null when an agency's system did on its own
 */
record StoredItem(RecordItem item, Username createdBy) {

    /** The item as the access decision sees it: its id, category, sensitivity and owner, nothing of its content. */
    AccessItem accessItem() {
        return new AccessItem(item.id().reference(), item.category(), item.sensitivity(), item.owner());
    }

    boolean draft() {
        return item.status() == ItemStatus.DRAFT;
    }

    /** A draft is seen only within the agency that owns it (decision 0019): to anyone else it does not exist. */
    boolean hiddenFrom(AgencyId agency) {
        return draft() && !item.owner().equals(agency);
    }
}
