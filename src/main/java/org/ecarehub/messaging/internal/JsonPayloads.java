package org.ecarehub.messaging.internal;

import java.nio.charset.StandardCharsets;
import org.ecarehub.messaging.Notification;
import org.ecarehub.messaging.PayloadRenderer;
import org.ecarehub.messaging.Receiver;
import org.ecarehub.messaging.RenderedPayload;
import org.ecarehub.messaging.RestHookEvent;

/**
 * The rendering used where no other {@link PayloadRenderer} exists (the {@code fhir} module provides one): a plain
 * JSON object with the delivery id, the event number, the topic, the focus reference and the person's index id, the
 * ids an id-only FHIR notification carries. Every value is a code or an id that the types check, so nothing here needs escaping beyond quotes.
 */
final class JsonPayloads implements PayloadRenderer {

    @Override
    public RenderedPayload render(RestHookEvent event) {
        Notification notification = event.notification();
        Receiver.Agency receiver = event.receiver();
        StringBuilder json = new StringBuilder("{");
        field(json, "deliveryId", event.delivery().value()).append(',');
        json.append("\"eventNumber\":").append(event.eventNumber()).append(',');
        field(json, "topic", notification.topic()).append(',');
        field(json, "focus", notification.focus()).append(',');
        if (notification.person() != null) {
            field(json, "person", notification.person().value()).append(',');
        }
        field(json, "agency", receiver.agency().value());
        if (receiver.team() != null) {
            json.append(',');
            field(json, "team", receiver.team().value());
        }
        json.append('}');
        return new RenderedPayload("application/json", json.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static StringBuilder field(StringBuilder json, String name, String value) {
        return json.append('"').append(name).append("\":\"").append(value).append('"');
    }
}
