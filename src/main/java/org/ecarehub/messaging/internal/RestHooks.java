package org.ecarehub.messaging.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import org.ecarehub.messaging.Delivery;
import org.ecarehub.messaging.PayloadRenderer;
import org.ecarehub.messaging.Receiver;
import org.ecarehub.messaging.RenderedPayload;
import org.ecarehub.messaging.RestHookEvent;
import org.ecarehub.partnership.Agency;
import org.ecarehub.partnership.AgencySubscription;
import org.ecarehub.partnership.Partnerships;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The rest-hook channel: a POST of the rendered notification to the agency's subscription endpoint, signed with its
 * secret, with the delivery id for de-duplication. Acknowledged on a 2xx only; a timeout, a refused connection or any
 * other status is a failed attempt. The endpoint and secret are looked up on each attempt, so a corrected
 * subscription takes effect on the next retry.
 */
@Component
class RestHooks {

    static final String DELIVERY_HEADER = "X-Ecare-Delivery-Id";
    static final String TOPIC_HEADER = "X-Ecare-Topic";

    private final Partnerships partnerships;
    private final SecretReferences secrets;
    private final SubscriptionEventNumbers eventNumbers;
    private final ObjectProvider<PayloadRenderer> renderers;
    private final MessagingSettings settings;
    private final HttpClient client;
    private final PayloadRenderer fallback = new JsonPayloads();
    /** Looked up once, at the first attempt: asking the context each time cost a worker measurable time. */
    private volatile PayloadRenderer renderer;

    RestHooks(
            Partnerships partnerships,
            SecretReferences secrets,
            SubscriptionEventNumbers eventNumbers,
            ObjectProvider<PayloadRenderer> renderers,
            MessagingSettings settings) {
        this.partnerships = partnerships;
        this.secrets = secrets;
        this.eventNumbers = eventNumbers;
        this.renderers = renderers;
        this.settings = settings;
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Attempts the delivery once.
     *
     * @param eventNumber its number within the agency's subscription as leased, or 0 when it had none
     */
    Attempt attempt(Delivery delivery, long eventNumber) {
        Receiver.Agency receiver = (Receiver.Agency) delivery.receiver();
        AgencySubscription subscription = partnerships
                .current()
                .partnership()
                .agency(receiver.agency())
                .flatMap(Agency::subscriptionIfAny)
                .orElse(null);
        if (subscription == null) {
            return Attempt.failed("no-subscription");
        }
        String secret = secrets.resolve(subscription.secret());
        if (secret == null) {
            return Attempt.failed("secret-unavailable");
        }
        if (eventNumber == 0) {
            // The subscription was configured after the lease: number it now.
            eventNumber = eventNumbers.numberOf(delivery.id(), receiver.agency());
        }
        // The fhir module's renderer when the hub has one (it always does when running whole); else plain JSON.
        if (renderer == null) {
            renderer = renderers.getIfAvailable(() -> fallback);
        }
        RenderedPayload payload = renderer.render(
                new RestHookEvent(delivery.id(), delivery.notification(), receiver, delivery.createdAt(), eventNumber));
        byte[] body = payload.body();
        HttpRequest request = HttpRequest.newBuilder(subscription.endpoint())
                .timeout(settings.readTimeout())
                .header("Content-Type", payload.contentType())
                .header(DELIVERY_HEADER, delivery.id().value())
                .header(TOPIC_HEADER, delivery.notification().topic())
                .header(Signatures.HEADER, Signatures.sign(body, secret))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            int status =
                    client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 300
                    ? Attempt.acknowledged("http-" + status)
                    : Attempt.failed("http-" + status);
        } catch (HttpConnectTimeoutException e) {
            return Attempt.failed("connect-timeout");
        } catch (HttpTimeoutException e) {
            return Attempt.failed("timeout");
        } catch (ConnectException e) {
            return Attempt.failed("connection-failed");
        } catch (IOException e) {
            return Attempt.failed("io-error");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Attempt.failed("interrupted");
        }
    }
}
