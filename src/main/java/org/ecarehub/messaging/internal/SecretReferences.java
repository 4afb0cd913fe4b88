package org.ecarehub.messaging.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/**
 * Resolves a subscription's secret reference ({@code env:NAME} or {@code file:PATH}) on each attempt, so that an
 * operator can rotate a secret without restarting the hub. The secret never reaches a log line or an exception.
 */
@Component
class SecretReferences {

    /** The secret, or null when the reference leads nowhere (the attempt then fails and is retried). */
    String resolve(String reference) {
        if (reference.startsWith("env:")) {
            String value = System.getenv(reference.substring(4));
            return value == null || value.isBlank() ? null : value.strip();
        }
        if (reference.startsWith("file:")) {
            try {
                String value = Files.readString(Path.of(reference.substring(5)), StandardCharsets.UTF_8);
                return value.isBlank() ? null : value.strip();
            } catch (IOException | RuntimeException unreadable) {
                return null;
            }
        }
        return null;
    }
}
