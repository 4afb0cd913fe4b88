package org.ecarehub.fhir.internal;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.UUID;
import org.ecarehub.messaging.Notification;
import org.ecarehub.messaging.RestHookEvent;
import org.ecarehub.partnership.Agency;
import org.ecarehub.partnership.AgencySubscription;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;

/**
 * An agency's subscription and the notifications sent to it, in the shape of HL7's Subscriptions R5 Backport for R4
 * (topic-based subscriptions on R4 resources): a Subscription whose {@code criteria} is the topic, and a
 * {@code history} Bundle whose first entry is the {@code Parameters} subscription status. Payloads are
 * {@code id-only}: references, never content.
 *
 * <p>No {@code meta.profile} names the backport's profiles: the hub does not carry the guide's package, so it could
 * not check a claim it made, and a receiver's validator without the package would report the claim as an error.
 */
final class SubscriptionResources {

    static final String BACKPORT = "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/";
    static final String PAYLOAD_CONTENT = BACKPORT + "backport-payload-content";
    static final String MAX_COUNT = BACKPORT + "backport-max-count";
    /**
     * The one topic of every agency's subscription: everything the hub must tell the agency. Which kind of event a
     * notification is (a protection message received, a CP-IS attendance) is its tag of {@value #TOPIC_TAG_SYSTEM}.
     */
    static final String TOPIC = "urn:ecare:fhir:SubscriptionTopic:agency-notifications";

    static final String TOPIC_TAG_SYSTEM = "urn:ecare:notification-topic";
    static final String FHIR_JSON = "application/fhir+json";

    private SubscriptionResources() {}

    /** The agency's subscription as the partnership file configures it: never its secret, nor where that is kept. */
    static Subscription subscription(Agency agency, AgencySubscription configured, String fhirBase) {
        Subscription subscription = new Subscription();
        subscription.setId(agency.id().value());
        // An inactive agency is sent nothing (messaging refuses it as a receiver): its subscription is off.
        subscription.setStatus(
                agency.active() ? Subscription.SubscriptionStatus.ACTIVE : Subscription.SubscriptionStatus.OFF);
        subscription.setReason(
                "What eCare Hub must tell " + agency.id().value() + ", by id only; configured in the partnership file");
        subscription.setCriteria(TOPIC);
        Subscription.SubscriptionChannelComponent channel = subscription.getChannel();
        channel.setType(Subscription.SubscriptionChannelType.RESTHOOK);
        channel.setEndpoint(configured.endpoint().toString());
        channel.setPayload(FHIR_JSON);
        channel.getPayloadElement().addExtension(PAYLOAD_CONTENT, new CodeType("id-only"));
        // Each notification carries one event.
        channel.addExtension(MAX_COUNT, new PositiveIntType(1));
        return subscription;
    }

    /** The notification of one event to one agency's subscription: ids only, the same on every attempt. */
    static Bundle notification(RestHookEvent event, String fhirBase) {
        Notification notification = event.notification();
        String delivery = event.delivery().value();
        String subscription =
                fhirBase + "/Subscription/" + event.receiver().agency().value();
        String number = Long.toString(event.eventNumber());
        Date sentAt = Date.from(event.sentAt());

        Bundle bundle = new Bundle();
        bundle.setId(delivery);
        bundle.getMeta().addTag(TOPIC_TAG_SYSTEM, notification.topic(), null);
        bundle.setIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986").setValue("urn:uuid:" + delivery));
        bundle.setType(Bundle.BundleType.HISTORY);
        bundle.setTimestamp(sentAt);

        // Derived from the delivery id, so that every attempt renders the same bytes.
        String statusId = UUID.nameUUIDFromBytes(("subscription-status:" + delivery).getBytes(StandardCharsets.UTF_8))
                .toString();
        Parameters status = new Parameters();
        status.setId(statusId);
        status.addParameter().setName("subscription").setValue(new Reference(subscription));
        status.addParameter().setName("topic").setValue(new CanonicalType(TOPIC));
        status.addParameter().setName("status").setValue(new CodeType("active"));
        status.addParameter().setName("type").setValue(new CodeType("event-notification"));
        status.addParameter().setName("events-since-subscription-start").setValue(new StringType(number));
        Parameters.ParametersParameterComponent event1 = status.addParameter().setName("notification-event");
        event1.addPart().setName("event-number").setValue(new StringType(number));
        event1.addPart().setName("timestamp").setValue(new InstantType(sentAt));
        event1.addPart().setName("focus").setValue(new Reference(fhirBase + "/" + notification.focus()));
        if (notification.person() != null) {
            event1.addPart()
                    .setName("additional-context")
                    .setValue(new Reference(
                            fhirBase + "/Patient/" + notification.person().value()));
        }
        Bundle.BundleEntryComponent statusEntry = bundle.addEntry();
        statusEntry.setFullUrl("urn:uuid:" + statusId).setResource(status);
        statusEntry.getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl(subscription + "/$status");
        statusEntry.getResponse().setStatus("200");

        // id-only: the focus by its address and nothing of it. The request is the read the receiver makes next,
        // where its access is decided and logged; a notification is not a version of the focus.
        Bundle.BundleEntryComponent focusEntry = bundle.addEntry();
        focusEntry.setFullUrl(fhirBase + "/" + notification.focus());
        focusEntry.getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl(notification.focus());
        focusEntry.getResponse().setStatus("200");
        return bundle;
    }
}
