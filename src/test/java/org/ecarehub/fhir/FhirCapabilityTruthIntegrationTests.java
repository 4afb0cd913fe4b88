package org.ecarehub.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The capability statement tells the truth: every interaction, search parameter, include and operation it declares
 * works for a signed-in caller (never 400 "unknown" or 405), and every interaction and parameter it does not declare
 * is refused with a 4xx. Every answer is an OperationOutcome or a resource HAPI's R4 validator finds no error in.
 */
@Tag("database")
class FhirCapabilityTruthIntegrationTests {

    static final String USER = "sw.hamilton";

    @TempDir
    static Path dataDir;

    static RunningHub hub;
    static final FhirContext fhir = FhirContext.forR4Cached();
    static final HttpClient http = HttpClient.newHttpClient();
    static FhirValidator validator;
    static String token;
    static String agnes;
    static CapabilityStatement statement;

    @BeforeAll
    static void startDemo() {
        hub = RunningHub.demo(dataDir, TestDatabase.fresh(dataDir));
        validator = R4Validators.of(fhir);
        token = hub.staffToken(USER);
        HttpResponse<String> metadata = hub.get(http, "/fhir/metadata");
        assertThat(metadata.statusCode()).isEqualTo(200);
        statement = (CapabilityStatement) valid(metadata);
        Bundle found = (Bundle) valid(send("GET", "/fhir/Patient?family=Thomson&given=Agnes&birthdate=1941-03-14"));
        agnes = found.getEntryFirstRep().getResource().getIdElement().getIdPart();
    }

    @AfterAll
    static void stopDemo() {
        if (hub != null) {
            hub.close();
        }
    }

