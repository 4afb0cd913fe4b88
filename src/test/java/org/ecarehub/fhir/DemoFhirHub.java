package org.ecarehub.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.AdditionalRequestHeadersInterceptor;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ecarehub.access.Holder;
import org.ecarehub.access.RelationshipDraft;
import org.ecarehub.access.RelationshipKind;
import org.ecarehub.access.Relationships;
import org.ecarehub.person.AgencyRecord;
import org.ecarehub.person.AgencyRecordId;
import org.ecarehub.person.ChiNumber;
import org.ecarehub.person.Demographics;
import org.ecarehub.person.PersonIndex;
import org.ecarehub.person.Sex;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A hub on the demo partnership for the FHIR tests of AuditEvent, {@code $match}, batch and Patient create, with
 * social work's system {@code slc-carefirst} registered for client credentials, and clients that validate every
 * resource the hub answers with HAPI's R4 validator, OperationOutcomes included.
 */
final class DemoFhirHub implements AutoCloseable {

    static final String CHI_SYSTEM = "https://fhir.scot.nhs.uk/Id/chi";
    static final String SOCIAL_WORK_SYSTEM = "urn:ecare:agency:slc-social-work";
    static final String GP_SYSTEM = "urn:ecare:agency:hamilton-medical-practice";
    static final String SOCIAL_WORK_CLIENT = "slc-carefirst";

    static final FhirContext fhir = FhirContext.forR4Cached();
    static final HttpClient http = HttpClient.newHttpClient();
    static final JsonMapper json = JsonMapper.builder().build();

    final RunningHub hub;
    final TestDatabase database;
    final String base;
    private final KeyPair key;

    private DemoFhirHub(RunningHub hub, TestDatabase database, String base, KeyPair key) {
        this.hub = hub;
        this.database = database;
        this.base = base;
        this.key = key;
    }

