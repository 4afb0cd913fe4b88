package org.ecarehub.protection.internal;

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
 * Writes each protection change to the transparency log as a {@link EventType#PROTECTION} event and publishes its
 * application event, inside the change's transaction: when the log cannot record it the append throws and the change
 * rolls back. The log names things by ids; reasons and concerns stay in the tables.
 */
@Component
class RegisterJournal {

    private final TransparencyLog log;
    private final ApplicationEventPublisher events;

    RegisterJournal(TransparencyLog log, ApplicationEventPublisher events) {
        this.log = log;
        this.events = events;
    }

    /**
     * @param verb what was done: {@code register}, {@code review}, {@code link-birth}, {@code change-lead},
     *     {@code deregister}, {@code start-looked-after}, {@code end-looked-after}, {@code open-inquiry},
     *     {@code advance}, {@code attendance}
     * @param category the POLICY.md category of what changed
     * @param items the ids of what changed, with its version or status as {@code version-2}, {@code status:closed}
     * @param recipient the team told of it or responsible for it, or null
     */
    void record(
            Object event,
            Instant at,
            Actor actor,
            String verb,
            String category,
            List<String> items,
            String recipient,
            PersonId person,
            String purpose) {
        log.append(new LogEvent(
                EventType.PROTECTION,
                at,
                new LogEvent.Who(
                        actor.kind(),
                        actor.account(),
                        actor.agency() == null ? null : actor.agency().value(),
                        actor.roles()),
                new LogEvent.What(verb, List.of(category), items, recipient),
                person,
                LogEvent.Why.of(purpose, actor.configurationVersion())));
        events.publishEvent(event);
    }
}
