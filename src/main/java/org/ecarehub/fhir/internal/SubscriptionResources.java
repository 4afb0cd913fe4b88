package org.ecarehub.fhir.internal;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.UUID;
import org.ecarehub.messaging.Notification;
import org.ecarehub.messaging.RestHookEvent;
import org.ecarehub.partnership.Agency;
import org.ecarehub.partnership.AgencySubscription;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.Subscription;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

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

    private static final JsonMapper JSON = JsonMapper.builder().build();

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

    /**
     * The notification of one event to one agency's subscription, as FHIR JSON: ids only, the same bytes on every
     * attempt. A history Bundle whose first entry is the subscription status (Parameters) and whose second is the
     * focus by its address.
     *
     * <p>Written with Jackson rather than built as HAPI resources and encoded: the shape is fixed and only ids and
     * numbers change, and HAPI's encoder took about half of a delivery worker's time at a hundred messages a second.
     * SubscriptionResourcesTests holds it to HAPI's encoding of the same resources, and the subscription integration
     * tests parse and validate what receivers get.
     */
    static byte[] notification(RestHookEvent event, String fhirBase) {
        Notification notification = event.notification();
        String delivery = event.delivery().value();
        String subscription =
                fhirBase + "/Subscription/" + event.receiver().agency().value();
        String number = Long.toString(event.eventNumber());
        // HAPI's own rendering of an instant, so that the text is what a FHIR parser writes and reads.
        String sentAt = new InstantType(Date.from(event.sentAt())).getValueAsString();
        // Derived from the delivery id, so that every attempt renders the same bytes.
        String statusId = UUID.nameUUIDFromBytes(("subscription-status:" + delivery).getBytes(StandardCharsets.UTF_8))
                .toString();

        ObjectNode bundle = JSON.createObjectNode();
        bundle.put("resourceType", "Bundle");
        bundle.put("id", delivery);
        ObjectNode tag = bundle.putObject("meta").putArray("tag").addObject();
        tag.put("system", TOPIC_TAG_SYSTEM);
        tag.put("code", notification.topic());
        ObjectNode identifier = bundle.putObject("identifier");
        identifier.put("system", "urn:ietf:rfc:3986");
        identifier.put("value", "urn:uuid:" + delivery);
        bundle.put("type", "history");
        bundle.put("timestamp", sentAt);
        ArrayNode entries = bundle.putArray("entry");

        ObjectNode statusEntry = entries.addObject();
        statusEntry.put("fullUrl", "urn:uuid:" + statusId);
        ObjectNode status = statusEntry.putObject("resource");
        status.put("resourceType", "Parameters");
        status.put("id", statusId);
        ArrayNode parameters = status.putArray("parameter");
        parameter(parameters, "subscription").putObject("valueReference").put("reference", subscription);
        parameter(parameters, "topic").put("valueCanonical", TOPIC);
        parameter(parameters, "status").put("valueCode", "active");
        parameter(parameters, "type").put("valueCode", "event-notification");
        parameter(parameters, "events-since-subscription-start").put("valueString", number);
        ArrayNode parts = parameter(parameters, "notification-event").putArray("part");
        parameter(parts, "event-number").put("valueString", number);
        parameter(parts, "timestamp").put("valueInstant", sentAt);
        parameter(parts, "focus").putObject("valueReference").put("reference", fhirBase + "/" + notification.focus());
        if (notification.person() != null) {
            parameter(parts, "additional-context")
                    .putObject("valueReference")
                    .put(
                            "reference",
                            fhirBase + "/Patient/" + notification.person().value());
        }
        request(statusEntry, "GET", subscription + "/$status");

        // id-only: the focus by its address and nothing of it. The request is the read the receiver makes next,
        // where its access is decided and logged; a notification is not a version of the focus.
        ObjectNode focusEntry = entries.addObject();
        focusEntry.put("fullUrl", fhirBase + "/" + notification.focus());
        request(focusEntry, "GET", notification.focus());
        return JSON.writeValueAsBytes(bundle);
    }

    private static ObjectNode parameter(ArrayNode parameters, String name) {
        ObjectNode parameter = parameters.addObject();
        parameter.put("name", name);
        return parameter;
    }

    private static void request(ObjectNode entry, String method, String url) {
        ObjectNode request = entry.putObject("request");
        request.put("method", method);
        request.put("url", url);
        entry.putObject("response").put("status", "200");
    }
}
