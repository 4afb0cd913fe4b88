package org.ecarehub.transparency;

import java.time.Instant;
import java.util.List;

/**
 * One stored event about a person, as the log's private table holds it, for governance pages that show a person's
 * access history. It names things by ids only, as every event does.
 *
 * @param id the event's number in the log's private table
 * @param type the event type's JSON name, such as {@code access}
 * @param account who acted: a staff username, a client id or a portal account; null for the hub
 * @param decision {@code allow}, {@code deny}, or null for events that are no decision
 */
public record LoggedEvent(
        long id,
        Instant time,
        String type,
        String kind,
        String account,
        String agency,
        String action,
        List<String> categories,
        List<String> items,
        String purpose,
        String decision,
        List<String> rules) {

    public LoggedEvent {
        categories = categories == null ? List.of() : List.copyOf(categories);
        items = items == null ? List.of() : List.copyOf(items);
        rules = rules == null ? List.of() : List.copyOf(rules);
    }
}
