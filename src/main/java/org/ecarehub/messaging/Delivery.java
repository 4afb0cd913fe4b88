package org.ecarehub.messaging;

import java.time.Instant;

/**
 * One delivery of a notification to one receiver, as the sender and administrators see it.
 *
 * @param lastOutcome what the last attempt got, without personal data: {@code http-503}, {@code timeout},
 *     {@code connection-refused}, {@code smtp-accepted}; null before the first attempt
 * @param readAt when the receiving agency marked it read in its inbox, or null
 */
public record Delivery(
        DeliveryId id,
        Notification notification,
        Receiver receiver,
        Channel channel,
        DeliveryStatus status,
        int attempts,
        Instant createdAt,
        Instant nextAttemptAt,
        Instant lastAttemptAt,
        String lastOutcome,
        Instant deliveredAt,
        Instant readAt) {}
