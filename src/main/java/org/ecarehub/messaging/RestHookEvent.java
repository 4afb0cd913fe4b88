package org.ecarehub.messaging;

import java.time.Instant;
import java.util.Objects;

/**
 * One rest-hook notification to render: the delivery, what it says and to whom, when it was sent, and its number
 * among the events of the receiving agency's subscription.
 *
 * @param sentAt when the sender's change stored the delivery; the same on every attempt
 * @param eventNumber the delivery's number within the agency's subscription, from 1 and without gaps, given at its
 *     first attempt and the same on every later one
 */
public record RestHookEvent(
        DeliveryId delivery, Notification notification, Receiver.Agency receiver, Instant sentAt, long eventNumber) {

    public RestHookEvent {
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(notification, "notification");
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(sentAt, "sent at");
        if (eventNumber < 1) {
            throw new MessagingRefused("an event number starts at 1");
        }
    }
}
