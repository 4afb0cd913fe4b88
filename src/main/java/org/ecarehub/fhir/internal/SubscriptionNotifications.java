package org.ecarehub.fhir.internal;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.ecarehub.messaging.DeliveryId;
import org.ecarehub.messaging.Notification;
import org.ecarehub.messaging.PayloadRenderer;
import org.ecarehub.messaging.Receiver;
import org.ecarehub.messaging.RenderedPayload;
import org.ecarehub.messaging.RestHookEvent;
import org.ecarehub.shared.AgencyId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Renders every rest-hook notification the hub sends as a FHIR R4 subscription notification, id-only (see
 * {@link SubscriptionResources#notification}); messaging uses it in place of its plain JSON whenever the hub runs with
 * the FHIR interface.
 */
@Component
class SubscriptionNotifications implements PayloadRenderer, SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionNotifications.class);

    private final String fhirBase;
    private volatile boolean running;

    SubscriptionNotifications(@Value("${ecare.base-url:http://localhost:8080}") String baseUrl) {
        this.fhirBase = stripSlash(baseUrl) + "/fhir";
    }

    static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public RenderedPayload render(RestHookEvent event) {
        String json = FhirContext.forR4Cached()
                .newJsonParser()
                .encodeResourceToString(SubscriptionResources.notification(event, fhirBase));
        return new RenderedPayload(SubscriptionResources.FHIR_JSON, json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Builds HAPI's model of the resources a notification holds before messaging's workers start: on first use it
     * takes seconds (many more on a loaded machine), which the first delivery attempts would otherwise spend inside
     * their lease, long enough to lose it and be attempted twice. Only these few resource types are built, not the
     * whole server, which stays lazy.
     */
    @Override
    public void start() {
        try {
            render(new RestHookEvent(
                    DeliveryId.random(),
                    new Notification("warm-up", "Communication/0", null, "fhir"),
                    new Receiver.Agency(new AgencyId("warm-up"), null),
                    Instant.EPOCH,
                    1));
        } catch (RuntimeException e) {
            LOG.warn("FHIR notification warm-up failed: {}", e.getClass().getSimpleName());
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Before messaging's delivery workers (the default phase), so the warm-up ends before their first attempt.
        return SmartLifecycle.DEFAULT_PHASE - 1;
    }
}
