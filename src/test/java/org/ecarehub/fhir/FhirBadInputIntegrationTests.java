package org.ecarehub.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.gclient.ReferenceClientParam;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Period;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the FHIR interface does with input no agency system should send: malformed, oversized, gzip bombs, deeply
 * nested, XML with a document type declaration, a resource of the wrong type or not valid R4. Each is answered with a
 * 4xx OperationOutcome (valid R4, no stack trace) within seconds, stores nothing, and leaves the hub answering. One
 * demo hub serves every case, on the default limits (1 MiB, 64 levels).
 */
@Tag("database")
class FhirBadInputIntegrationTests {

    static final int MAX_BODY = 1024 * 1024;
    static final Duration BOUND = Duration.ofSeconds(10);

    @TempDir
    static Path dataDir;

    static RunningHub hub;
    static String base;
    static String token;
    static String agnes;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startDemo() {
        hub = RunningHub.demo(dataDir, TestDatabase.fresh(dataDir));
        base = "http://localhost:" + hub.port() + "/fhir";
        token = hub.staffToken("sw.hamilton");
        agnes = FhirClients.personId(staff(), "Agnes", "Thomson", "1941-03-14");
        // The first write builds the hub's validator (seconds), outside every case's time bound.
        staff().create().resource(plan()).execute();
    }

    @AfterAll
    static void stopDemo() {
        if (hub != null) {
            hub.close();
        }
    }

    static IGenericClient staff() {
        IGenericClient client = FhirClients.client(base);
        client.registerInterceptor(new BearerTokenAuthInterceptor(token));
        return client;
    }

    /** A care plan as FhirRecordIntegrationTests writes one: valid R4, and one the record accepts. */
    static CarePlan plan() {
        return FhirRecordIntegrationTests.plan(agnes);
    }

    static String planJson() {
        return FhirClients.fhir.newJsonParser().encodeResourceToString(plan());
    }

    static int carePlansOfAgnes() {
        return staff().search()
                .forResource(CarePlan.class)
                .where(new ReferenceClientParam("patient").hasId("Patient/" + agnes))
                .returnBundle(Bundle.class)
                .execute()
                .getTotal();
    }

    static HttpRequest.Builder post(String path, String contentType) {
        return HttpRequest.newBuilder(hub.uri("/fhir/" + path))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/fhir+json")
                .header("Content-Type", contentType);
    }

    static HttpResponse<String> send(HttpRequest request) {
        return RunningHub.send(http, request);
    }