    static DemoFhirHub start(Path dataDir) throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair key = rsa.generateKeyPair();
        String demo = new String(
                DemoFhirHub.class.getResourceAsStream("/demo/partnership.yaml").readAllBytes(), StandardCharsets.UTF_8);
        String partnership = demo.replaceFirst(
                "(?m)^    caldicott-guardian: caldicott\\.slc$",
                "    caldicott-guardian: caldicott.slc\n" + AgencySystems.registration(SOCIAL_WORK_CLIENT, key));
        assertThat(partnership).contains(SOCIAL_WORK_CLIENT);
        Path file = dataDir.resolve("partnership.yaml");
        Files.writeString(file, partnership);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String base = "http://localhost:" + port;
        TestDatabase database = TestDatabase.fresh(dataDir);
        RunningHub hub = RunningHub.start(
                "serve",
                dataDir,
                database,
                Map.of("server.port", port, "ecare.base-url", base, "ecare.partnership-file", file.toString()));
        return new DemoFhirHub(hub, database, base, key);
    }

    @Override
    public void close() {
        hub.close();
    }

    <T> T bean(Class<T> type) {
        return hub.bean(type);
    }

    /** A staff account's client under the given purpose (null for the default), validating every answer. */
    IGenericClient staff(String username, String purpose) {
        return client(hub.staffToken(username), purpose);
    }

    /** Social work's system on its own, with the given scopes, validating every answer. */
    IGenericClient socialWorkSystem(String scopes) {
        return client(systemToken(SOCIAL_WORK_CLIENT, null, scopes), null);
    }

    String systemToken(String clientId, String onBehalfOf, String scopes) {
        HttpResponse<String> response = AgencySystems.requestToken(hub, http, base, key, clientId, scopes, onBehalfOf);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body()).get("access_token").asString();
    }

    /** A client with this bearer token, under the given purpose (null for the default), validating every answer. */
    IGenericClient client(String token, String purpose) {
        IGenericClient client = FhirClients.client(base + "/fhir");
        client.registerInterceptor(new BearerTokenAuthInterceptor(token));
        if (purpose != null) {
            AdditionalRequestHeadersInterceptor headers = new AdditionalRequestHeadersInterceptor();
            headers.addHeaderValue("X-Purpose-Of-Use", purpose);
            client.registerInterceptor(headers);
        }
        return client;
    }

    /** A raw request with a staff token, its answer validated when it has a body. */
    HttpResponse<String> send(String method, String path, String body, String token, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/fhir+json");
        if (body != null) {
            request.header("Content-Type", "application/fhir+json");
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        HttpResponse<String> response = RunningHub.send(http, request.build());
        assertValidBody(response.body());
        return response;
    }

    void assertValidBody(String body) {
        if (body != null && !body.isBlank()) {
            assertValid(fhir.newJsonParser().parseResource(body));
        }
    }

    void assertValid(IBaseResource resource) {
        FhirClients.assertValid(resource);
    }

    /**
     * A Bundle's JSON without what differs between any two answers to the same question (its id, meta and links), so
     * that an answer about someone hidden can be compared with one about no one.
     */
    static String withoutIds(String body) {
        org.hl7.fhir.r4.model.Bundle bundle =
                fhir.newJsonParser().parseResource(org.hl7.fhir.r4.model.Bundle.class, body);
        bundle.setId((String) null);
        bundle.setMeta(null);
        bundle.getLink().clear();
        return fhir.newJsonParser().encodeResourceToString(bundle);
    }

    static String code(OperationOutcome outcome) {
        return outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getCode();
    }

    static String code(String body) {
        return code(fhir.newJsonParser().parseResource(OperationOutcome.class, body));
    }

    /** A person known to one agency, with the details given, as that agency's system would submit them. */
    PersonId person(String agency, String localId, Demographics demographics) {
        return bean(PersonIndex.class)
                .submit(
                        new AgencyRecord(AgencyRecordId.of(agency, localId), demographics),
                        org.ecarehub.person.Actor.agencySystem(AgencyId.of(agency), 1))
                .person();
    }

    static Demographics details(
            String given, String family, LocalDate born, String postcode, String phone, String chi) {
        return new Demographics(
                given,
                null,
                family,
                List.of(),
                born,
                Sex.FEMALE,
                postcode == null
                        ? List.of()
                        : List.of(org.ecarehub.person.Address.current("1 Test Street, Hamilton", postcode)),
                phone,
                chi == null ? null : ChiNumber.of(chi));
    }

    /** The staff account becomes the person's key worker. */
    void keyWorker(PersonId person, String username) {
        bean(Relationships.class)
                .start(
                        RelationshipDraft.of(
                                person,
                                Holder.staff(Username.of(username)),
                                RelationshipKind.KEY_WORKER,
                                LocalDate.now(java.time.ZoneId.of("Europe/London"))),
                        hub.staffActor(username));
    }

    /** A valid CHI number for the date of birth, as the index checks it. */
    static String chiBornOn(LocalDate born, int from) {
        String date = String.format("%02d%02d%02d", born.getDayOfMonth(), born.getMonthValue(), born.getYear() % 100);
        for (int serial = from; serial < 1000; serial++) {
            String firstNine = date + serial;
            var digit = ChiNumber.checkDigit(firstNine);
            if (digit.isPresent()) {
                return firstNine + digit.get();
            }
        }
        throw new IllegalStateException("no CHI number for the day");
    }

    long lastEvent() {
        return bean(JdbcClient.class)
                .sql("select coalesce(max(id), 0) from transparency_event")
                .query(Long.class)
                .single();
    }

    /** The access events (type 1) logged since the given event, each with the person it was logged about. */
    List<LoggedAccess> accessEventsSince(long after) {
        return new ArrayList<>(bean(JdbcClient.class)
                .sql("select person_ref, event from transparency_event where event_type = 1 and id > ? order by id")
                .param(after)
                .query((row, n) -> new LoggedAccess(row.getString("person_ref"), json.readTree(row.getString("event"))))
                .list());
    }

    record LoggedAccess(String person, JsonNode event) {

        String decision() {
            return event.path("why").path("decision").asString();
        }

        String account() {
            return event.path("who").path("account").asString();
        }

        String action() {
            return event.path("what").path("action").asString();
        }
    }
}
