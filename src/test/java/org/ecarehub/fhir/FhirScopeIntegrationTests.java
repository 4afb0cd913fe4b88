package org.ecarehub.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.ecarehub.support.RunningHub;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * SMART system scopes on top of POLICY.md, as agency systems meet them over HTTP on the demo: the token endpoint grants
 * each type the letters served on it, and the server asks for the right letter on every interaction of every type it
 * serves (read {@code r}, search {@code s}, create {@code c}, update {@code u}), refusing 403 before anything is
 * decided or logged. Beyond its scopes, a system on its own reaches its agency's items only, and on behalf of a staff
 * account exactly what that account sees.
 */
@Tag("database")
class FhirScopeIntegrationTests {

    /** The letters each served type is granted (decision 0042); a type served without a line here fails the tests. */
    static final Map<String, String> LETTERS = letters();

    static final String CAREFIRST = "slc-carefirst";
    static final String TRAK = "nhs-trak";

    @TempDir
    static Path dataDir;

    static AgencySystems systems;
    static RunningHub hub;
    static String agnes;
    /** Each type the capability statement names, with the interactions it claims. */
    static Map<String, Set<String>> served;

    static final FhirContext fhir = FhirContext.forR4Cached();
    static final HttpClient http = HttpClient.newHttpClient();
    static FhirValidator validator;

    private static Map<String, String> letters() {
        Map<String, String> letters = new LinkedHashMap<>();
        letters.put("Patient", "crs");
        letters.put("Organization", "rs");
        letters.put("Practitioner", "rs");
        letters.put("PractitionerRole", "rs");
        letters.put("CareTeam", "rs");
        letters.put("RelatedPerson", "rs");
        letters.put("Consent", "rs");
        letters.put("Flag", "crus");
        letters.put("CarePlan", "crus");
        letters.put("Questionnaire", "rs");
        letters.put("QuestionnaireResponse", "crus");
        letters.put("ServiceRequest", "crs");
        letters.put("Task", "rus");
        letters.put("Communication", "crs");
        letters.put("Subscription", "rs");
        letters.put("AuditEvent", "rs");
        return letters;
    }

