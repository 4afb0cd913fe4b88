package org.ecarehub.fhir.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.ecarehub.messaging.DeliveryId;
import org.ecarehub.messaging.Notification;
import org.ecarehub.messaging.Receiver;
import org.ecarehub.messaging.RestHookEvent;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hub writes subscription notifications with Jackson for speed; these tests hold every field to what HAPI writes
 * for the same resources built through its model, so that the shortcut cannot drift from FHIR R4.
 */
class SubscriptionResourcesTests {

    private static final String BASE = "https://hub.example.org/fhir";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aNotificationAboutAPersonIsWhatHapiWritesForTheSameResources() {
        RestHookEvent event = event(
                new Notification("protection-message-received", "Communication/42", PersonId.random(), "protection"));

        assertThat(JSON.readTree(SubscriptionResources.notification(event, BASE)))
                .isEqualTo(JSON.readTree(hapi(event)));
    }

    @Test
    void aNotificationAboutNobodyHasNoAdditionalContextAndIsWhatHapiWrites() {
        RestHookEvent event = event(new Notification("warm-up", "Subscription/x", null, "fhir"));

        String written = new String(SubscriptionResources.notification(event, BASE), StandardCharsets.UTF_8);

        assertThat(JSON.readTree(written)).isEqualTo(JSON.readTree(hapi(event)));
        assertThat(written).doesNotContain("additional-context");
    }

    @Test
    void everyAttemptOfOneDeliveryRendersTheSameBytes() {
        RestHookEvent event = event(new Notification("cp-is-attendance", "Flag/7", PersonId.random(), "protection"));

        assertThat(SubscriptionResources.notification(event, BASE))
                .isEqualTo(SubscriptionResources.notification(event, BASE));
    }

    private static RestHookEvent event(Notification notification) {
        return new RestHookEvent(
                DeliveryId.random(),
                notification,
                new Receiver.Agency(new AgencyId("nhs-lanarkshire"), null),
                Instant.parse("2026-11-26T09:15:30.123Z"),
                17);
    }

    /** The notification built as HAPI resources, the way the hub built it before it wrote the JSON itself. */
    private static String hapi(RestHookEvent event) {
        Notification notification = event.notification();
        String delivery = event.delivery().value();
        String subscription =
                BASE + "/Subscription/" + event.receiver().agency().value();
        String number = Long.toString(event.eventNumber());
        Date sentAt = Date.from(event.sentAt());
        Bundle bundle = new Bundle();
        bundle.setId(delivery);
        bundle.getMeta().addTag(SubscriptionResources.TOPIC_TAG_SYSTEM, notification.topic(), null);
        bundle.setIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986").setValue("urn:uuid:" + delivery));
        bundle.setType(Bundle.BundleType.HISTORY);
        bundle.setTimestamp(sentAt);
        String statusId = UUID.nameUUIDFromBytes(("subscription-status:" + delivery).getBytes(StandardCharsets.UTF_8))
                .toString();
        Parameters status = new Parameters();
        status.setId(statusId);
        status.addParameter().setName("subscription").setValue(new Reference(subscription));
        status.addParameter().setName("topic").setValue(new CanonicalType(SubscriptionResources.TOPIC));
        status.addParameter().setName("status").setValue(new CodeType("active"));
        status.addParameter().setName("type").setValue(new CodeType("event-notification"));
        status.addParameter().setName("events-since-subscription-start").setValue(new StringType(number));
        Parameters.ParametersParameterComponent event1 = status.addParameter().setName("notification-event");
        event1.addPart().setName("event-number").setValue(new StringType(number));
        event1.addPart().setName("timestamp").setValue(new InstantType(sentAt));
        event1.addPart().setName("focus").setValue(new Reference(BASE + "/" + notification.focus()));
        if (notification.person() != null) {
            event1.addPart()
                    .setName("additional-context")
                    .setValue(new Reference(
                            BASE + "/Patient/" + notification.person().value()));
        }
        Bundle.BundleEntryComponent statusEntry = bundle.addEntry();
        statusEntry.setFullUrl("urn:uuid:" + statusId).setResource(status);
        statusEntry.getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl(subscription + "/$status");
        statusEntry.getResponse().setStatus("200");
        Bundle.BundleEntryComponent focusEntry = bundle.addEntry();
        focusEntry.setFullUrl(BASE + "/" + notification.focus());
        focusEntry.getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl(notification.focus());
        focusEntry.getResponse().setStatus("200");
        return FhirContext.forR4Cached().newJsonParser().encodeResourceToString(bundle);
    }
}
