package org.ecarehub.partnership.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.ecarehub.partnership.PartnershipSnapshot;
import org.junit.jupiter.api.Test;

class StoredPartnershipsTests {

    private static final Instant START = Instant.parse("2026-11-26T09:00:00Z");

    /**
     * The thread that looks for a newer version may wait for a pooled connection that other threads' transactions
     * hold; had those threads to wait for the look, neither side would move (a loaded hub stalled for the pool's
     * timeout this way). They answer with the version they have instead.
     */
    @Test
    void whileOneThreadLooksForANewerVersionTheOthersAnswerAtOnceWithTheVersionInForce() throws Exception {
        CountDownLatch looking = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Versions versions = new Versions(document());
        MovingClock clock = new MovingClock();
        StoredPartnerships partnerships =
                new StoredPartnerships(versions, event -> {}, clock, null, Duration.ofSeconds(1));
        PartnershipSnapshot first = partnerships.current();
        assertThat(first.version()).isEqualTo(1);

        clock.now = START.plusSeconds(5);
        versions.blockNextLook(looking, release);
        CompletableFuture<PartnershipSnapshot> looker = CompletableFuture.supplyAsync(partnerships::current);
        assertThat(looking.await(5, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<PartnershipSnapshot> other = CompletableFuture.supplyAsync(partnerships::current);
        assertThat(other.get(2, TimeUnit.SECONDS)).isSameAs(first);

        versions.version = 2;
        release.countDown();
        assertThat(looker.get(5, TimeUnit.SECONDS).version()).isEqualTo(2);
        assertThat(partnerships.current().version()).isEqualTo(2);
    }

    private static String document() throws IOException {
        try (InputStream in =
                StoredPartnershipsTests.class.getClassLoader().getResourceAsStream("demo/partnership.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static final class MovingClock extends Clock {

        volatile Instant now = START;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    /** The stored versions, in memory; a look can be made to wait, as for a connection from an exhausted pool. */
    private static final class Versions extends PartnershipVersions {

        private final String document;
        volatile int version = 1;
        private volatile CountDownLatch looking;
        private volatile CountDownLatch release;

        Versions(String document) {
            super(null);
            this.document = document;
        }

        void blockNextLook(CountDownLatch looking, CountDownLatch release) {
            this.looking = looking;
            this.release = release;
        }

        @Override
        int latestVersion() {
            CountDownLatch blocked = release;
            if (blocked != null) {
                release = null;
                looking.countDown();
                try {
                    blocked.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return version;
        }

        @Override
        Optional<StoredVersion> latest() {
            return Optional.of(new StoredVersion(version, document, "sha", "test", START));
        }
    }
}
