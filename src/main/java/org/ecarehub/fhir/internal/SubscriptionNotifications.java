package org.ecarehub.fhir.internal;

import org.ecarehub.messaging.PayloadRenderer;
import org.ecarehub.messaging.RenderedPayload;
import org.ecarehub.messaging.RestHookEvent;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Renders every rest-hook notification the hub sends as a FHIR R4 subscription notification, id-only (see
 * {@link SubscriptionResources#notification}); messaging uses it in place of its plain JSON whenever the hub runs with
 * the FHIR interface.
 */
@Component
class SubscriptionNotifications implements PayloadRenderer {

    private final String fhirBase;

    SubscriptionNotifications(@Value("${ecare.base-url:http://localhost:8080}") String baseUrl) {
        this.fhirBase = stripSlash(baseUrl) + "/fhir";
    }

    static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public RenderedPayload render(RestHookEvent event) {
        return new RenderedPayload(
                SubscriptionResources.FHIR_JSON, SubscriptionResources.notification(event, fhirBase));
    }
}
