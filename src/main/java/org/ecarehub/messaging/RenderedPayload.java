package org.ecarehub.messaging;

import java.util.Objects;

/** The body of a rest-hook POST and its media type, such as {@code application/fhir+json}. */
public record RenderedPayload(String contentType, byte[] body) {

    public RenderedPayload {
        Objects.requireNonNull(contentType, "content type");
        Objects.requireNonNull(body, "body");
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
