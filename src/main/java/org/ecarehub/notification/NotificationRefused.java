package org.ecarehub.notification;

/** A choice about notifications could not be recorded; nothing was stored. */
public class NotificationRefused extends IllegalArgumentException {

    public NotificationRefused(String message) {
        super(message);
    }
}
