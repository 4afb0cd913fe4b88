package org.ecarehub.shared;

/** The hub refuses to start, for a reason an operator can act on; the message says what and what to do. */
public class StartRefused extends RuntimeException {

    public StartRefused(String message) {
        super(message);
    }
}