    static HttpResponse<String> send(String method, String path) {
        String body = method.equals("POST") || method.equals("PUT") || method.equals("PATCH")
                ? "{\"resourceType\":\"" + type(path) + "\"" + (method.equals("POST") ? "" : ",\"id\":\"1\"") + "}"
                : null;
        HttpRequest.Builder request = HttpRequest.newBuilder(hub.uri(path))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/fhir+json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header(
                            "Content-Type",
                            method.equals("PATCH") ? "application/json-patch+json" : "application/fhir+json")
                    .method(method, HttpRequest.BodyPublishers.ofString(method.equals("PATCH") ? "[]" : body));
        }
        return RunningHub.send(http, request.build());
    }

    private static String type(String path) {
        String rest = path.substring("/fhir/".length());
        int end = rest.indexOf('/');
        return end < 0 ? rest : rest.substring(0, end);
    }

    /** The answer as a resource, after HAPI's validator found no error in it. */
    static IBaseResource valid(HttpResponse<String> response) {
        assertThat(response.body())
                .as(response.uri().toString())
                .doesNotContain("Exception")
                .doesNotContain("at org.");
        IBaseResource resource = fhir.newJsonParser().parseResource(response.body());
        assertThat(validator.validateWithResult(resource).getMessages().stream()
                        .filter(message -> message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                        .map(message -> message.getLocationString() + ": " + message.getMessage())
                        .toList())
                .as(response.uri().toString())
                .isEmpty();
        return resource;
    }

    /** Served: not 405, not HAPI's "does not know how to handle", not a 5xx. */
    static void assertServed(String what, HttpResponse<String> response) {
        valid(response);
        assertThat(response.statusCode()).as(what).isNotEqualTo(405).isLessThan(500);
        assertThat(response.body()).as(what).doesNotContain("does not know how to handle");
    }

    static void assertRefused(String what, HttpResponse<String> response) {
        assertThat(response.statusCode()).as(what).isBetween(400, 499);
        if (!response.body().isBlank()) {
            valid(response);
        }
    }

    static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A value of the parameter that a search of the demo can take. */
    static String sample(String type, String name, SampleKind search) {
        return switch (name) {
            case "_id" -> type.equals("Patient") ? agnes : "slc-social-work";
            case "patient", "subject" -> "Patient/" + agnes;
            case "identifier" -> "https://fhir.scot.nhs.uk/Id/chi|0101010101";
            case "performer", "owner" -> "equipment-and-adaptations";
            case "practitioner" -> "Practitioner/" + USER;
            case "organization" -> "Organization/slc-social-work";
            case "url" -> "urn:ecare:fhir:Questionnaire:single-shared-assessment";
            case "birthdate" -> "1941-03-14";
            case "category" -> type.equals("ServiceRequest") ? "homecare" : "safety";
            default ->
                switch (search) {
                    case DATE -> "ge2020-01-01";
                    case TOKEN -> "active";
                    default -> "Thomson";
                };
        };
    }

    /** The type of a declared search parameter, as far as a sample value needs it. */
    enum SampleKind {
        DATE,
        TOKEN,
        OTHER
    }

    static SampleKind kind(CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent parameter) {
        return switch (parameter.getType()) {
            case DATE -> SampleKind.DATE;
            case TOKEN -> SampleKind.TOKEN;
            default -> SampleKind.OTHER;
        };
    }

    /** What a search of the type needs besides the parameter tried: the person, for the types searched by person. */
    static String context(CapabilityStatementRestResourceComponent resource, String tried) {
        boolean byPerson = resource.getSearchParam().stream()
                .anyMatch(parameter -> parameter.getName().equals("patient"));
        if (!byPerson || tried.equals("patient") || tried.equals("subject")) {
            return "";
        }
        if (tried.equals("performer") || tried.equals("owner")) {
            return "";
        }
        return "patient=" + agnes + "&";
    }

    static List<CapabilityStatementRestResourceComponent> resources() {
        return statement.getRestFirstRep().getResource();
    }

    @Test
    void declaresTheTypesServedWithTheirSearchesIncludesAndOperations() {
        assertThat(resources())
                .extracting(CapabilityStatementRestResourceComponent::getType)
                .contains("Patient", "Flag", "CarePlan", "QuestionnaireResponse", "ServiceRequest", "Task");
        CapabilityStatementRestResourceComponent flag = resources().stream()
                .filter(resource -> resource.getType().equals("Flag"))
                .findFirst()
                .orElseThrow();
        assertThat(flag.getInteraction())
                .extracting(CapabilityStatement.ResourceInteractionComponent::getCode)
                .contains(
                        TypeRestfulInteraction.READ,
                        TypeRestfulInteraction.VREAD,
                        TypeRestfulInteraction.HISTORYINSTANCE,
                        TypeRestfulInteraction.SEARCHTYPE);
        assertThat(flag.getSearchInclude())
                .extracting(include -> include.getValue())
                .contains("Flag:patient");
        CapabilityStatementRestResourceComponent patient = resources().stream()
                .filter(resource -> resource.getType().equals("Patient"))
                .findFirst()
                .orElseThrow();
        assertThat(patient.getSearchRevInclude())
                .extracting(include -> include.getValue())
                .contains("Flag:patient", "CarePlan:subject");
        assertThat(patient.getOperation())
                .extracting(operation -> operation.getName())
                .contains("everything");
    }

    @Test
    void servesEveryDeclaredInteraction() {
        for (CapabilityStatementRestResourceComponent resource : resources()) {
            String type = resource.getType();
            for (CapabilityStatement.ResourceInteractionComponent interaction : resource.getInteraction()) {
                String what = type + " " + interaction.getCode().toCode();
                HttpResponse<String> response = switch (interaction.getCode()) {
                    case READ -> send("GET", "/fhir/" + type + "/1");
                    case VREAD -> send("GET", "/fhir/" + type + "/1/_history/1");
                    case HISTORYINSTANCE -> send("GET", "/fhir/" + type + "/1/_history");
                    case SEARCHTYPE -> send("GET", "/fhir/" + type + "?" + anySearch(resource));
                    case CREATE -> send("POST", "/fhir/" + type);
                    case UPDATE -> send("PUT", "/fhir/" + type + "/1");
                    default -> throw new AssertionError("declared but not tried: " + what);
                };
                assertServed(what, response);
            }
        }
    }

    @Test
    void refusesEveryInteractionItDoesNotDeclare() {
        Set<TypeRestfulInteraction> tried = EnumSet.of(
                TypeRestfulInteraction.READ,
                TypeRestfulInteraction.VREAD,
                TypeRestfulInteraction.HISTORYINSTANCE,
                TypeRestfulInteraction.HISTORYTYPE,
                TypeRestfulInteraction.CREATE,
                TypeRestfulInteraction.UPDATE,
                TypeRestfulInteraction.DELETE,
                TypeRestfulInteraction.PATCH);
        for (CapabilityStatementRestResourceComponent resource : resources()) {
            String type = resource.getType();
            Set<TypeRestfulInteraction> declared = EnumSet.noneOf(TypeRestfulInteraction.class);
            resource.getInteraction().forEach(interaction -> declared.add(interaction.getCode()));
            for (TypeRestfulInteraction interaction : tried) {
                if (declared.contains(interaction)) {
                    continue;
                }
                String what = type + " " + interaction.toCode();
                HttpResponse<String> response = switch (interaction) {
                    case READ -> send("GET", "/fhir/" + type + "/1");
                    case VREAD -> send("GET", "/fhir/" + type + "/1/_history/1");
                    case HISTORYINSTANCE -> send("GET", "/fhir/" + type + "/1/_history");
                    case HISTORYTYPE -> send("GET", "/fhir/" + type + "/_history");
                    case CREATE -> send("POST", "/fhir/" + type);
                    case UPDATE -> send("PUT", "/fhir/" + type + "/1");
                    case DELETE -> send("DELETE", "/fhir/" + type + "/1");
                    case PATCH -> send("PATCH", "/fhir/" + type + "/1");
                    default -> throw new AssertionError(what);
                };
                assertRefused(what, response);
            }
        }
        assertRefused("system history", send("GET", "/fhir/_history"));
        assertRefused("system search", send("GET", "/fhir?_id=" + agnes));
        assertRefused("an undeclared type", send("GET", "/fhir/Observation?patient=" + agnes));
    }

    private static String anySearch(CapabilityStatementRestResourceComponent resource) {
        if (resource.getSearchParam().isEmpty()) {
            return "";
        }
        CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent first =
                resource.getSearchParam().stream()
                        .filter(parameter -> parameter.getName().equals("patient"))
                        .findFirst()
                        .orElse(resource.getSearchParamFirstRep());
        return context(resource, first.getName()) + first.getName() + "="
                + encoded(sample(resource.getType(), first.getName(), kind(first)));
    }

    @Test
    void answersEveryDeclaredSearchParameterIncludeAndRevinclude() {
        List<String> tried = new ArrayList<>();
        for (CapabilityStatementRestResourceComponent resource : resources()) {
            String type = resource.getType();
            for (CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent parameter :
                    resource.getSearchParam()) {
                String name = parameter.getName();
                String path = "/fhir/" + type + "?" + context(resource, name) + name + "="
                        + encoded(sample(type, name, kind(parameter)));
                HttpResponse<String> response = send("GET", path);
                if (type.equals("AuditEvent")) {
                    // Served, and answered by the policy: the log is read by auditors under a task (decision 0043;
                    // FhirAuditEventIntegrationTests reads it as one).
                    assertThat(response.statusCode()).as(path).isEqualTo(403);
                    assertThat(response.body()).as(path).contains("access-refused");
                    valid(response);
                    tried.add(path);
                    continue;
                }
                assertThat(response.statusCode()).as(path).isEqualTo(200);
                assertThat(valid(response)).as(path).isInstanceOf(Bundle.class);
                tried.add(path);
            }
            String search = "/fhir/" + type + "?" + anySearch(resource);
            for (var include : resource.getSearchInclude()) {
                String path = search + "&_include=" + encoded(include.getValue());
                HttpResponse<String> response = send("GET", path);
                assertThat(response.statusCode()).as(path).isEqualTo(200);
                valid(response);
            }
            for (var include : resource.getSearchRevInclude()) {
                String path = search + "&_revinclude=" + encoded(include.getValue());
                HttpResponse<String> response = send("GET", path);
                assertThat(response.statusCode()).as(path).isEqualTo(200);
                valid(response);
            }
        }
        assertThat(tried).hasSizeGreaterThan(20);
        assertThat(tried)
                .as("the period searches are declared, so tried")
                .anyMatch(path -> path.startsWith("/fhir/Flag?") && path.contains("&date="))
                .anyMatch(path -> path.startsWith("/fhir/CarePlan?") && path.contains("&date="));
    }

    @Test
    void refusesEverySearchParameterItDoesNotDeclare() {
        for (CapabilityStatementRestResourceComponent resource : resources()) {
            if (!resource.getInteraction().stream()
                    .anyMatch(interaction -> interaction.getCode() == TypeRestfulInteraction.SEARCHTYPE)) {
                continue;
            }
            String search = "/fhir/" + resource.getType() + "?" + anySearch(resource);
            String separator = search.endsWith("?") ? "" : "&";
            for (String undeclared : List.of(
                    "not-a-parameter=1",
                    "_has:Flag:patient:status=active",
                    "_sort=not-a-field",
                    "_filter=" + encoded("name eq x"),
                    "_include=" + resource.getType() + ":not-a-parameter",
                    "_revinclude=Observation:patient",
                    "_elements:exclude=id",
                    "_query=everything")) {
                String path = search + separator + undeclared;
                HttpResponse<String> response = send("GET", path);
                assertThat(response.statusCode()).as(path).isEqualTo(400);
                valid(response);
            }
        }
    }

    @Test
    void servesEveryDeclaredOperation() {
        CapabilityStatementRestResourceComponent patient = resources().stream()
                .filter(resource -> resource.getType().equals(Patient.class.getSimpleName()))
                .findFirst()
                .orElseThrow();
        for (var operation : patient.getOperation()) {
            if (operation.getName().equals("match")) {
                // A type-level operation taking a Parameters resource: FhirMatchIntegrationTests drives it fully.
                HttpResponse<String> matched = RunningHub.send(
                        http,
                        HttpRequest.newBuilder(hub.uri("/fhir/Patient/$match"))
                                .header("Authorization", "Bearer " + token)
                                .header("Accept", "application/fhir+json")
                                .header("Content-Type", "application/fhir+json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"Parameters\","
                                        + "\"parameter\":[{\"name\":\"resource\",\"resource\":{\"resourceType\":"
                                        + "\"Patient\",\"name\":[{\"family\":\"Thomson\",\"given\":[\"Agnes\"]}],"
                                        + "\"birthDate\":\"1941-03-12\"}}]}"))
                                .build());
                assertThat(matched.statusCode()).as("$match").isEqualTo(200);
                assertThat(((Bundle) valid(matched)).getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
                continue;
            }
            if (operation.getName().equals("export")) {
                // The Bulk Data kick-off, for the data protection officer only (FhirBulkExportIntegrationTests):
                // served,
                // so the key worker is refused by the policy, never told the operation is unknown.
                HttpResponse<String> kickOff = RunningHub.send(
                        http,
                        HttpRequest.newBuilder(hub.uri("/fhir/Patient/$export"))
                                .header("Authorization", "Bearer " + token)
                                .header("Accept", "application/fhir+json")
                                .header("Prefer", "respond-async")
                                .GET()
                                .build());
                assertThat(kickOff.statusCode()).as("$export").isEqualTo(403);
                valid(kickOff);
                continue;
            }
            String path = "/fhir/Patient/" + agnes + "/$" + operation.getName();
            HttpResponse<String> response = send("GET", path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(((Bundle) valid(response))
                            .getEntryFirstRep()
                            .getResource()
                            .getIdElement()
                            .getIdPart())
                    .isEqualTo(agnes);
        }
    }
}
