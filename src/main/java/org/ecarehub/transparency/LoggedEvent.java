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
 * @param occurredAt when a replayed story says the step happened (decision 0037); null for an event logged as it
 *     happened, whose {@code time} says when
 * @param replayed the event is a step of a replayed story (the demo's history)
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
        List<String> rules,
        Instant occurredAt,
        boolean replayed) {

    public LoggedEvent(
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
        this(id, time, type, kind, account, agency, action, categories, items, purpose, decision, rules, null, false);
    }

    /** When the event's step happened: the story's time for a replayed one, else when it was logged. */
    public Instant happenedAt() {
        return occurredAt != null ? occurredAt : time;
    }

    public LoggedEvent {
        categories = categories == null ? List.of() : List.copyOf(categories);
        items = items == null ? List.of() : List.copyOf(items);
        rules = rules == null ? List.of() : List.copyOf(rules);
    }
}
