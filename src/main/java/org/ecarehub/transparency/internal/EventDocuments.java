package org.ecarehub.transparency.internal;

import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ecarehub.transparency.LogEvent;

/**
 * The JSON of an event as the log commits to it (format version 1). The hub stores an event as appended, without
 * the person's chain; the leaf commits to its final form, with the person's sequence number and the leaf index of
 * their previous event, which {@link #sequenced} derives whenever it is needed.
 */
final class EventDocuments {

    static final int FORMAT_VERSION = 1;

    private EventDocuments() {}

    /** The canonical JSON of the event as appended, before its place in the person's chain is known. */
    static String pending(LogEvent event) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("v", FORMAT_VERSION);
        document.put("type", event.type().jsonName());
        document.put("time", DateTimeFormatter.ISO_INSTANT.format(event.time()));
        document.put("who", who(event.who()));
        document.put("what", what(event.what()));
        event.about().ifPresent(person -> document.put("whom", new LinkedHashMap<>(Map.of("person", person.value()))));
        document.put("why", why(event.why()));
        return CanonicalJson.write(document);
    }

    /**
     * The final canonical JSON: the event as appended, with the person's sequence number and the leaf index of their
     * previous event written into its {@code whom}; an event about nobody is unchanged. The members of {@code whom}
     * sort as {@code person}, {@code previous}, {@code seq}, so the result is canonical too. A splice rather than a
     * parse and a new write, because the sequencer and {@code ecare log verify} do it for every event; it is exact
     * because the appended event holds {@code "whom":{"person":...}} once, and a string value cannot hold an
     * unescaped quote.
     *
     * @param previousLeaf the leaf index of the person's previous event, or -1 for their first
     */
    static String sequenced(String pending, String personRef, long personSequence, long previousLeaf) {
        if (personRef == null) {
            return pending;
        }
        String person = "\"whom\":{\"person\":" + CanonicalJson.write(personRef);
        String appended = person + "}";
        int at = pending.indexOf(appended);
        if (at < 0 || pending.indexOf(appended, at + 1) >= 0) {
            throw new IllegalArgumentException("the event does not name its person exactly once");
        }
        StringBuilder chained =
                new StringBuilder(pending.length() + 40).append(pending, 0, at).append(person);
        if (previousLeaf >= 0) {
            chained.append(",\"previous\":").append(previousLeaf);
        }
        return chained.append(",\"seq\":")
                .append(personSequence)
                .append('}')
                .append(pending, at + appended.length(), pending.length())
                .toString();
    }

    private static Map<String, Object> who(LogEvent.Who who) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("kind", who.kind());
        map.put("account", who.account());
        map.put("agency", who.agency());
        map.put("roles", List.copyOf(who.roles()));
        // Written only when present, so that events of every other kind keep the form they were published in.
        if (who.onBehalfOf() != null) {
            map.put("onBehalfOf", who.onBehalfOf());
        }
        return map;
    }

    private static Map<String, Object> what(LogEvent.What what) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("action", what.action());
        map.put("categories", what.categories());
        map.put("items", what.items());
        map.put("recipient", what.recipient());
        // Written only for a replayed step, so that every other event keeps the form it was published in.
        if (what.replayed()) {
            map.put("occurredAt", DateTimeFormatter.ISO_INSTANT.format(what.occurredAt()));
            map.put("replayed", true);
        }
        return map;
    }

    private static Map<String, Object> why(LogEvent.Why why) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("purpose", why.purpose());
        map.put("decision", why.decision());
        map.put("rules", why.rules());
        map.put("lawfulBasis", why.lawfulBasis());
        map.put("sharingAgreement", why.sharingAgreement());
        map.put("consent", why.consent());
        map.put("justification", why.justification());
        map.put("configuration", why.configurationVersion());
        if (!why.flags().isEmpty()) {
            map.put("flags", why.flags());
        }
        return map;
    }
}
