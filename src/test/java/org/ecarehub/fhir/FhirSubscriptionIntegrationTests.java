package org.ecarehub.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.ecarehub.messaging.Deliveries;
import org.ecarehub.messaging.DeliveryId;
import org.ecarehub.messaging.DeliveryStatus;
import org.ecarehub.messaging.Notification;
import org.ecarehub.messaging.Receiver;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * FHIR subscriptions as an agency system meets them: its own Subscription read through HAPI's generic client under
 * client credentials, and the hub's rest-hook notifications arriving at a real HTTP receiver as signed, valid,
 * id-only subscription-notification Bundles of the Subscriptions R5 Backport.
 */
@Tag("database")
class FhirSubscriptionIntegrationTests {

    static final AgencyId SOCIAL_WORK = new AgencyId("slc-social-work");
    static final AgencyId HEALTH = new AgencyId("nhs-lanarkshire");

    @TempDir
    static Path dataDir;

    static RunningHub hub;
    static String base;
    static String secret;
    static KeyPair careFirstKey;
    static KeyPair trakKey;
    static Receiver socialWorkSystem;
    static Receiver healthSystem;
    static FhirValidator validator;
    static final FhirContext fhir = FhirContext.forR4Cached();
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startHubAndReceivers() throws Exception {
        secret = "hook-secret-" + UUID.randomUUID();
        Path secretFile = dataDir.resolve("hook-secret");
        Files.writeString(secretFile, secret + "\n");
        socialWorkSystem = new Receiver();
        healthSystem = new Receiver();
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        careFirstKey = rsa.generateKeyPair();
        trakKey = rsa.generateKeyPair();
        String demo = new String(
                FhirSubscriptionIntegrationTests.class
                        .getResourceAsStream("/demo/partnership.yaml")
                        .readAllBytes(),
                StandardCharsets.UTF_8);
        String partnership = demo.replaceFirst(
                        "(?m)^    caldicott-guardian: caldicott\\.slc$",
                        "    caldicott-guardian: caldicott.slc\n"
                                + system("slc-carefirst", careFirstKey.getPublic())
                                + subscription(socialWorkSystem.url(), secretFile))
                .replaceFirst(
                        "(?m)^    caldicott-guardian: caldicott\\.nhs$",
                        "    caldicott-guardian: caldicott.nhs\n"
                                + system("nhs-trak", trakKey.getPublic())
                                + subscription(healthSystem.url(), secretFile));
        assertThat(partnership).contains("slc-carefirst", "nhs-trak", socialWorkSystem.url(), healthSystem.url());
        Path file = dataDir.resolve("partnership.yaml");
        Files.writeString(file, partnership);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        base = "http://localhost:" + port;
        hub = RunningHub.start(
                "serve",
                dataDir,
                TestDatabase.fresh(dataDir),
                Map.ofEntries(
                        Map.entry("server.port", port),
                        Map.entry("ecare.base-url", base),
                        Map.entry("ecare.partnership-file", file.toString()),
                        Map.entry("ecare.messaging.poll-interval", "50ms"),
                        Map.entry("ecare.messaging.backoff-base", "50ms"),
                        Map.entry("ecare.messaging.backoff-cap", "200ms")));
        validator = FhirClients.validator();
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.close();
        }
        socialWorkSystem.close();
        healthSystem.close();
    }

    static String system(String clientId, PublicKey key) {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----";
        return "    systems:\n"
                + "      - client-id: " + clientId + "\n"
                + "        on-behalf-of-staff: false\n"
                + "        public-key: |\n"
                + pem.lines().map(line -> "          " + line + "\n").reduce("", String::concat);
    }

    static String subscription(String endpoint, Path secretFile) {
        return "    subscription:\n      endpoint: " + endpoint + "\n      secret: file:" + secretFile + "\n";
    }

    /** A token for an agency system, by SMART Backend Services client credentials, as the system gets one. */
    static String systemToken(String clientId, KeyPair key) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS384)
                        .type(JOSEObjectType.JWT)
                        .keyID(clientId)
                        .build(),
                new JWTClaimsSet.Builder()
                        .issuer(clientId)
                        .subject(clientId)
                        .audience(base + "/oauth2/token")
                        .expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(4))))
                        .jwtID(UUID.randomUUID().toString())
                        .build());
        jwt.sign(new RSASSASigner(key.getPrivate()));
        String form = "grant_type=client_credentials&client_assertion_type="
                + URLEncoder.encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", StandardCharsets.UTF_8)
                + "&client_assertion=" + jwt.serialize() + "&scope="
                + URLEncoder.encode("system/*.rs", StandardCharsets.UTF_8);
        HttpResponse<String> response = hub.postForm(http, "/oauth2/token", form);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonMapper.builder()
                .build()
                .readTree(response.body())
                .get("access_token")
                .asString();
    }

    static IGenericClient client(String token) {
        IGenericClient client = FhirClients.client(base + "/fhir");
        if (token != null) {
            client.registerInterceptor(new BearerTokenAuthInterceptor(token));
        }
        return client;
    }

    static IGenericClient careFirst() throws Exception {
        return client(systemToken("slc-carefirst", careFirstKey));
    }

    static void assertValid(IBaseResource resource) {
        assertThat(validator.validateWithResult(resource).getMessages().stream()
                        .filter(message -> message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                        .map(message -> message.getLocationString() + ": " + message.getMessage())
                        .toList())
                .isEmpty();
    }

    static String errorCode(BaseServerResponseException refused) {
        OperationOutcome outcome = (OperationOutcome) refused.getOperationOutcome();
        assertThat(outcome).as("an OperationOutcome").isNotNull();
        return outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getCode();
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not so within 15 seconds");
            }
            Thread.sleep(20);
        }
    }

    @Nested
    class TheSubscriptionResource {

        @Test
        void showsAnAgencySystemItsOwnSubscriptionFromThePartnershipFileWithoutTheSecret() throws Exception {
            Subscription subscription = careFirst()
                    .read()
                    .resource(Subscription.class)
                    .withId("slc-social-work")
                    .execute();

            assertThat(subscription.getStatus()).isEqualTo(Subscription.SubscriptionStatus.ACTIVE);
            assertThat(subscription.getCriteria()).isEqualTo("urn:ecare:fhir:SubscriptionTopic:agency-notifications");
            assertThat(subscription.getChannel().getType()).isEqualTo(Subscription.SubscriptionChannelType.RESTHOOK);
            assertThat(subscription.getChannel().getEndpoint()).isEqualTo(socialWorkSystem.url());
            assertThat(subscription.getChannel().getPayload()).isEqualTo("application/fhir+json");
            assertThat(((CodeType) subscription
                                    .getChannel()
                                    .getPayloadElement()
                                    .getExtensionByUrl("http://hl7.org/fhir/uv/subscriptions-backport/"
                                            + "StructureDefinition/backport-payload-content")
                                    .getValue())
                            .getValue())
                    .isEqualTo("id-only");
            assertThat(subscription.getChannel().getHeader()).isEmpty();
            String encoded = fhir.newJsonParser().encodeResourceToString(subscription);
            assertThat(encoded).doesNotContain(secret).doesNotContain("hook-secret");
            assertValid(subscription);
        }

        @Test
        void searchesToTheCallersOwnSubscriptionOnly() throws Exception {
            Bundle all = careFirst()
                    .search()
                    .forResource(Subscription.class)
                    .returnBundle(Bundle.class)
                    .execute();
            Bundle another = careFirst()
                    .search()
                    .forResource(Subscription.class)
                    .where(Subscription.RES_ID.exactly().code("nhs-lanarkshire"))
                    .returnBundle(Bundle.class)
                    .execute();

            assertThat(all.getEntry())
                    .extracting(entry -> entry.getResource().getIdElement().getIdPart())
                    .containsExactly("slc-social-work");
            assertThat(another.getEntry()).isEmpty();
            assertThat(another.getTotal()).isZero();
        }

        @Test
        void answersAnotherAgencysSubscriptionExactlyAsAMissingOne() throws Exception {
            IGenericClient careFirst = careFirst();
            String another = refusedRead(careFirst, "nhs-lanarkshire");
            String missing = refusedRead(careFirst, "no-such-agency");

            assertThat(another).isEqualTo(missing);
            assertThat(another).contains("not-found");
            // The other agency's own system does see it: it exists.
            assertThat(client(systemToken("nhs-trak", trakKey))
                            .read()
                            .resource(Subscription.class)
                            .withId("nhs-lanarkshire")
                            .execute()
                            .getChannel()
                            .getEndpoint())
                    .isEqualTo(healthSystem.url());
        }

        String refusedRead(IGenericClient client, String id) {
            try {
                client.read().resource(Subscription.class).withId(id).execute();
                throw new AssertionError("read " + id + " was answered");
            } catch (ResourceNotFoundException refused) {
                return refused.getStatusCode() + " "
                        + fhir.newJsonParser().encodeResourceToString(refused.getOperationOutcome());
            }
        }

        @Test
        void showsStaffNoSubscription() {
            IGenericClient staff = client(hub.staffToken("sw.hamilton"));

            assertThat(staff.search()
                            .forResource(Subscription.class)
                            .returnBundle(Bundle.class)
                            .execute()
                            .getEntry())
                    .isEmpty();
            assertThatThrownBy(() -> staff.read()
                            .resource(Subscription.class)
                            .withId("slc-social-work")
                            .execute())
                    .isInstanceOf(ResourceNotFoundException.class);
        }

        @Test
        void refusesCreateUpdateAndDeleteWith405SayingThePartnershipFileHoldsIt() throws Exception {
            IGenericClient careFirst = careFirst();
            Subscription own = careFirst
                    .read()
                    .resource(Subscription.class)
                    .withId("slc-social-work")
                    .execute();
            own.getChannel().setEndpoint("https://attacker.example/hook");

            List<ThrowingWrite> writes = List.of(
                    () -> careFirst
                            .create()
                            .resource(own.copy().setId((String) null))
                            .execute(),
                    () -> careFirst.update().resource(own).execute(),
                    () -> careFirst
                            .delete()
                            .resourceById(new IdType("Subscription", "slc-social-work"))
                            .execute());
            for (ThrowingWrite write : writes) {
                assertThatThrownBy(write::run).isInstanceOfSatisfying(BaseServerResponseException.class, refused -> {
                    assertThat(refused.getStatusCode()).isEqualTo(405);
                    assertThat(errorCode(refused)).isEqualTo("configured-in-partnership-file");
                    assertThat(((OperationOutcome) refused.getOperationOutcome())
                                    .getIssueFirstRep()
                                    .getDetails()
                                    .getText())
                            .contains("partnership file");
                });
            }
            assertThat(careFirst
                            .read()
                            .resource(Subscription.class)
                            .withId("slc-social-work")
                            .execute()
                            .getChannel()
                            .getEndpoint())
                    .isEqualTo(socialWorkSystem.url());
        }

        @Test
        void isInTheCapabilityStatementForReadAndSearchOnly() {
            CapabilityStatement statement = client(null)
                    .capabilities()
                    .ofType(CapabilityStatement.class)
                    .execute();

            var subscription = statement.getRestFirstRep().getResource().stream()
                    .filter(resource -> resource.getType().equals("Subscription"))
                    .findFirst()
                    .orElseThrow();
            assertThat(subscription.getInteraction().stream()
                            .map(interaction -> interaction.getCode().toCode())
                            .toList())
                    .containsExactlyInAnyOrder("read", "search-type");
        }
    }

    interface ThrowingWrite {
        void run();
    }

    @Nested
    class Notifications {

        DeliveryId send(String focus, PersonId person, AgencyId agency) {
            Notification notification = new Notification("protection-message-received", focus, person, "protection");
            return hub.bean(TransactionTemplate.class)
                    .execute(status -> hub.bean(Deliveries.class)
                            .send(notification, List.of(org.ecarehub.messaging.Receiver.agency(agency))))
                    .get(0);
        }

        Bundle delivered(Receiver receiver, DeliveryId id) throws InterruptedException {
            await(() -> hub.bean(Deliveries.class).delivery(id).status() == DeliveryStatus.DELIVERED);
            Received received = receiver.last(id.value());
            return fhir.newJsonParser().parseResource(Bundle.class, received.body());
        }

        static Parameters status(Bundle bundle) {
            return (Parameters) bundle.getEntryFirstRep().getResource();
        }

        static String eventNumber(Bundle bundle) {
            return status(bundle).getParameter("notification-event").getPart().stream()
                    .filter(part -> part.getName().equals("event-number"))
                    .findFirst()
                    .orElseThrow()
                    .getValue()
                    .primitiveValue();
        }

        @Test
        void postsAValidSignedIdOnlyNotificationBundleThatNamesTheFocus() throws Exception {
            PersonId person = PersonId.random();
            String focus = "Communication/" + UUID.randomUUID().toString().substring(0, 8);

            DeliveryId id = send(focus, person, SOCIAL_WORK);

            await(() -> hub.bean(Deliveries.class).delivery(id).status() == DeliveryStatus.DELIVERED);
            Received received = socialWorkSystem.last(id.value());
            assertThat(received.signatureValid()).isTrue();
            assertThat(received.contentType()).isEqualTo("application/fhir+json");
            Bundle bundle = fhir.newJsonParser().parseResource(Bundle.class, received.body());
            assertValid(bundle);
            assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.HISTORY);
            assertThat(bundle.getIdElement().getIdPart()).isEqualTo(id.value());
            assertThat(bundle.getIdentifier().getValue()).isEqualTo("urn:uuid:" + id.value());
            assertThat(bundle.getMeta().getTag("urn:ecare:notification-topic", "protection-message-received"))
                    .isNotNull();

            Parameters status = status(bundle);
            assertThat(((Reference) status.getParameter("subscription").getValue()).getReference())
                    .isEqualTo(base + "/fhir/Subscription/slc-social-work");
            assertThat(status.getParameter("topic").getValue().primitiveValue())
                    .isEqualTo("urn:ecare:fhir:SubscriptionTopic:agency-notifications");
            assertThat(status.getParameter("status").getValue().primitiveValue())
                    .isEqualTo("active");
            assertThat(status.getParameter("type").getValue().primitiveValue()).isEqualTo("event-notification");
            assertThat(status.getParameter("events-since-subscription-start")
                            .getValue()
                            .primitiveValue())
                    .isEqualTo(eventNumber(bundle));
            var event = status.getParameter("notification-event").getPart();
            assertThat(event)
                    .extracting(Parameters.ParametersParameterComponent::getName)
                    .containsExactly("event-number", "timestamp", "focus", "additional-context");
            assertThat(((Reference) event.get(2).getValue()).getReference()).isEqualTo(base + "/fhir/" + focus);
            assertThat(((Reference) event.get(3).getValue()).getReference())
                    .isEqualTo(base + "/fhir/Patient/" + person.value());
            assertThat(bundle.getEntry().get(1).getFullUrl()).isEqualTo(base + "/fhir/" + focus);
            // id-only: nothing of the focus, only where to read it.
            assertThat(bundle.getEntry().get(1).hasResource()).isFalse();
            assertThat(bundle.getEntry()).hasSize(2);
        }

        @Test
        void numbersEventsWithinEachSubscriptionFromOneWithoutGaps() throws Exception {
            Bundle first = delivered(socialWorkSystem, send("Communication/a1", null, SOCIAL_WORK));
            Bundle toHealth = delivered(healthSystem, send("Communication/a2", null, HEALTH));
            Bundle second = delivered(socialWorkSystem, send("Communication/a3", null, SOCIAL_WORK));

            long before = Long.parseLong(eventNumber(first));
            assertThat(Long.parseLong(eventNumber(second))).isEqualTo(before + 1);
            assertThat(Long.parseLong(eventNumber(toHealth))).isPositive();
            // Retries repeat a delivery's number; two deliveries never share one.
            Map<String, String> numbers = new java.util.HashMap<>();
            for (Received received : healthSystem.received()) {
                numbers.put(
                        received.deliveryId(),
                        eventNumber(fhir.newJsonParser().parseResource(Bundle.class, received.body())));
            }
            assertThat(numbers.values()).doesNotHaveDuplicates();
            // Without a person the event carries no additional context.
            assertThat(status(first).getParameter("notification-event").getPart())
                    .extracting(Parameters.ParametersParameterComponent::getName)
                    .doesNotContain("additional-context");
            assertValid(first);
        }

        @Test
        void sendsTheSameNotificationOnEveryAttempt() throws Exception {
            healthSystem.failNext(2);

            DeliveryId id = send("Communication/retried", PersonId.random(), HEALTH);

            await(() -> hub.bean(Deliveries.class).delivery(id).status() == DeliveryStatus.DELIVERED);
            List<Received> attempts = healthSystem.receivedFor(id.value());
            assertThat(attempts).hasSize(3);
            assertThat(attempts)
                    .allSatisfy(attempt -> assertThat(attempt.signatureValid()).isTrue());
            assertThat(attempts.stream().map(Received::body).distinct()).hasSize(1);
            assertThat(hub.bean(Deliveries.class).delivery(id).attempts()).isEqualTo(3);
        }
    }

    /** One POST as it arrived at an agency system. */
    record Received(String deliveryId, String contentType, String body, boolean signatureValid) {}

    /**
     * An agency system's rest-hook endpoint over real HTTP: checks each signature over the raw body with the secret it
     * shares with the hub, records what arrived, and acknowledges with 204, or fails with 500 when told to.
     */
    static final class Receiver implements AutoCloseable {

        private final HttpServer server;
        private final List<Received> received = new CopyOnWriteArrayList<>();
        private final AtomicInteger failures = new AtomicInteger();

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
            server.createContext("/fhir/notify", exchange -> {
                try (exchange) {
                    byte[] body = exchange.getRequestBody().readAllBytes();
                    String signature = exchange.getRequestHeaders().getFirst("X-Ecare-Signature");
                    received.add(new Received(
                            exchange.getRequestHeaders().getFirst("X-Ecare-Delivery-Id"),
                            exchange.getRequestHeaders().getFirst("Content-Type"),
                            new String(body, StandardCharsets.UTF_8),
                            sign(body).equals(signature)));
                    exchange.sendResponseHeaders(failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 204, -1);
                }
            });
            server.start();
        }

        static String sign(byte[] body) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/fhir/notify";
        }

        void failNext(int count) {
            failures.set(count);
        }

        List<Received> received() {
            return List.copyOf(received);
        }

        List<Received> receivedFor(String deliveryId) {
            return received.stream()
                    .filter(r -> deliveryId.equals(r.deliveryId()))
                    .toList();
        }

        Received last(String deliveryId) {
            List<Received> all = receivedFor(deliveryId);
            assertThat(all).as("arrived for " + deliveryId).isNotEmpty();
            return all.get(all.size() - 1);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
