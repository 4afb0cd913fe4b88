package org.ecarehub.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The validating client fails a test on any response that is not valid R4, success or refusal: proven against a small
 * real HTTP server that answers what the hub must never answer.
 */
class FhirClientsTests {

    static HttpServer server;
    static String base;

    @BeforeAll
    static void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        answer(
                "/fhir/Patient/valid",
                200,
                "application/fhir+json",
                "{\"resourceType\": \"Patient\", \"id\": \"valid\"}");
        answer(
                "/fhir/Patient/robot",
                200,
                "application/fhir+json",
                "{\"resourceType\": \"Patient\", \"id\": \"robot\", \"gender\": \"robot\"}");
        answer(
                "/fhir/Patient/extra",
                200,
                "application/fhir+json",
                "{\"resourceType\": \"Patient\", \"id\": \"extra\", \"colour\": \"blue\"}");
        answer(
                "/fhir/Patient/missing",
                404,
                "application/fhir+json",
                "{\"resourceType\": \"OperationOutcome\", \"issue\": [{\"severity\": \"error\", \"code\": \"not-found\"}]}");
        answer(
                "/fhir/Patient/missing-without-issue",
                404,
                "application/fhir+json",
                "{\"resourceType\": \"OperationOutcome\"}");
        answer("/fhir/Patient/html", 500, "text/html", "<html><body>java.lang.NullPointerException</body></html>");
        server.start();
        base = "http://localhost:" + server.getAddress().getPort() + "/fhir";
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    static void answer(String path, int status, String contentType, String body) {
        server.createContext(path, exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
    }

    static Patient read(String id) {
        return FhirClients.client(base)
                .read()
                .resource(Patient.class)
                .withId(id)
                .execute();
    }

    @Test
    void passesAValidResourceOn() {
        assertThat(read("valid").getIdElement().getIdPart()).isEqualTo("valid");
    }

    @Test
    void failsOnACodeR4DoesNotKnow() {
        assertThatThrownBy(() -> read("robot"))
                .isInstanceOf(FhirClients.InvalidResponse.class)
                .hasMessageContaining("robot");
    }

    @Test
    void failsOnAnElementTheLenientParserWouldDrop() {
        assertThatThrownBy(() -> read("extra"))
                .isInstanceOf(FhirClients.InvalidResponse.class)
                .hasMessageContaining("colour");
    }

    @Test
    void passesAValidRefusalOnAsHapisOwnException() {
        assertThatThrownBy(() -> read("missing")).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void failsOnAnInvalidRefusal() {
        assertThatThrownBy(() -> read("missing-without-issue")).isInstanceOf(FhirClients.InvalidResponse.class);
    }

    @Test
    void failsOnAnAnswerThatIsNotFhir() {
        assertThatThrownBy(() -> read("html"))
                .isInstanceOf(FhirClients.InvalidResponse.class)
                .hasMessageContaining("not FHIR");
    }
}
