package org.ecarehub.protection.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ecarehub.person.Actor;
import org.ecarehub.shared.PersonId;
import org.ecarehub.transparency.EventType;
import org.ecarehub.transparency.LogEvent;
import org.ecarehub.transparency.TransparencyLog;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Writes each change of a protection message to the transparency log, one {@code protection} event for each person it
 * names, and publishes the change, inside the change's transaction: when the log cannot record it the append throws
 * and the change rolls back. Events name the message, routing, team and role by their ids and codes; the concern,
 * replies and reasons stay in the tables.
 */
@Component
class ProtectionJournal {

    private final TransparencyLog log;
    private final ApplicationEventPublisher events;

    ProtectionJournal(TransparencyLog log, ApplicationEventPublisher events) {
        this.log = log;
        this.events = events;
    }

    void record(
            String verb,
            List<String> items,
            String recipient,
            List<PersonId> people,
            Actor actor,
            String purpose,
            Instant at,
            Object published) {
        List<LogEvent> entries = new ArrayList<>();
        LogEvent.Who who = new LogEvent.Who(
                actor.kind(),
                actor.account(),
                actor.agency() == null ? null : actor.agency().value(),
                actor.roles());
        for (PersonId person : people) {
            entries.add(new LogEvent(
                    EventType.PROTECTION,
                    at,
                    who,
                    new LogEvent.What(verb, List.of("protection"), items, recipient),
                    person,
                    LogEvent.Why.of(purpose, actor.configurationVersion())));
        }
        log.appendAll(entries);
        if (published != null) {
            events.publishEvent(published);
        }
    }
}
