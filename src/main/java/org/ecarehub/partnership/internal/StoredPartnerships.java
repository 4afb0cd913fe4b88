package org.ecarehub.partnership.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.PartnershipApplied;
import org.ecarehub.partnership.PartnershipFile;
import org.ecarehub.partnership.PartnershipSnapshot;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.transparency.EventType;
import org.ecarehub.transparency.LogEvent;
import org.ecarehub.transparency.TransparencyLog;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the configuration in force in memory and looks for a newer version in the database at most once per
 * refresh interval, so that a change made on another node reaches this one within that interval.
 */
@Service
class StoredPartnerships implements Partnerships {

    private static final PartnershipSnapshot NONE = new PartnershipSnapshot(0, Partnership.empty(), Instant.EPOCH);

    private final PartnershipVersions versions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransparencyLog log;
    private final Duration refreshInterval;

    private volatile PartnershipSnapshot snapshot = NONE;
    private volatile Instant checkedAt = Instant.EPOCH;
    private final ReentrantLock refreshing = new ReentrantLock();

    StoredPartnerships(
            PartnershipVersions versions,
            ApplicationEventPublisher events,
            Clock clock,
            TransparencyLog log,
            @Value("${ecare.partnership.refresh-interval:1s}") Duration refreshInterval) {
        this.versions = versions;
        this.events = events;
        this.clock = clock;
        this.log = log;
        this.refreshInterval = refreshInterval;
    }

    @Override
    public PartnershipSnapshot current() {
        Instant now = clock.instant();
        if (snapshot == NONE) {
            // Nothing to answer with yet (the hub is starting): wait for the first look.
            refreshing.lock();
            try {
                if (snapshot == NONE) {
                    refresh(now);
                }
            } finally {
                refreshing.unlock();
            }
        } else if (now.isAfter(checkedAt.plus(refreshInterval)) && refreshing.tryLock()) {
            // One thread looks; the others answer with the snapshot they have, at most an interval old. Waiting for the
            // looking thread deadlocked a loaded hub: it needed a pooled connection that waiting threads' transactions
            // held, while they waited for it.
            try {
                refresh(now);
            } finally {
                refreshing.unlock();
            }
        }
        return snapshot;
    }

    private void refresh(Instant now) {
        if (versions.latestVersion() != snapshot.version()) {
            install(versions.latest()
                    .map(stored -> new PartnershipSnapshot(
                            stored.version(), parseStored(stored.source(), stored.document()), stored.appliedAt()))
                    .orElse(NONE));
        }
        checkedAt = now;
    }

    /** Puts a version read from the database in force, unless a newer one is in force already (applied meanwhile). */
    private synchronized void install(PartnershipSnapshot read) {
        if (read.version() > snapshot.version()) {
            snapshot = read;
        }
    }

    private static Partnership parseStored(String source, String document) {
        PartnershipFile.Result result = PartnershipFile.parse(source, document);
        if (!result.problems().isEmpty()) {
            // Only valid files are stored, so this means the stored row was altered or the rules grew stricter.
            throw new IllegalStateException("the stored partnership version is no longer valid: "
                    + result.problems().get(0));
        }
        return result.orElseThrow();
    }

    @Override
    @Transactional
    public synchronized PartnershipSnapshot apply(String source, String yamlText, String appliedBy) {
        PartnershipFile.Result result = PartnershipFile.parse(source, yamlText);
        if (!result.problems().isEmpty()) {
            throw new PartnershipRejected(result.problems());
        }
        String sha256 = sha256(yamlText);
        var latest = versions.latest();
        if (latest.isPresent() && latest.get().sha256().equals(sha256)) {
            refresh(clock.instant());
            return snapshot;
        }
        Instant now = clock.instant();
        int version = versions.insertNext(result.orElseThrow().name(), yamlText, sha256, source, appliedBy, now);
        // Inside the transaction: when the log cannot record the change, the change is rolled back.
        log.append(new LogEvent(
                EventType.CONFIGURATION,
                now,
                new LogEvent.Who("hub", appliedBy, null, List.of()),
                new LogEvent.What(
                        "apply", List.of(), List.of("partnership-version-" + version, "sha256-" + sha256), null),
                null,
                LogEvent.Why.of("administration", version)));
        snapshot = new PartnershipSnapshot(version, result.orElseThrow(), now);
        checkedAt = now;
        events.publishEvent(new PartnershipApplied(version, source, appliedBy));
        return snapshot;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
