package org.ecarehub.access.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ecarehub.person.Actor;
import org.ecarehub.shared.PersonId;
import org.ecarehub.transparency.EventType;
import org.ecarehub.transparency.LogEvent;
import org.ecarehub.transparency.TransparencyLog;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Writes each change of relationships, grants and reviews to the transparency log and publishes it as an application
 * event, inside the change's transaction: when the log cannot record it, the append throws and the change rolls back.
 *
 * <p>Events name things by id ({@code relationship-12}, {@code break-glass-7}, {@code staff:sw.hamilton}) and never
 * carry a reason, note or justification: those are free text a user may have written about the person.
 */
@Component
class AccessJournal {

    private final TransparencyLog log;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ThreadLocal<List<LogEvent>> held = new ThreadLocal<>();

    AccessJournal(TransparencyLog log, ApplicationEventPublisher events, Clock clock) {
        this.log = log;
        this.events = events;
        this.clock = clock;
    }

    /** Now, to the millisecond that the log and both databases keep. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Runs a bulk change with its log events held back and appended together at its end, still inside its
     * transaction: a failed append throws and the whole change rolls back, as with one append at a time. Events that
     * differ only in their items and time (the same kind of change by the same actor about the same person, say six
     * relationships a protection message starts with one child) are appended as one event naming all their items, at
     * the first one's time: the person's history reads as one step, and the log takes one leaf instead of six.
     */
    <T> T batched(java.util.function.Supplier<T> change) {
        if (held.get() != null) {
            return change.get();
        }
        List<LogEvent> events = new ArrayList<>();
        held.set(events);
        try {
            T result = change.get();
            if (!events.isEmpty()) {
                log.appendAll(coalesced(events));
            }
            return result;
        } finally {
            held.remove();
        }
    }

    /** The events, with those that differ only in items and time merged into the first of them, in order. */
    static List<LogEvent> coalesced(List<LogEvent> events) {
        Map<List<Object>, LogEvent> merged = new LinkedHashMap<>();
        for (LogEvent event : events) {
            List<Object> key = Arrays.asList(
                    event.type(),
                    event.who(),
                    event.what().action(),
                    event.what().categories(),
                    event.what().recipient(),
                    event.person(),
                    event.why());
            merged.merge(key, event, (first, next) -> {
                List<String> items = new ArrayList<>(first.what().items());
                items.addAll(next.what().items());
                return new LogEvent(
                        first.type(),
                        first.time(),
                        first.who(),
                        new LogEvent.What(
                                first.what().action(),
                                first.what().categories(),
                                items,
                                first.what().recipient()),
                        first.person(),
                        first.why());
            });
        }
        return List.copyOf(merged.values());
    }

    /**
     * Logs one change, or holds it for its batch's single append.
     *
     * @return the log's id of the event, or 0 when it is held for a batch
     */
    long log(
            EventType type,
            String action,
            List<String> items,
            PersonId person,
            String purpose,
            List<String> rules,
            Actor actor,
            int configurationVersion) {
        LogEvent event = new LogEvent(
                type,
                clock.instant(),
                new LogEvent.Who(
                        actor.kind(),
                        actor.account(),
                        actor.agency() == null ? null : actor.agency().value(),
                        actor.roles()),
                new LogEvent.What(action, List.of(), items, null),
                person,
                new LogEvent.Why(purpose, null, rules, null, null, null, null, configurationVersion));
        List<LogEvent> events = held.get();
        if (events != null) {
            events.add(event);
            return 0;
        }
        return log.append(event).eventId();
    }

    void publish(Object event) {
        events.publishEvent(event);
    }
}