    @BeforeAll
    static void startHub() throws Exception {
        systems = AgencySystems.demo(dataDir, Map.of(CAREFIRST, "slc-social-work", TRAK, "nhs-lanarkshire"), Map.of());
        hub = systems.hub;
        validator = R4Validators.of(fhir);
        Bundle found = (Bundle) parse(
                get("/fhir/Patient?given=Agnes&family=Thomson&birthdate=1941-03-14", hub.staffToken("sw.hamilton")));
        agnes = found.getEntryFirstRep().getResource().getIdElement().getIdPart();
        CapabilityStatement statement = (CapabilityStatement) parse(get("/fhir/metadata", null));
        served = new LinkedHashMap<>();
        for (var resource : statement.getRestFirstRep().getResource()) {
            if (resource.getType().equals("OperationDefinition")) {
                // HAPI's definitions of the operations served describe the server, not anyone: no scope needed.
                continue;
            }
            served.put(
                    resource.getType(),
                    resource.getInteraction().stream()
                            .map(interaction -> interaction.getCode().toCode())
                            .collect(Collectors.toSet()));
        }
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    // HTTP, as an integration engine sends it ------------------------------------------------------------------------

    static HttpResponse<String> get(String path, String token) {
        return send(request(path, token).GET());
    }

    static HttpResponse<String> send(String method, String path, String token, String body) {
        return send(request(path, token)
                .header("Content-Type", "application/fhir+json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)));
    }

    static HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(systems.base + path)).header("Accept", "application/fhir+json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    static HttpResponse<String> send(HttpRequest.Builder request) {
        return RunningHub.send(http, request.build());
    }

    /** The body as a resource, validated by HAPI's R4 validator with no errors. */
    static IBaseResource parse(HttpResponse<String> response) {
        IBaseResource resource = fhir.newJsonParser().parseResource(response.body());
        assertThat(validator.validateWithResult(resource).getMessages().stream()
                        .filter(message -> message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                        .map(message -> message.getLocationString() + ": " + message.getMessage())
                        .toList())
                .isEmpty();
        return resource;
    }

    static String errorCode(HttpResponse<String> response) {
        OperationOutcome outcome = (OperationOutcome) parse(response);
        return outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getCode();
    }

    static long events() {
        return hub.bean(JdbcClient.class)
                .sql("select count(*) from transparency_event")
                .query(Long.class)
                .single();
    }

    /** A search of the type the server answers: each with the parameters its search needs. */
    static String search(String type) {
        String patient = "patient=" + URLEncoder.encode("Patient/" + agnes, StandardCharsets.UTF_8);
        return "/fhir/" + type + "?"
                + switch (type) {
                    case "Patient" -> "family=Thomson";
                    case "Organization" -> "name=NHS";
                    case "Practitioner" -> "name=Sweeney";
                    case "PractitionerRole" -> "_id=sw.hamilton";
                    case "Questionnaire" -> "url=urn:ecare:fhir:Questionnaire:single-shared-assessment";
                    case "Subscription" -> "_id=slc-social-work";
                    default -> patient;
                };
    }

    static List<String> typesServing(String interaction) {
        List<String> types = new ArrayList<>();
        served.forEach((type, interactions) -> {
            if (interactions.contains(interaction)) {
                types.add(type);
            }
        });
        assertThat(types).as("types serving " + interaction).isNotEmpty();
        return types;
    }

    /** A token of the system for the type with exactly these letters. */
    static String token(String type, String letters) {
        return systems.token(CAREFIRST, "system/" + type + "." + letters, null);
    }

    /** The letters served on the type without the one given: a scope that grants everything but that. */
    static String without(String type, char letter) {
        String others = LETTERS.get(type).replace(String.valueOf(letter), "");
        assertThat(others).as(type + " has a letter besides " + letter).isNotEmpty();
        return others;
    }

    /** 403 scope-not-granted as an OperationOutcome, and not one entry more in the transparency log. */
    static void assertRefusedUnlogged(String what, java.util.function.Supplier<HttpResponse<String>> call) {
        long before = events();
        HttpResponse<String> response = call.get();
        assertThat(response.statusCode()).as(what).isEqualTo(403);
        assertThat(errorCode(response)).as(what).isEqualTo("scope-not-granted");
        assertThat(events()).as(what + ": nothing logged").isEqualTo(before);
    }

    static void assertNotRefusedForScope(String what, HttpResponse<String> response) {
        assertThat(response.statusCode() == 403 && response.body().contains("scope-not-granted"))
                .as(what + " passes the scope check: " + response.statusCode() + " " + response.body())
                .isFalse();
    }

    @Nested
    class TheTokenEndpoint {

        @Test
        void grantsEveryServedTypeTheLettersServedOnIt() {
            for (String type : served.keySet()) {
                assertThat(LETTERS).as("letters of " + type).containsKey(type);
                HttpResponse<String> response = systems.requestToken(CAREFIRST, "system/" + type + ".cruds", null);

                assertThat(response.statusCode()).as(type).isEqualTo(200);
                assertThat(AgencySystems.body(response).get("scope").asString())
                        .isEqualTo("system/" + type + "." + LETTERS.get(type));
                // The statement claims no interaction that a scope could not grant.
                Set<String> interactions = served.get(type);
                String letters = LETTERS.get(type);
                if (interactions.contains("read")) {
                    assertThat(letters).as(type).contains("r");
                }
                if (interactions.contains("search-type")) {
                    assertThat(letters).as(type).contains("s");
                }
                if (interactions.contains("create")) {
                    assertThat(letters).as(type).contains("c");
                }
                if (interactions.contains("update")) {
                    assertThat(letters).as(type).contains("u");
                }
            }
        }

        @Test
        void narrowsAScopeToWhatIsServedAndKeepsOneThatNeedsNoNarrowing() {
            Map<String, String> asked = new LinkedHashMap<>();
            asked.put("system/Flag.read system/Flag.rs", "system/Flag.read system/Flag.rs");
            asked.put("system/Task.cu", "system/Task.u");
            asked.put("system/Communication.cu", "system/Communication.c");
            asked.put("system/CarePlan.write", "system/CarePlan.cu");
            asked.put("system/*.cruds", "system/*.crus");
            asked.put("system/*.rs", "system/*.rs");

            asked.forEach((scope, granted) -> {
                HttpResponse<String> response = systems.requestToken(CAREFIRST, scope, null);
                assertThat(response.statusCode()).as(scope).isEqualTo(200);
                assertThat(AgencySystems.body(response).get("scope").asString())
                        .as(scope)
                        .isEqualTo(granted);
            });
        }

        @Test
        void refusesAScopeThatGrantsNothingServed() {
            for (String scope : List.of(
                    "system/Observation.rs",
                    "system/Flag.sr",
                    "system/Flag.rs?category=alert",
                    "system/Organization.cu",
                    "patient/Flag.rs",
                    "system/Flag.",
                    "system/flag.rs",
                    "system/Patient.rs system/Observation.rs")) {
                HttpResponse<String> response = systems.requestToken(CAREFIRST, scope, null);

                assertThat(response.statusCode()).as(scope).isEqualTo(400);
                assertThat(AgencySystems.body(response).get("error").asString())
                        .as(scope)
                        .isEqualTo("invalid_scope");
            }
        }
    }

    @Nested
    class EachLetterOnEachType {

        @Test
        void refusesAReadWithoutRAndLogsNothing() {
            for (String type : typesServing("read")) {
                String searchOnly = token(type, without(type, 'r'));
                assertRefusedUnlogged(type + " read", () -> get("/fhir/" + type + "/no-such-id", searchOnly));

                HttpResponse<String> read = get("/fhir/" + type + "/no-such-id", token(type, "r"));
                assertThat(read.statusCode()).as(type + " read with r").isEqualTo(404);
                assertThat(errorCode(read)).isEqualTo("not-found");
            }
        }

        @Test
        void refusesASearchWithoutSAndLogsNothing() {
            for (String type : typesServing("search-type")) {
                String readOnly = token(type, without(type, 's'));
                assertRefusedUnlogged(type + " search", () -> get(search(type), readOnly));

                HttpResponse<String> found = get(search(type), token(type, "s"));
                if (type.equals("AuditEvent")) {
                    // Past the scope, the policy answers: the log is read by staff auditing under a task (0043).
                    assertNotRefusedForScope(type + " search with s", found);
                    assertThat(errorCode(found)).isEqualTo("access-refused");
                    continue;
                }
                assertThat(found.statusCode())
                        .as(type + " search with s: " + found.body())
                        .isEqualTo(200);
                assertThat(parse(found)).isInstanceOf(Bundle.class);
            }
        }

        @Test
        void refusesASearchByPostWithoutS() {
            String readOnly = token("Patient", "r");
            assertRefusedUnlogged(
                    "Patient _search",
                    () -> send(request("/fhir/Patient/_search", readOnly)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("family=Thomson"))));
        }

        @Test
        void refusesACreateWithoutCAndLogsNothing() {
            for (String type : typesServing("create")) {
                String body = "{\"resourceType\":\"" + type + "\"}";
                String noCreate = token(type, without(type, 'c'));
                assertRefusedUnlogged(type + " create", () -> send("POST", "/fhir/" + type, noCreate, body));

                assertNotRefusedForScope(
                        type + " create with c", send("POST", "/fhir/" + type, token(type, "c"), body));
            }
        }

        @Test
        void refusesAnUpdateWithoutUAndLogsNothing() {
            for (String type : typesServing("update")) {
                String body = "{\"resourceType\":\"" + type + "\",\"id\":\"no-such-id\"}";
                String noUpdate = token(type, without(type, 'u'));
                assertRefusedUnlogged(
                        type + " update", () -> send("PUT", "/fhir/" + type + "/no-such-id", noUpdate, body));

                assertNotRefusedForScope(
                        type + " update with u", send("PUT", "/fhir/" + type + "/no-such-id", token(type, "u"), body));
            }
        }

        @Test
        void refusesATypeNoScopeNames() {
            String flags = systems.token(CAREFIRST, "system/Flag.rs", null);

            assertRefusedUnlogged("CarePlan search", () -> get(search("CarePlan"), flags));
            assertRefusedUnlogged("Patient read", () -> get("/fhir/Patient/" + agnes, flags));
            assertThat(get(search("Flag"), flags).statusCode()).isEqualTo(200);
        }

        @Test
        void readsTheDefinitionsOfTheServersOperationsWithAnyScope() {
            CapabilityStatement statement = (CapabilityStatement) parse(get("/fhir/metadata", null));
            List<String> definitions = statement.getRestFirstRep().getOperation().stream()
                    .map(operation -> operation.getDefinition())
                    .toList();
            assertThat(definitions).isNotEmpty();
            String flags = systems.token(CAREFIRST, "system/Flag.rs", null);

            for (String definition : definitions) {
                String path = "/fhir/OperationDefinition/" + definition.substring(definition.lastIndexOf('/') + 1);
                HttpResponse<String> read = get(path, flags);
                assertThat(read.statusCode()).as(path + ": " + read.body()).isEqualTo(200);
            }
        }

        @Test
        void readsAndSearchesWithV1ReadAndWritesWithV1Write() {
            String read = systems.token(CAREFIRST, "system/Flag.read", null);
            assertThat(get("/fhir/Flag/no-such-id", read).statusCode()).isEqualTo(404);
            assertThat(get(search("Flag"), read).statusCode()).isEqualTo(200);

            String write = systems.token(CAREFIRST, "system/CarePlan.write", null);
            assertNotRefusedForScope(
                    "CarePlan create with write",
                    send("POST", "/fhir/CarePlan", write, "{\"resourceType\":\"CarePlan\"}"));
            assertRefusedUnlogged("CarePlan read with write", () -> get("/fhir/CarePlan/no-such-id", write));
        }
    }

    @Nested
    class OnItsOwnAndOnBehalfOfStaff {

        static final List<String> RECORD_TYPES = List.of("Flag", "CarePlan", "QuestionnaireResponse");

        static int total(String type, String token) {
            HttpResponse<String> response = get(search(type), token);
            assertThat(response.statusCode()).as(type + ": " + response.body()).isEqualTo(200);
            Bundle bundle = (Bundle) parse(response);
            assertThat(bundle.getEntry()).hasSize(bundle.getTotal());
            return bundle.getTotal();
        }

        static Set<String> identifierSystems(String token) {
            HttpResponse<String> response = get("/fhir/Patient/" + agnes, token);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return ((Patient) parse(response))
                    .getIdentifier().stream().map(Identifier::getSystem).collect(Collectors.toSet());
        }

        @Test
        void showsASystemOnItsOwnOnlyItsAgencysItemsOfEachType() {
            String health = systems.token(TRAK, "system/*.rs", null);
            String socialWork = systems.token(CAREFIRST, "system/*.rs", null);

            for (String type : List.of("Flag", "CarePlan", "QuestionnaireResponse", "ServiceRequest", "Task")) {
                // Agnes's alert, care plan, assessment and equipment request are social work's: the health board's
                // system alone sees none of them.
                assertThat(total(type, health))
                        .as(type + " to the health board's system")
                        .isZero();
                assertThat(total(type, socialWork))
                        .as(type + " to social work's system")
                        .isPositive();
            }
            assertThat(identifierSystems(health))
                    .contains("urn:ecare:agency:nhs-lanarkshire")
                    .doesNotContain("urn:ecare:agency:slc-social-work", "urn:ecare:agency:hamilton-medical-practice");
            assertThat(identifierSystems(socialWork))
                    .contains("urn:ecare:agency:slc-social-work")
                    .doesNotContain("urn:ecare:agency:nhs-lanarkshire");
        }

        @Test
        void showsASystemOnBehalfOfAStaffAccountWhatThatAccountSees() {
            String onBehalf = systems.token(TRAK, "system/*.rs", "dn.hamilton");
            String nurse = hub.staffToken("dn.hamilton");

            for (String type : RECORD_TYPES) {
                int seen = total(type, nurse);
                assertThat(seen).as(type + " to the district nurse").isPositive();
                assertThat(total(type, onBehalf))
                        .as(type + " on behalf of the district nurse")
                        .isEqualTo(seen);
            }
            for (String type :
                    List.of("CareTeam", "RelatedPerson", "Consent", "ServiceRequest", "Task", "Communication")) {
                assertThat(total(type, onBehalf))
                        .as(type + " on behalf of the district nurse")
                        .isEqualTo(total(type, nurse));
            }
            assertThat(identifierSystems(onBehalf))
                    .isEqualTo(identifierSystems(nurse))
                    .contains("urn:ecare:agency:slc-social-work");
        }

        @Test
        void narrowsWhatAStaffAccountSeesToTheScopesOfTheSystemActingForIt() {
            String flagsOnly = systems.token(TRAK, "system/Flag.rs", "dn.hamilton");

            assertThat(total("Flag", flagsOnly)).isPositive();
            assertRefusedUnlogged("CarePlan on behalf", () -> get(search("CarePlan"), flagsOnly));
            assertRefusedUnlogged("Patient on behalf", () -> get("/fhir/Patient/" + agnes, flagsOnly));
        }
    }
}
