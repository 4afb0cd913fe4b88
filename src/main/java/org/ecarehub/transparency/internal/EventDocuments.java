package org.ecarehub.transparency.internal;

import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ecarehub.transparency.LogEvent;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON of an event as the log commits to it (format version 1). An event is written twice: when appended,
 * without the person's chain; when sequenced, with the person's sequence number and the leaf index of their
 * previous event, in its final canonical form.
 */
final class EventDocuments {

    static final int FORMAT_VERSION = 1;

    private static final JsonMapper JSON = JsonMapper.builder().build();

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
     * The final canonical JSON: the pending document with the person's sequence number and the leaf index of their
     * previous event, or unchanged for an event about nobody.
     *
     * @param previousLeaf the leaf index of the person's previous event, or -1 for their first
     */
    @SuppressWarnings("unchecked")
    static String sequenced(String pending, long personSequence, long previousLeaf) {
        Map<String, Object> document = JSON.readValue(pending, Map.class);
        Object whom = document.get("whom");
        if (!(whom instanceof Map<?, ?>)) {
            return pending;
        }
        Map<String, Object> chain = (Map<String, Object>) whom;
        chain.put("seq", personSequence);
        if (previousLeaf >= 0) {
            chain.put("previous", previousLeaf);
        }
        return CanonicalJson.write(document);
    }

    /** The person's chain as the final event states it, for checking a person's history for gaps. */
    @SuppressWarnings("unchecked")
    static Chain chainOf(String sequenced) {
        Map<String, Object> document = JSON.readValue(sequenced, Map.class);
        if (!(document.get("whom") instanceof Map<?, ?> whom)) {
            return null;
        }
        Object person = whom.get("person");
        Object seq = whom.get("seq");
        Object previous = whom.get("previous");
        return new Chain(
                String.valueOf(person),
                seq instanceof Number number ? number.longValue() : -1,
                previous instanceof Number number ? number.longValue() : -1);
    }

    record Chain(String person, long sequence, long previousLeaf) {}

    private static Map<String, Object> who(LogEvent.Who who) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("kind", who.kind());
        map.put("account", who.account());
        map.put("agency", who.agency());
        map.put("roles", List.copyOf(who.roles()));
        return map;
    }

    private static Map<String, Object> what(LogEvent.What what) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("action", what.action());
        map.put("categories", what.categories());
        map.put("items", what.items());
        map.put("recipient", what.recipient());
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
        return map;
    }
}
