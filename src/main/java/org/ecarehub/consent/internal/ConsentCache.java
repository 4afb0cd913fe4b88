package org.ecarehub.consent.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.ecarehub.consent.RepresentativeAuthority;
import org.ecarehub.shared.PersonId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The module's read cache, by person. A change drops its people at once on the node that made it (after commit), and
 * on every other node when its poller finds the change's rows in {@code consent_change}.
 *
 * <p>Change numbers are taken in one order but may commit in another, so the poller keeps every number above the last
 * unbroken run it has seen and waits for the gaps, up to {@link ConsentSettings#gapPatience()}, before taking a gap as
 * a rolled-back change. When the database cannot be polled, the whole cache is dropped: a node that cannot hear of
 * changes must not answer from what it held.
 */
@Component
class ConsentCache implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ConsentCache.class);

    private final JdbcClient jdbc;
    private final ConsentSettings settings;
    private final Map<PersonId, CachedPerson> people = new ConcurrentHashMap<>();
    private final Map<PersonId, List<RepresentativeAuthority>> held = new ConcurrentHashMap<>();
    /** Counts evictions, so a load that raced one does not keep what it read. */
    private final AtomicLong evictions = new AtomicLong();

    private ScheduledExecutorService poller;
    private long floor;
    private final TreeSet<Long> seenAboveFloor = new TreeSet<>();
    private Instant gapSince;

    ConsentCache(JdbcClient jdbc, ConsentSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    @Override
    public void afterPropertiesSet() {
        floor = jdbc.sql("select coalesce(max(seq), 0) from consent_change")
                .query(Long.class)
                .single();
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "consent-cache-poll");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.cachePoll().toMillis();
        poller.scheduleWithFixedDelay(this::pollSafely, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        poller.shutdownNow();
    }

    CachedPerson person(PersonId person, Function<PersonId, CachedPerson> load) {
        return read(people, person, load);
    }

    List<RepresentativeAuthority> heldBy(
            PersonId representative, Function<PersonId, List<RepresentativeAuthority>> load) {
        return read(held, representative, load);
    }

    private <T> T read(Map<PersonId, T> cache, PersonId key, Function<PersonId, T> load) {
        T cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        long before = evictions.get();
        T loaded = load.apply(key);
        cache.put(key, loaded);
        // An eviction counted after the load began may have run before the put: drop what may be stale. One counted
        // after this check removes the entry itself, since it counts before it removes.
        if (evictions.get() != before) {
            cache.remove(key, loaded);
        }
        return loaded;
    }

    void evict(Collection<PersonId> changed) {
        evictions.incrementAndGet();
        for (PersonId person : changed) {
            people.remove(person);
            held.remove(person);
        }
    }

    void evictAll() {
        evictions.incrementAndGet();
        people.clear();
        held.clear();
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            evictAll();
            log.warn("cannot read the consent changes of other nodes; the consent cache is dropped until it can", e);
        }
    }

    /** Reads the changes other nodes (and this one) committed since the last poll and drops their people. */
    synchronized void poll() {
        List<Change> changes = jdbc.sql("select seq, person_id from consent_change where seq > ? order by seq")
                .param(floor)
                .query((row, n) -> new Change(row.getLong("seq"), PersonId.of(row.getString("person_id"))))
                .list();
        List<PersonId> fresh = changes.stream()
                .filter(change -> seenAboveFloor.add(change.seq()))
                .map(Change::person)
                .toList();
        if (!fresh.isEmpty()) {
            evict(fresh);
        }
        advance();
        if (seenAboveFloor.isEmpty()) {
            gapSince = null;
        } else if (gapSince == null) {
            gapSince = Instant.now();
        } else if (Duration.between(gapSince, Instant.now()).compareTo(settings.gapPatience()) > 0) {
            floor = seenAboveFloor.first() - 1;
            advance();
            gapSince = seenAboveFloor.isEmpty() ? null : Instant.now();
        }
    }

    private void advance() {
        while (seenAboveFloor.remove(floor + 1)) {
            floor++;
        }
    }

    private record Change(long seq, PersonId person) {}
}
