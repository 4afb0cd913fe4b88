package org.ecarehub.person.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.ecarehub.person.Person;
import org.ecarehub.shared.PersonId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * People as {@link org.ecarehub.person.PersonIndex#person} answers, kept in memory: every access decision about a
 * person reads them first. Only a person neither merged into another nor joined by one is kept, as their answer
 * depends on no other person.
 *
 * <p>Any change to the index empties the cache: on this node when the writing transaction ends, on every other node
 * when its poller sees the writers' generation ({@code person_index_writer.generation}, raised by every change) move.
 * Changes are rare beside reads, and one number to poll keeps every node true without a table of changes. A load that
 * began before an emptying does not keep what it read; while the generation cannot be read, nothing is kept, since a
 * node that cannot hear of changes must not answer from what it held.
 */
@Component
class PersonCache implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PersonCache.class);

    /** A person as read from the tables, and whether their answer may be kept. */
    record Loaded(Optional<Person> person, boolean keep) {}

    private final JdbcClient jdbc;
    private final PersonIndexSettings settings;
    private final Map<PersonId, Person> people = new ConcurrentHashMap<>();
    /** Counts emptyings, so that a load that raced one does not keep what it read. */
    private final AtomicLong emptied = new AtomicLong();

    private volatile boolean trusted = true;
    private long generation;
    private ScheduledExecutorService poller;

    PersonCache(JdbcClient jdbc, PersonIndexSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    @Override
    public void afterPropertiesSet() {
        generation = readGeneration();
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "person-cache-poll");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.cache().poll().toMillis();
        poller.scheduleWithFixedDelay(this::pollSafely, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        poller.shutdownNow();
    }

    Optional<Person> person(PersonId id, Function<PersonId, Loaded> load) {
        Person cached = people.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        long before = emptied.get();
        Loaded loaded = load.apply(id);
        if (loaded.keep()
                && loaded.person().isPresent()
                && trusted
                && settings.cache().size() > 0) {
            if (people.size() >= settings.cache().size()) {
                // One entry per person read since the last change; emptying is simpler than tracking use.
                empty();
                return loaded.person();
            }
            Person person = loaded.person().get();
            people.put(id, person);
            // An emptying counted after the load began may have run before the put: drop what may be stale. One
            // counted after this check clears the entry itself, since it counts before it clears.
            if (emptied.get() != before) {
                people.remove(id, person);
            }
        }
        return loaded.person();
    }

    void empty() {
        emptied.incrementAndGet();
        people.clear();
    }

    int size() {
        return people.size();
    }

    /** Empties the cache when another node (or this one) has changed the index since the last poll. */
    synchronized void poll() {
        long now = readGeneration();
        if (now != generation) {
            empty();
            generation = now;
        }
    }

    private void pollSafely() {
        try {
            poll();
            trusted = true;
        } catch (RuntimeException e) {
            trusted = false;
            empty();
            log.warn("cannot read the person index's generation; people are read from the tables until it can", e);
        }
    }

    private long readGeneration() {
        return jdbc.sql("select generation from person_index_writer where id = 1")
                .query(Long.class)
                .single();
    }
}
