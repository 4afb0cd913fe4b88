package org.ecarehub.messaging;

import java.util.Objects;
import java.util.UUID;

/**
 * The stable id of one delivery: the same on every attempt, so a receiver that gets it twice (at least once means
 * sometimes twice) can tell. Sent in the {@code X-Ecare-Delivery-Id} header.
 */
public record DeliveryId(String value) {

    public DeliveryId {
        Objects.requireNonNull(value, "delivery id");
        try {
            if (!UUID.fromString(value).toString().equals(value)) {
                throw new IllegalArgumentException("not a delivery id");
            }
        } catch (IllegalArgumentException e) {
            throw new MessagingRefused("not a delivery id");
        }
    }

    public static DeliveryId random() {
        return new DeliveryId(UUID.randomUUID().toString());
    }

    public static DeliveryId of(String value) {
        return new DeliveryId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
