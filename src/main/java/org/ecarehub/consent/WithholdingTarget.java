package org.ecarehub.consent;

import java.util.Objects;
import org.ecarehub.shared.Username;

/**
 * What a withholding hides: one record item, or one access event of the person's access history. Exactly one of
 * {@code item} and {@code accessEvent} is set.
 *
 * @param item the owning module's opaque id for the item
 * @param accessEvent the transparency log's event id of the access
 * @param accessedBy the account that made the access, for an access event
 */
public record WithholdingTarget(String item, Long accessEvent, Username accessedBy) {

    public WithholdingTarget {
        if ((item == null) == (accessEvent == null)) {
            throw new IllegalArgumentException("a withholding hides either a record item or an access event");
        }
        if (item != null && (item.isBlank() || item.length() > 200)) {
            throw new IllegalArgumentException("a record item id must have 1 to 200 characters");
        }
        if (accessEvent != null) {
            Objects.requireNonNull(accessedBy, "the account that made the access");
        }
    }

    public static WithholdingTarget item(String item) {
        return new WithholdingTarget(item, null, null);
    }

    public static WithholdingTarget accessEvent(long eventId, Username accessedBy) {
        return new WithholdingTarget(null, eventId, accessedBy);
    }

    public boolean isAccessEvent() {
        return accessEvent != null;
    }

    /** As logged: {@code item:...} or {@code access-event-12}. */
    public String code() {
        return isAccessEvent() ? "access-event-" + accessEvent : "item:" + item;
    }
}
