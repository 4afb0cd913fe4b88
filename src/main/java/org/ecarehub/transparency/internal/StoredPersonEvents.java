package org.ecarehub.transparency.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.ecarehub.shared.PersonId;
import org.ecarehub.transparency.LogUnavailable;
import org.ecarehub.transparency.LoggedEvent;
import org.ecarehub.transparency.PersonEvents;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads people's events back from the log's private table, by the person reference each was stored with. */
@Service
class StoredPersonEvents implements PersonEvents {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    StoredPersonEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<LoggedEvent> about(Collection<PersonId> persons, int limit) {
        return newestBefore(persons, Long.MAX_VALUE, limit);
    }

    @Override
    public List<LoggedEvent> about(Collection<PersonId> persons, long before, int limit) {
        return newestBefore(persons, before, limit);
    }

    // Both facade methods share this, rather than one calling the other: only the access module calls the facade.
    private List<LoggedEvent> newestBefore(Collection<PersonId> persons, long before, int limit) {
        if (persons.isEmpty() || limit <= 0) {
            return List.of();
        }
        List<String> refs = persons.stream().map(PersonId::value).toList();
        try {
            return jdbc.sql("select id, timestamp_ms, event from transparency_event where person_ref in (:refs)"
                            + " and id < :before order by id desc limit :limit")
                    .param("refs", refs)
                    .param("before", before)
                    .param("limit", Math.min(limit, MAX_EVENTS))
                    .query((row, n) -> event(row.getLong(1), row.getLong(2), row.getString(3)))
                    .list();
        } catch (DataAccessException e) {
            throw new LogUnavailable("the log's events cannot be read", e);
        }
    }

    @Override
    public Optional<LoggedEvent> find(Collection<PersonId> persons, long eventId) {
        if (persons.isEmpty()) {
            return Optional.empty();
        }
        List<String> refs = persons.stream().map(PersonId::value).toList();
        try {
            return jdbc.sql("select id, timestamp_ms, event from transparency_event where id = :id"
                            + " and person_ref in (:refs)")
                    .param("id", eventId)
                    .param("refs", refs)
                    .query((row, n) -> event(row.getLong(1), row.getLong(2), row.getString(3)))
                    .optional();
        } catch (DataAccessException e) {
            throw new LogUnavailable("the log's events cannot be read", e);
        }
    }

    private static LoggedEvent event(long id, long timestamp, String document) {
        JsonNode event = JSON.readTree(document);
        JsonNode who = event.path("who");
        JsonNode what = event.path("what");
        JsonNode why = event.path("why");
        return new LoggedEvent(
                id,
                Instant.ofEpochMilli(timestamp),
                text(event, "type"),
                text(who, "kind"),
                text(who, "account"),
                text(who, "agency"),
                text(what, "action"),
                texts(what.path("categories")),
                texts(what.path("items")),
                text(why, "purpose"),
                text(why, "decision"),
                texts(why.path("rules")),
                what.has("occurredAt") ? Instant.parse(what.path("occurredAt").asString()) : null,
                what.path("replayed").asBoolean(false));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNull() || value.isMissingNode() ? null : value.asString();
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }
}
