package org.ecarehub.partnership;

import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where an agency's system receives the hub's notifications (a FHIR rest-hook), and where the hub finds the secret it
 * signs them with. The partnership file holds only a reference to the secret, never the secret: {@code env:NAME} (an
 * environment variable of the hub) or {@code file:PATH} (a file only the operator may read).
 */
public record AgencySubscription(URI endpoint, String secret) {

    private static final Pattern SECRET_REFERENCE = Pattern.compile("(env:[A-Za-z_][A-Za-z0-9_]*|file:.+)");

    public AgencySubscription {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(secret, "secret");
        String scheme = endpoint.getScheme();
        if (!endpoint.isAbsolute()
                || !("https".equals(scheme) || "http".equals(scheme))
                || endpoint.getHost() == null) {
            throw new IllegalArgumentException("a subscription endpoint must be an absolute http or https URL");
        }
        if (!SECRET_REFERENCE.matcher(secret).matches()) {
            throw new IllegalArgumentException(
                    "a subscription secret must be a reference, env:NAME or file:PATH, never the secret itself");
        }
    }

    /** Reads an endpoint, refusing text that is not a URL with a message that says so. */
    public static URI endpoint(String text) {
        try {
            return new URI(text.strip());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("a subscription endpoint must be an absolute http or https URL");
        }
    }
}