    static HttpResponse<String> postJson(String path, String body) {
        return send(post(path, "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    static HttpResponse<String> postXml(String path, String body) {
        return send(post(path, "application/fhir+xml")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /**
     * A refusal as the contract gives it: the status, an OperationOutcome valid in R4 whose first issue has this
     * stable code, no stack trace or exception name, and never cached.
     */
    static OperationOutcome assertRefused(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("fhir+json");
        assertThat(response.headers().allValues("Cache-Control")).anyMatch(value -> value.contains("no-store"));
        assertThat(response.body()).doesNotContain("Exception", "at org.", "at java.", "Caused by");
        assertThat(FhirClients.errors(FhirClients.validator().validateWithResult(response.body())))
                .isEmpty();
        OperationOutcome outcome =
                (OperationOutcome) FhirClients.fhir.newJsonParser().parseResource(response.body());
        assertThat(outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getSystem())
                .isEqualTo("urn:ecare:error");
        assertThat(outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getCode())
                .isEqualTo(code);
        return outcome;
    }

    static void assertStillAnswers() {
        assertThat(hub.get(http, "/fhir/metadata").statusCode()).isEqualTo(200);
    }

    @Nested
    class Malformed {

        @Test
        void refusesMalformedJsonWith400BeforeAnyValidation() {
            int before = carePlansOfAgnes();
            assertTimeoutPreemptively(BOUND, () -> {
                assertRefused(
                        postJson("CarePlan", "{\"resourceType\": \"CarePlan\", \"status\": "), 400, "malformed-body");
                assertRefused(postJson("CarePlan", "{\"resourceType\": \"CarePlan\"} trailing"), 400, "malformed-body");
            });
            assertThat(carePlansOfAgnes()).isEqualTo(before);
        }

        @Test
        void refusesMalformedXmlWith400() {
            assertTimeoutPreemptively(
                    BOUND,
                    () -> assertRefused(
                            postXml("CarePlan", "<CarePlan xmlns=\"http://hl7.org/fhir\"><status value=\"active\"/>"),
                            400,
                            "malformed-body"));
        }

        @Test
        void refusesABodyThatIsNeitherJsonNorXml() {
            assertTimeoutPreemptively(
                    BOUND,
                    () -> assertRefused(
                            send(post("CarePlan", "text/plain")
                                    .POST(HttpRequest.BodyPublishers.ofString("status=active"))
                                    .build()),
                            400,
                            "malformed-body"));
        }

        @Test
        void refusesAResourceOfAnotherTypeThanTheEndpointsWith400() {
            int before = carePlansOfAgnes();
            String flag = "{\"resourceType\": \"Flag\", \"status\": \"active\", \"code\": {\"text\": \"Dog\"},"
                    + " \"subject\": {\"reference\": \"Patient/" + agnes + "\"}}";

            assertTimeoutPreemptively(BOUND, () -> {
                OperationOutcome outcome = assertRefused(postJson("CarePlan", flag), 400, "invalid-resource");
                assertThat(outcome.getIssueFirstRep().getDetails().getText()).contains("Flag", "CarePlan");
            });
            assertThat(carePlansOfAgnes()).isEqualTo(before);
        }

        @Test
        void refusesAnUnknownElementWith400RatherThanDroppingIt() {
            int before = carePlansOfAgnes();
            String withColour = planJson().replaceFirst("\\{", "{\"colour\": \"blue\", ");

            assertTimeoutPreemptively(BOUND, () -> {
                OperationOutcome outcome = assertRefused(postJson("CarePlan", withColour), 400, "invalid-resource");
                assertThat(outcome.getIssueFirstRep().getDetails().getText()).contains("colour");
            });
            assertThat(carePlansOfAgnes()).isEqualTo(before);
        }

        @Test
        void refusesAnUnsupportedContentEncodingWith415() {
            assertTimeoutPreemptively(
                    BOUND,
                    () -> assertRefused(
                            send(post("CarePlan", "application/fhir+json")
                                    .header("Content-Encoding", "br")
                                    .POST(HttpRequest.BodyPublishers.ofString(planJson()))
                                    .build()),
                            415,
                            "unsupported-encoding"));
        }
    }

    @Nested
    class Size {

        @Test
        void refusesABodyOverTheLimitAnnouncedByContentLengthWith413() {
            String padded = padded(MAX_BODY + 1);
            assertThat(padded.getBytes(StandardCharsets.UTF_8)).hasSize(MAX_BODY + 1);

            assertTimeoutPreemptively(BOUND, () -> assertRefused(postJson("CarePlan", padded), 413, "too-large"));
            assertStillAnswers();
        }

        @Test
        void acceptsABodyAtTheLimit() {
            int before = carePlansOfAgnes();
            String padded = padded(MAX_BODY);

            assertTimeoutPreemptively(
                    BOUND,
                    () -> assertThat(postJson("CarePlan", padded).statusCode()).isEqualTo(201));
            assertThat(carePlansOfAgnes()).isEqualTo(before + 1);
        }

        @Test
        void refusesAChunkedBodyOverTheLimitWith413() {
            byte[] padded = padded(MAX_BODY + 100_000).getBytes(StandardCharsets.UTF_8);
            // No length known in advance, so the client streams it chunked and only reading tells its size.
            HttpRequest chunked = post("CarePlan", "application/fhir+json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(padded)))
                    .build();

            assertTimeoutPreemptively(BOUND, () -> assertRefused(send(chunked), 413, "too-large"));
            assertStillAnswers();
        }

        @Test
        void refusesAGzipBombOnItsInflatedSizeWith413() throws IOException {
            byte[] bomb = gzipBomb(256L * 1024 * 1024);
            assertThat(bomb.length).isLessThan(MAX_BODY);

            assertTimeoutPreemptively(
                    BOUND,
                    () -> assertRefused(
                            send(post("CarePlan", "application/fhir+json")
                                    .header("Content-Encoding", "gzip")
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(bomb))
                                    .build()),
                            413,
                            "too-large"));
            assertStillAnswers();
        }

        @Test
        void acceptsAGzipBodyWithinTheLimit() throws IOException {
            int before = carePlansOfAgnes();
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            try (OutputStream gzip = new GZIPOutputStream(zipped)) {
                gzip.write(planJson().getBytes(StandardCharsets.UTF_8));
            }

            HttpResponse<String> created = send(post("CarePlan", "application/fhir+json")
                    .header("Content-Encoding", "gzip")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(zipped.toByteArray()))
                    .build());

            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(carePlansOfAgnes()).isEqualTo(before + 1);
        }

        @Test
        void refusesASearchFormOverTheLimitWith413() {
            String form = "family=" + "x".repeat(MAX_BODY);

            assertTimeoutPreemptively(
                    BOUND,
                    () -> assertRefused(
                            send(post("Patient/_search", "application/x-www-form-urlencoded")
                                    .POST(HttpRequest.BodyPublishers.ofString(form))
                                    .build()),
                            413,
                            "too-large"));
        }

        /** A valid care plan whose JSON is padded with white space to exactly this many bytes. */
        String padded(int size) {
            String json = planJson();
            return json.substring(0, json.length() - 1)
                    + " ".repeat(size - json.getBytes(StandardCharsets.UTF_8).length)
                    + "}";
        }

        /** A care plan of this many bytes once inflated, nearly all white space, which gzip shrinks a thousandfold. */
        byte[] gzipBomb(long inflated) throws IOException {
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            byte[] spaces = new byte[64 * 1024];
            Arrays.fill(spaces, (byte) ' ');
            try (OutputStream gzip = new GZIPOutputStream(zipped)) {
                gzip.write("{\"resourceType\": \"CarePlan\",".getBytes(StandardCharsets.UTF_8));
                for (long written = 0; written < inflated; written += spaces.length) {
                    gzip.write(spaces);
                }
                gzip.write("\"status\": \"active\"}".getBytes(StandardCharsets.UTF_8));
            }
            return zipped.toByteArray();
        }
    }

    @Nested
    class Depth {

        @Test
        void refusesJsonNestedDeeperThanTheLimitWith400() {
            assertTimeoutPreemptively(BOUND, () -> assertRefused(postJson("CarePlan", nested(65)), 400, "too-deep"));
        }

        @Test
        void refusesJsonNestedAHundredThousandDeepWithoutExhaustingTheStack() {
            String deep = "{\"resourceType\": \"CarePlan\", \"x\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}";

            assertTimeoutPreemptively(BOUND, () -> assertRefused(postJson("CarePlan", deep), 400, "too-deep"));
            assertStillAnswers();
        }

        @Test
        void passesJsonAtTheLimitOnToTheParser() {
            // Within the depth limit, the strict parser is what refuses an element CarePlan does not have.
            assertTimeoutPreemptively(
                    BOUND, () -> assertRefused(postJson("CarePlan", nested(64)), 400, "invalid-resource"));
        }

        @Test
        void refusesXmlNestedDeeperThanTheLimitWith400() {
            String deep = "<CarePlan xmlns=\"http://hl7.org/fhir\">" + "<extension>".repeat(70)
                    + "</extension>".repeat(70) + "</CarePlan>";

            assertTimeoutPreemptively(BOUND, () -> assertRefused(postXml("CarePlan", deep), 400, "too-deep"));
        }

        /** A CarePlan whose nesting, counting its own object, is this deep. */
        String nested(int depth) {
            return "{\"resourceType\": \"CarePlan\", \"x\": " + "{\"x\": ".repeat(depth - 2) + "{}"
                    + "}".repeat(depth - 2) + "}";
        }
    }

    @Nested
    class DocumentTypeDeclarations {

        @Test
        void refusesAnExternalFileEntityWithoutReadingTheFile() {
            String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE CarePlan [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
                    + "<CarePlan xmlns=\"http://hl7.org/fhir\"><status value=\"active\"/><intent value=\"plan\"/>"
                    + "<description value=\"&xxe;\"/><subject><reference value=\"Patient/" + agnes
                    + "\"/></subject></CarePlan>";

            assertTimeoutPreemptively(BOUND, () -> {
                HttpResponse<String> refused = postXml("CarePlan", xxe);
                assertRefused(refused, 400, "doctype-refused");
                assertThat(refused.body()).doesNotContain("root:");
            });
        }

        @Test
        void refusesAnExternalHttpEntityWithoutFetchingIt() throws IOException {
            AtomicInteger fetched = new AtomicInteger();
            HttpServer attacker = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            attacker.createContext("/", exchange -> {
                fetched.incrementAndGet();
                exchange.sendResponseHeaders(200, 0);
                exchange.close();
            });
            attacker.start();
            try {
                String url = "http://localhost:" + attacker.getAddress().getPort();
                String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE CarePlan [<!ENTITY % remote SYSTEM \"" + url
                        + "/dtd\"> %remote; <!ENTITY xxe SYSTEM \"" + url + "/entity\">]>\n"
                        + "<CarePlan xmlns=\"http://hl7.org/fhir\"><status value=\"active\"/>"
                        + "<description value=\"&xxe;\"/></CarePlan>";

                assertTimeoutPreemptively(BOUND, () -> assertRefused(postXml("CarePlan", xxe), 400, "doctype-refused"));
                assertThat(fetched).hasValue(0);
            } finally {
                attacker.stop(0);
            }
        }

        @Test
        void refusesBillionLaughsWithoutExpandingThem() {
            StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE CarePlan [\n");
            laughs.append("<!ENTITY lol0 \"lol\">\n");
            for (int level = 1; level <= 9; level++) {
                String previous = "&lol" + (level - 1) + ";";
                laughs.append("<!ENTITY lol")
                        .append(level)
                        .append(" \"")
                        .append(previous.repeat(10))
                        .append("\">\n");
            }
            laughs.append("]>\n<CarePlan xmlns=\"http://hl7.org/fhir\"><description value=\"&lol9;\"/></CarePlan>");

            assertTimeoutPreemptively(
                    BOUND, () -> assertRefused(postXml("CarePlan", laughs.toString()), 400, "doctype-refused"));
            assertStillAnswers();
        }

        @Test
        void refusesADoctypeEvenWhenTheBodyClaimsToBeJson() {
            String disguised = "<!DOCTYPE CarePlan [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                    + "<CarePlan xmlns=\"http://hl7.org/fhir\"/>";

            assertTimeoutPreemptively(BOUND, () -> {
                assertRefused(postJson("CarePlan", disguised), 400, "malformed-body");
                assertRefused(
                        send(post("CarePlan", "text/plain")
                                .POST(HttpRequest.BodyPublishers.ofString(disguised))
                                .build()),
                        400,
                        "doctype-refused");
            });
        }

        @Test
        void acceptsAPlainXmlCarePlan() {
            String xml = FhirClients.fhir.newXmlParser().encodeResourceToString(plan());

            HttpResponse<String> created = postXml("CarePlan", xml);

            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }
    }

    @Nested
    class Validation {

        @Test
        void refusesAResourceR4DoesNotAllowWith422ListingEachProblem() {
            int before = carePlansOfAgnes();
            CarePlan noStatusNoIntent = plan();
            noStatusNoIntent.setStatus(null);
            noStatusNoIntent.setIntent(null);

            assertTimeoutPreemptively(
                    BOUND,
                    () -> assertThatThrownBy(() ->
                                    staff().create().resource(noStatusNoIntent).execute())
                            .isInstanceOfSatisfying(UnprocessableEntityException.class, refused -> {
                                OperationOutcome outcome = (OperationOutcome) refused.getOperationOutcome();
                                List<String> where = outcome.getIssue().stream()
                                        .map(issue -> issue.getExpression().toString())
                                        .toList();
                                assertThat(outcome.getIssue()).hasSizeGreaterThanOrEqualTo(2);
                                assertThat(outcome.getIssue())
                                        .allSatisfy(issue -> assertThat(issue.getDetails()
                                                        .getCodingFirstRep()
                                                        .getCode())
                                                .isEqualTo("not-valid-r4"));
                                assertThat(where).anyMatch(path -> path.contains("CarePlan"));
                                assertThat(outcome.getIssue())
                                        .extracting(issue -> issue.getDetails().getText())
                                        .anyMatch(text -> text.contains("status"))
                                        .anyMatch(text -> text.contains("intent"));
                            }));
            assertThat(carePlansOfAgnes()).isEqualTo(before);
        }

        @Test
        void refusesABrokenInvariantWith422() {
            CarePlan endsBeforeItStarts = plan();
            endsBeforeItStarts.setPeriod(new Period()
                    .setStartElement(new DateTimeType("2026-02-01"))
                    .setEndElement(new DateTimeType("2026-01-01")));

            assertTimeoutPreemptively(BOUND, () -> {
                OperationOutcome outcome = assertRefused(
                        postJson(
                                "CarePlan",
                                FhirClients.fhir.newJsonParser().encodeResourceToString(endsBeforeItStarts)),
                        422,
                        "not-valid-r4");
                assertThat(outcome.getIssue())
                        .extracting(issue -> issue.getDetails().getText())
                        .anyMatch(text -> text.contains("per-1"));
            });
        }

        @Test
        void acceptsAValidCarePlanFromTheGenericClient() {
            MethodOutcome created = staff().create().resource(plan()).execute();

            assertThat(created.getId().getIdPart()).startsWith("record-item-");
        }
    }

    @Nested
    class ServerAddress {

        @Test
        void namesItselfByItsConfiguredAddressWhateverTheHostHeaderSays() throws IOException {
            String answer;
            try (Socket socket = new Socket("localhost", hub.port())) {
                socket.getOutputStream()
                        .write(("GET /fhir/metadata HTTP/1.1\r\nHost: attacker.example\r\nAccept: application/fhir+json"
                                        + "\r\nConnection: close\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                try (InputStream in = socket.getInputStream()) {
                    answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }

            assertThat(answer).startsWith("HTTP/1.1 200").contains(base).doesNotContain("attacker.example");
        }

        @Test
        void givesTheLocationOfACreatedResourceUnderTheConfiguredAddress() {
            HttpResponse<String> created = postJson("CarePlan", planJson());

            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(created.headers().firstValue("Location").orElseThrow()).startsWith(base + "/CarePlan/");
        }

        @Test
        void statesTheSoftwareAndThatUpdatesNeedTheirVersion() {
            CapabilityStatement statement = FhirClients.client(base)
                    .capabilities()
                    .ofType(CapabilityStatement.class)
                    .execute();

            assertThat(statement.getSoftware().getName()).isEqualTo("eCare Hub");
            assertThat(statement.getImplementation().getUrl()).isEqualTo(base);
            List<CapabilityStatement.CapabilityStatementRestResourceComponent> resources =
                    statement.getRestFirstRep().getResource();
            assertThat(resources)
                    .filteredOn(resource -> resource.getInteraction().stream()
                            .anyMatch(interaction ->
                                    interaction.getCode() == CapabilityStatement.TypeRestfulInteraction.UPDATE))
                    .isNotEmpty()
                    .allSatisfy(resource -> assertThat(resource.getVersioning())
                            .isEqualTo(CapabilityStatement.ResourceVersionPolicy.VERSIONEDUPDATE));
            assertThat(resources)
                    .filteredOn(resource -> resource.getType().equals("CarePlan"))
                    .allSatisfy(resource ->
                            assertThat(resource.getConditionalCreate()).isFalse());
        }
    }
}
