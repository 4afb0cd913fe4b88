package org.ecarehub.messaging.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** The demo partnership file with rest-hook subscriptions added to some agencies, as an operator would add them. */
final class MessagingTestPartnership {

    private MessagingTestPartnership() {}

    /** The demo file with each agency of {@code endpoints} subscribed at its URL, signed with the secret file. */
    static String withSubscriptions(Map<String, String> endpoints, Path secretFile) {
        String yaml;
        try (InputStream in = MessagingTestPartnership.class.getResourceAsStream("/demo/partnership.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Map.Entry<String, String> endpoint : endpoints.entrySet()) {
            String agency = "  - id: " + endpoint.getKey() + "\n";
            if (!yaml.contains(agency)) {
                throw new IllegalArgumentException("no agency " + endpoint.getKey() + " in the demo file");
            }
            yaml = yaml.replace(
                    agency,
                    agency + "    subscription:\n      endpoint: " + endpoint.getValue() + "\n      secret: file:"
                            + secretFile + "\n");
        }
        return yaml;
    }

    /** The file with its {@code protection-message-routing} section replaced by {@code section}. */
    static String withRouting(String yaml, String section) {
        int start = yaml.indexOf("\nprotection-message-routing:\n");
        if (start < 0) {
            throw new IllegalArgumentException("no protection-message-routing section in the file");
        }
        // The section runs to the next top-level comment, which opens the following section.
        int end = yaml.indexOf("\n#", start + 1);
        if (end < 0) {
            end = yaml.length();
        }
        return yaml.substring(0, start + 1) + section + "\n" + yaml.substring(end + 1);
    }
}
