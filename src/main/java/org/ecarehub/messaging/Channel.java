package org.ecarehub.messaging;

/** How a delivery reaches its receiver. */
public enum Channel {
    /** A signed POST to the agency system's subscription endpoint; done on a 2xx only. */
    REST_HOOK("rest-hook"),
    /** The agency's inbox in the hub, for agencies without a system; done when the sender's change commits. */
    INBOX("inbox"),
    /** An email through the hub's SMTP server; done when the server accepts it. */
    EMAIL("email");

    private final String code;

    Channel(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Channel fromCode(String code) {
        for (Channel channel : values()) {
            if (channel.code.equals(code)) {
                return channel;
            }
        }
        throw new IllegalArgumentException("unknown channel " + code);
    }
}
