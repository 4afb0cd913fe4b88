package org.ecarehub.messaging.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The messaging module's settings ({@code ecare.messaging.*}).
 *
 * @param workers deliveries attempted at once on this node
 * @param leaseBatch deliveries a node leases beyond its free workers, so that the workers find the next one in hand
 *     rather than waiting for the poller's next commit; one that waits until an attempt could outlast its lease is
 *     given back unattempted
 * @param pollInterval how often a node looks for due deliveries when nothing woke it (a commit on this node does)
 * @param connectTimeout how long a rest-hook waits to connect, so that a dead receiver cannot hold a worker
 * @param readTimeout how long a rest-hook waits for the receiver's answer, so that a hanging receiver cannot either
 * @param lease how long a node holds a delivery it is attempting; must exceed the connect and read timeouts together,
 *     or another node might attempt it while the first is still waiting for an answer
 * @param backoffBase the first retry's delay cap; each retry doubles it (full jitter: a random delay up to the cap)
 * @param backoffCap the longest delay between two attempts
 * @param maxAttempts after this many failed attempts a delivery is a dead letter
 */
@ConfigurationProperties("ecare.messaging")
record MessagingSettings(
        @DefaultValue("8") int workers,
        @DefaultValue("128") int leaseBatch,
        @DefaultValue("250ms") Duration pollInterval,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout,
        @DefaultValue("60s") Duration lease,
        @DefaultValue("2s") Duration backoffBase,
        @DefaultValue("15m") Duration backoffCap,
        @DefaultValue("12") int maxAttempts) {

    MessagingSettings {
        if (workers < 1) {
            throw new IllegalArgumentException("ecare.messaging.workers must be at least 1");
        }
        if (leaseBatch < 0) {
            throw new IllegalArgumentException("ecare.messaging.lease-batch must not be negative");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("ecare.messaging.max-attempts must be at least 1");
        }
        if (lease.compareTo(connectTimeout.plus(readTimeout)) <= 0) {
            throw new IllegalArgumentException(
                    "ecare.messaging.lease must be longer than the connect and read timeouts together");
        }
        if (backoffBase.isNegative() || backoffBase.isZero() || backoffCap.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException(
                    "ecare.messaging.backoff-base must be positive and ecare.messaging.backoff-cap at least as long");
        }
    }
}
