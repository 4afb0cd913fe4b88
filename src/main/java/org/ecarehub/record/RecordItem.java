package org.ecarehub.record;

import java.time.Instant;
import org.ecarehub.access.Sensitivity;
import org.ecarehub.partnership.Category;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;

/**
 * One item of a person's record as it is now: what it is, whose it is, where it is in its life, and its latest
 * version. Earlier versions are its history.
 *
 * @param owner the agency that owns the item: the agency of whoever created it
 * @param supersededBy for a superseded assessment, the signed assessment that replaced it; else null
 * @param current the latest version
 * @param created when the item's first version was written: an alert is raised, a plan made, then
 */
public record RecordItem(
        RecordItemId id,
        PersonId person,
        RecordKind kind,
        Category category,
        Sensitivity sensitivity,
        AgencyId owner,
        ItemStatus status,
        RecordItemId supersededBy,
        ItemVersion current,
        Instant created) {

    /** The latest version's number: what an edit must name. */
    public int version() {
        return current.number();
    }

    public RecordContent content() {
        return current.content();
    }

    /** The latest content as the kind's own type. */
    public <T extends RecordContent> T content(Class<T> type) {
        return type.cast(current.content());
    }

    /** When the item was last written. */
    public Instant updated() {
        return current.at();
    }
}
