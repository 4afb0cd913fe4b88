package org.ecarehub.access.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
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
     * transaction: a failed append throws and the whole change rolls back, as with one append at a time.
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

    void log(
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
        } else {
            log.append(event);
        }
    }

    void publish(Object event) {
        events.publishEvent(event);
    }
}
