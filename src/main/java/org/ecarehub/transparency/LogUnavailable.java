package org.ecarehub.transparency;

/**
 * The log could not record an event durably. The access that asked for it must not go ahead: the hub fails
 * closed.
 */
public class LogUnavailable extends RuntimeException {

    public LogUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
