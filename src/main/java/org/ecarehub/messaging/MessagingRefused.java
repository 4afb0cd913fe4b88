package org.ecarehub.messaging;

/** A notification could not be sent, or a delivery changed, as asked: bad input or the wrong receiver. Nothing was stored. */
public class MessagingRefused extends IllegalArgumentException {

    public MessagingRefused(String message) {
        super(message);
    }
}
