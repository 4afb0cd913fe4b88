package org.ecarehub.messaging.internal;

/**
 * What one attempt got: acknowledged or not, and how to say so without personal data ({@code http-204},
 * {@code http-503}, {@code timeout}, {@code connection-failed}, {@code smtp-accepted}).
 */
record Attempt(boolean acknowledged, String outcome) {

    static Attempt acknowledged(String outcome) {
        return new Attempt(true, outcome);
    }

    static Attempt failed(String outcome) {
        return new Attempt(false, outcome);
    }
}
