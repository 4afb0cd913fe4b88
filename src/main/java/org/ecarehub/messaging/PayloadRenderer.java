package org.ecarehub.messaging;

/**
 * Renders the body of a rest-hook notification. The {@code fhir} module implements it with a FHIR R4 notification;
 * where no bean of this type exists, messaging uses its own plain JSON rendering of the same ids.
 *
 * <p>Called by a delivery worker on every attempt, outside any transaction, possibly on several nodes for one
 * delivery over its life: it must render from the event alone, the same every time, and must not put personal data
 * into the body (the receiver fetches the content through the API, where access is decided and logged).
 */
public interface PayloadRenderer {

    RenderedPayload render(RestHookEvent event);
}
