package org.ecarehub.messaging.internal;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter (a random delay between nothing and the exponential cap), so that the many
 * deliveries to a receiver that was down do not all come back at the same moment when it recovers.
 */
record Backoff(Duration base, Duration cap) {

    /** The delay before the next attempt, after {@code failedAttempts} failed attempts (at least 1). */
    Duration delay(int failedAttempts, RandomGenerator random) {
        long capMillis = cap.toMillis();
        int doublings = Math.min(Math.max(failedAttempts - 1, 0), 40);
        long ceiling = base.toMillis() > (capMillis >> doublings)
                ? capMillis
                : Math.min(capMillis, base.toMillis() << doublings);
        return Duration.ofMillis(random.nextLong(ceiling + 1));
    }
}
