package org.ecarehub.consent.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.ecarehub.person.Actor;
import org.ecarehub.shared.PersonId;
import org.ecarehub.transparency.EventType;
import org.ecarehub.transparency.LogEvent;
import org.ecarehub.transparency.TransparencyLog;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes each change of the module to the transparency log, marks the people it touched as changed for every node's
 * cache, and publishes it as an application event, all inside the change's transaction: when the log cannot record
 * it, the append throws and the whole change rolls back.
 *
 * <p>Log events name consents, authorities and withholdings by the module's numbers, and carry no justification or
 * reference: a practitioner may have written about the person there.
 */
@Component
class ConsentJournal {

    /** Keeping consents, authorities and withholdings is administration, not the care of one person. */
    static final String ADMINISTRATION = "administration";

    private final TransparencyLog log;
    private final ApplicationEventPublisher events;
    private final JdbcClient jdbc;
    private final ConsentCache cache;
    private final Clock clock;

    ConsentJournal(
            TransparencyLog log, ApplicationEventPublisher events, JdbcClient jdbc, ConsentCache cache, Clock clock) {
        this.log = log;
        this.events = events;
        this.jdbc = jdbc;
        this.cache = cache;
        this.clock = clock;
    }

    /** Now, to the millisecond, as the log and both databases keep it, so a stored change reads back equal. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }

    /**
     * Logs a change about a person.
     *
     * @param purpose the purpose the change serves: a consent's own purpose, else administration
     * @param consent the consent status a consent event records, else null
     */
    void log(
            EventType type,
            Actor actor,
            String action,
            PersonId person,
            List<String> categories,
            List<String> items,
            String purpose,
            String consent) {
        log.append(new LogEvent(
                type,
                clock.instant(),
                new LogEvent.Who(
                        actor.kind(),
                        actor.account(),
                        actor.agency() == null ? null : actor.agency().value(),
                        actor.roles()),
                new LogEvent.What(action, categories, items, null),
                person,
                new LogEvent.Why(purpose, null, List.of(), null, null, consent, null, actor.configurationVersion())));
    }

    /** Marks the people as changed, for every node, and drops them from this node's cache once the change commits. */
    void changed(Set<PersonId> people) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("changes to consents need a transaction");
        }
        Timestamp at = Timestamp.from(clock.instant());
        for (PersonId person : people) {
            jdbc.sql("insert into consent_change (person_id, changed_at) values (?, ?)")
                    .params(person.value(), at)
                    .update();
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                cache.evict(people);
            }
        });
    }

    void publish(Object event) {
        events.publishEvent(event);
    }
}
