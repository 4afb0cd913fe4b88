package org.ecarehub.request.internal;

import java.util.ArrayList;
import java.util.List;
import org.ecarehub.person.Actor;
import org.ecarehub.request.ServiceRequestStatusChanged;
import org.ecarehub.transparency.EventType;
import org.ecarehub.transparency.LogEvent;
import org.ecarehub.transparency.TransparencyLog;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Writes each step of a request to the transparency log and publishes it, inside the step's transaction: when the
 * log cannot record it the append throws and the whole step rolls back. The event names the request, its status,
 * version and team by their ids; a decline's reason stays in the table, since a reason may describe the person.
 */
@Component
class RequestJournal {

    private final TransparencyLog log;
    private final ApplicationEventPublisher events;

    RequestJournal(TransparencyLog log, ApplicationEventPublisher events) {
        this.log = log;
        this.events = events;
    }

    void record(ServiceRequestStatusChanged change, Actor actor, String verb, String purpose) {
        List<String> items = new ArrayList<>(List.of(
                change.request().reference(),
                "status:" + change.to().code(),
                "version-" + change.version(),
                "team:" + change.team().value()));
        log.append(new LogEvent(
                EventType.SERVICE_REQUEST,
                change.at(),
                new LogEvent.Who(
                        actor.kind(),
                        actor.account(),
                        actor.agency() == null ? null : actor.agency().value(),
                        actor.roles()),
                new LogEvent.What(
                        verb, List.of("service-request"), items, change.team().value()),
                change.person(),
                LogEvent.Why.of(purpose, actor.configurationVersion())));
        events.publishEvent(change);
    }
}
