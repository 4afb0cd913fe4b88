package org.ecarehub.messaging;

/** Where a delivery stands. */
public enum DeliveryStatus {
    /** Not yet acknowledged by the receiver; attempted again when due. */
    PENDING("pending"),
    /** Acknowledged by the receiver (a 2xx, an accepted email) or put in its inbox. */
    DELIVERED("delivered"),
    /** Given up after the configured number of attempts: a dead letter for administrators. */
    DEAD("dead");

    private final String code;

    DeliveryStatus(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static DeliveryStatus fromCode(String code) {
        for (DeliveryStatus status : values()) {
            if (status.code.equals(code)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown delivery status " + code);
    }
}
