package org.ecarehub.messaging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTests {

    final Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(15));

    @Test
    void staysWithinTheDoublingCeilingOfEachAttempt() {
        RandomGenerator random = new SplittableRandom(7);
        for (int attempt = 1; attempt <= 30; attempt++) {
            long ceiling = Math.min(Duration.ofMinutes(15).toMillis(), 2_000L << Math.min(attempt - 1, 20));
            for (int i = 0; i < 200; i++) {
                assertThat(backoff.delay(attempt, random).toMillis()).isBetween(0L, ceiling);
            }
        }
    }

    @Test
    void neverWaitsLongerThanTheCapHoweverManyAttempts() {
        RandomGenerator largest = new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException("only bounded draws");
            }

            @Override
            public long nextLong(long bound) {
                return bound - 1;
            }
        };
        assertThat(backoff.delay(1, largest)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.delay(3, largest)).isEqualTo(Duration.ofSeconds(8));
        assertThat(backoff.delay(1_000, largest)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void spreadsRetriesRatherThanBringingThemBackTogether() {
        RandomGenerator random = new SplittableRandom(11);
        long distinct = java.util.stream.IntStream.range(0, 100)
                .mapToLong(i -> backoff.delay(6, random).toMillis())
                .distinct()
                .count();
        assertThat(distinct).isGreaterThan(90);
    }
}
