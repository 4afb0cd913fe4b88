package org.ecarehub.person.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.ecarehub.person.Actor;
import org.ecarehub.shared.PersonId;
import org.ecarehub.transparency.EventType;
import org.ecarehub.transparency.LogEvent;
import org.ecarehub.transparency.TransparencyLog;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Writes each change of the index to the transparency log and publishes it as an application event, inside the
 * change's transaction: when the log cannot record it, the append throws and the whole change rolls back.
 *
 * <p>Log events name records, merges, decisions and review tasks by the index's own numbers ({@code
 * agency-record-12}), never by an agency's id for a person, and carry no reviewer's reason: a reviewer may have
 * written about the person.
 */
@Component
class Journal {

    /** The purpose of keeping the index: administration, not the care of one person. */
    static final String PURPOSE = "administration";

    private final TransparencyLog log;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ThreadLocal<List<LogEvent>> held = new ThreadLocal<>();

    Journal(TransparencyLog log, ApplicationEventPublisher events, Clock clock) {
        this.log = log;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Runs a bulk change with its log events held back and appended together at its end, still inside its
     * transaction: a failed append throws and the whole change rolls back, as with one append at a time, but the
     * change waits for one commit of the log instead of one for each event. Nothing leaves the hub before the
     * transaction commits.
     */
    <T> T batched(java.util.function.Supplier<T> change) {
        if (held.get() != null) {
            return change.get();
        }
        List<LogEvent> events = new java.util.ArrayList<>();
        held.set(events);
        try {
            T result = change.get();
            if (!events.isEmpty()) {
                log.appendAll(events);
            }
            return result;
        } finally {
            held.remove();
        }
    }

    private void append(LogEvent event) {
        List<LogEvent> events = held.get();
        if (events != null) {
            events.add(event);
        } else {
            log.append(event);
        }
    }

    Instant now() {
        return clock.instant();
    }

    /** Logs a change of the index about a person (the record's own person, for a record). */
    void log(Actor actor, String action, PersonId person, List<String> items, List<String> rules) {
        append(new LogEvent(
                EventType.PERSON_INDEX,
                clock.instant(),
                who(actor),
                new LogEvent.What(action, List.of("demographics"), items, null),
                person,
                new LogEvent.Why(PURPOSE, null, rules, null, null, null, null, actor.configurationVersion())));
    }

    /**
     * Logs an access decision about writing an agency's record, before the write.
     *
     * @param person the record's own person, when the index holds the record already; else null
     */
    void logAccess(Actor actor, String action, boolean allowed, String rule, PersonId person, List<String> items) {
        append(new LogEvent(
                EventType.ACCESS,
                clock.instant(),
                who(actor),
                new LogEvent.What(action, List.of("demographics"), items, null),
                person,
                new LogEvent.Why(
                        PURPOSE,
                        allowed ? "allow" : "deny",
                        List.of(rule),
                        null,
                        null,
                        null,
                        null,
                        actor.configurationVersion())));
    }

    void publish(Object event) {
        events.publishEvent(event);
    }

    static LogEvent.Who who(Actor actor) {
        return new LogEvent.Who(
                actor.kind(),
                actor.account(),
                actor.agency() == null ? null : actor.agency().value(),
                actor.roles());
    }

    static String record(long id) {
        return "agency-record-" + id;
    }

    static String version(long id, int version) {
        return "agency-record-" + id + "/version-" + version;
    }
}
