package org.ecarehub.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ecarehub.access.CaldicottReview;
import org.ecarehub.access.CaldicottReviewDraft;
import org.ecarehub.access.CaldicottReviews;
import org.ecarehub.access.Requester;
import org.ecarehub.access.Sensitivity;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.record.Alert;
import org.ecarehub.record.AlertType;
import org.ecarehub.record.ItemDraft;
import org.ecarehub.record.Records;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;
import org.ecarehub.support.RunningHub;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Bulk {@code $export} as the data protection officer's system meets it on the demo: kick-off, polling, NDJSON files
 * whose every line HAPI's validator accepts, and cancellation; the people of the officer's claimed review tasks only,
 * each decided and logged for export, never a sealed item; one type not exported refusing the whole request with no
 * job stored; and nobody but the caller who kicked a job off learning anything of it.
 */
@Tag("database")
class FhirBulkExportIntegrationTests {

    static final String TRAK = "nhs-trak";
    static final String SUBJECT_ACCESS = "subject-access";

    @TempDir
    static Path dataDir;

    static AgencySystems systems;
    static RunningHub hub;
    static String agnes;
    static String sealedAlert;
    static String serviceRequest;

    static final FhirContext fhir = FhirContext.forR4Cached();
    static final HttpClient http = HttpClient.newHttpClient();
    static FhirValidator validator;

    @BeforeAll
    static void startHub() throws Exception {
        systems =
                AgencySystems.demo(dataDir, Map.of(TRAK, "nhs-lanarkshire"), Map.of("ecare.fhir.export.sweep", "PT1S"));
        hub = systems.hub;
        validator = R4Validators.of(fhir);
        agnes = patient("sw.hamilton", "given=Agnes&family=Thomson&birthdate=1941-03-14");
        // A refuge address known to the key worker: sealed, so never exported, whoever asks.
        sealedAlert = hub.bean(Records.class)
                .add(
                        new Requester.Staff(Username.of("sw.hamilton"), Purpose.DIRECT_CARE, null),
                        PersonId.of(agnes),
                        new ItemDraft(
                                Category.ALERTS,
                                Sensitivity.SEALED,
                                new Alert(AlertType.OTHER, "Address held by the key worker only", null)))
                .id()
                .reference();
        // The officer works a subject access request for Agnes: a review task about her, claimed. Ryan has none.
        CaldicottReviews reviews = hub.bean(CaldicottReviews.class);
        CaldicottReview review = reviews.open(
                new CaldicottReviewDraft(
                        CaldicottReview.Kind.CHALLENGE,
                        PersonId.of(agnes),
                        AgencyId.of("nhs-lanarkshire"),
                        Username.of("dpo"),
                        "subject-access-request-1",
                        "Subject access request"),
                hub.staffActor("caldicott.nhs"));
        reviews.claim(review.id(), hub.staffActor("dpo"));
        HttpResponse<String> submitted = send(request("/fhir/ServiceRequest", hub.staffToken("sw.hamilton"), null)
                .header("Content-Type", "application/fhir+json")
                .header("Accept", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        fhir.newJsonParser().encodeResourceToString(FhirRecordIntegrationTests.homecare(agnes)))));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        serviceRequest = parse(submitted).getIdElement().getIdPart();
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    static String patient(String username, String query) {
        Bundle found = (Bundle) parse(get("/fhir/Patient?" + query, hub.staffToken(username), null));
        return found.getEntryFirstRep().getResource().getIdElement().getIdPart();
    }

    // HTTP, as a bulk data client sends it ---------------------------------------------------------------------------

    /** The data protection officer's own token and purpose. */
    static Caller dpo() {
        return new Caller(hub.staffToken("dpo"), SUBJECT_ACCESS);
    }

    record Caller(String token, String purpose) {}

    static HttpResponse<String> get(String pathOrUrl, String token, String purpose) {
        return send(request(pathOrUrl, token, purpose).GET());
    }

    static HttpRequest.Builder request(String pathOrUrl, String token, String purpose) {
        String url = pathOrUrl.startsWith("http") ? pathOrUrl : systems.base + pathOrUrl;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (purpose != null) {
            request.header("X-Purpose-Of-Use", purpose);
        }
        return request;
    }

    static HttpResponse<String> send(HttpRequest.Builder request) {
        return RunningHub.send(http, request.build());
    }

    static HttpResponse<String> kickOff(Caller caller, String query) {
        return send(request("/fhir/$export" + query, caller.token(), caller.purpose())
                .header("Accept", "application/fhir+json")
                .header("Prefer", "respond-async")
                .GET());
    }

    /** The status URL of an export the caller kicked off. */
    static String started(Caller caller, String query) {
        HttpResponse<String> response = kickOff(caller, query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String status = response.headers().firstValue("Content-Location").orElseThrow();
        assertThat(status).startsWith(systems.base + "/fhir/$export-poll-status?_jobId=");
        return status;
    }

    /** Polls as a client does until the manifest comes, each 202 carrying X-Progress. */
    static JsonNode manifest(Caller caller, String status) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> polled = get(status, caller.token(), caller.purpose());
            if (polled.statusCode() == 200) {
                assertThat(polled.headers().firstValue("Content-Type"))
                        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
                return AgencySystems.body(polled);
            }
            assertThat(polled.statusCode()).as(polled.body()).isEqualTo(202);
            assertThat(polled.headers().firstValue("X-Progress")).isPresent();
            Thread.sleep(200);
        }
        throw new AssertionError("the export did not complete within a minute");
    }

    /** Each file of the manifest by type, each line a resource HAPI's validator accepts. */
    static Map<String, List<IBaseResource>> files(Caller caller, JsonNode manifest) {
        Map<String, List<IBaseResource>> files = new LinkedHashMap<>();
        for (JsonNode output : manifest.get("output")) {
            HttpResponse<String> file = get(output.get("url").asString(), caller.token(), caller.purpose());
            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(file.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/fhir+ndjson"));
            assertThat(file.headers().allValues("Cache-Control")).anyMatch(value -> value.contains("no-store"));
            List<IBaseResource> resources = new ArrayList<>();
            for (String line : file.body().split("\n")) {
                IBaseResource resource = fhir.newJsonParser().parseResource(line);
                assertValid(resource);
                assertThat(resource.fhirType()).isEqualTo(output.get("type").asString());
                resources.add(resource);
            }
            assertThat(resources).hasSize(output.get("count").asInt());
            files.put(output.get("type").asString(), resources);
        }
        return files;
    }

    static void assertValid(IBaseResource resource) {
        assertThat(validator.validateWithResult(resource).getMessages().stream()
                        .filter(message -> message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                        .map(message -> message.getLocationString() + ": " + message.getMessage())
                        .toList())
                .isEmpty();
    }

    static IBaseResource parse(HttpResponse<String> response) {
        IBaseResource resource = fhir.newJsonParser().parseResource(response.body());
        assertValid(resource);
        return resource;
    }

    static void assertRefused(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        OperationOutcome outcome = (OperationOutcome) parse(response);
        assertThat(outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getCode())
                .isEqualTo(code);
    }

    static List<String> ids(List<IBaseResource> resources) {
        return resources.stream()
                .map(resource -> resource.getIdElement().getIdPart())
                .toList();
    }

    static long jobs() {
        return hub.bean(JdbcClient.class)
                .sql("select count(*) from fhir_export_job")
                .query(Long.class)
                .single();
    }

    static long exportEventsSince(long after) {
        return hub.bean(JdbcClient.class)
                .sql("select count(*) from transparency_event where id > ? and event like '%\"export\"%'")
                .param(after)
                .query(Long.class)
                .single();
    }

    static long lastEvent() {
        return hub.bean(JdbcClient.class)
                .sql("select coalesce(max(id), 0) from transparency_event")
                .query(Long.class)
                .single();
    }

    static String jobId(String status) {
        return status.substring(status.indexOf("_jobId=") + "_jobId=".length());
    }

    @Nested
    class AnExport {

        @Test
        void givesTheOfficerTheirTaskPeoplesRecordAsValidNdjsonLoggedAsAnExport() throws Exception {
            long before = lastEvent();
            Caller dpo = dpo();
            String status = started(dpo, "?_type=Patient,Flag,CarePlan,QuestionnaireResponse");

            JsonNode manifest = manifest(dpo, status);

            assertThat(manifest.get("requiresAccessToken").asBoolean()).isTrue();
            assertThat(manifest.get("request").asString())
                    .isEqualTo(systems.base + "/fhir/$export?_type=Patient,Flag,CarePlan,QuestionnaireResponse");
            assertThat(manifest.get("transactionTime").asString()).isNotBlank();
            assertThat(manifest.get("error")).isEmpty();
            Map<String, List<IBaseResource>> files = files(dpo, manifest);
            assertThat(files).containsOnlyKeys("Patient", "Flag", "CarePlan", "QuestionnaireResponse");
            // Agnes only: nobody else is the subject of a task the officer works.
            assertThat(ids(files.get("Patient"))).containsExactly(agnes);
            assertThat(ids(files.get("Flag"))).isNotEmpty().doesNotContain(sealedAlert);
            assertThat(exportEventsSince(before)).isPositive();
        }

        @Test
        void exportsServiceRequestsCareTeamsAndConsentsEachDecidedAndLoggedThroughItsModule() throws Exception {
            long before = lastEvent();
            Caller dpo = dpo();

            Map<String, List<IBaseResource>> files =
                    files(dpo, manifest(dpo, started(dpo, "?_type=ServiceRequest,CareTeam,Consent")));

            assertThat(ids(files.get("ServiceRequest"))).contains(serviceRequest);
            assertThat(files.get("CareTeam")).as("her key worker").isNotEmpty();
            assertThat(files.keySet()).doesNotContain("Patient", "Flag");
            List<String> categories = hub.bean(JdbcClient.class)
                    .sql("select event from transparency_event where id > ? and event like '%\"export\"%'")
                    .param(before)
                    .query(String.class)
                    .list();
            assertThat(categories)
                    .as("each module decided its own items for export and logged them")
                    .anyMatch(event -> event.contains("service-request"))
                    .anyMatch(event -> event.contains("contacts"));
        }

        @Test
        void exportsOnlyWhatChangedAtOrAfterSinceAndThePatientWhatever() throws Exception {
            Caller dpo = dpo();
            Instant since = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            Thread.sleep(5);
            String newAlert = hub.bean(Records.class)
                    .add(
                            new Requester.Staff(Username.of("sw.hamilton"), Purpose.DIRECT_CARE, null),
                            PersonId.of(agnes),
                            ItemDraft.of(new Alert(AlertType.RISK_TO_VISITING_STAFF, "New dog in the house", null)))
                    .id()
                    .reference();

            JsonNode manifest =
                    manifest(dpo, started(dpo, "?_type=Patient,Flag,CarePlan,ServiceRequest,CareTeam&_since=" + since));

            assertThat(manifest.get("request").asString()).endsWith("&_since=" + since);
            Map<String, List<IBaseResource>> files = files(dpo, manifest);
            assertThat(ids(files.get("Patient"))).containsExactly(agnes);
            assertThat(ids(files.get("Flag"))).containsExactly(newAlert);
            assertThat(files.keySet())
                    .as("nothing of these changed since")
                    .doesNotContain("CarePlan", "ServiceRequest", "CareTeam");
            Map<String, List<IBaseResource>> everything =
                    files(dpo, manifest(dpo, started(dpo, "?_type=Flag&_since=2000-01-01T00:00:00%2B01:00")));
            assertThat(ids(everything.get("Flag"))).contains(newAlert).hasSizeGreaterThan(1);
        }

        @Test
        void exportsEveryExportedTypeWhenNoneIsNamedAndAtThePatientLevelToo() throws Exception {
            Caller dpo = dpo();
            JsonNode all = manifest(dpo, started(dpo, ""));
            List<String> types = new ArrayList<>();
            all.get("output").forEach(output -> types.add(output.get("type").asString()));
            assertThat(types)
                    .contains("Patient", "Flag", "CarePlan", "QuestionnaireResponse", "ServiceRequest", "CareTeam");

            HttpResponse<String> patientLevel =
                    send(request("/fhir/Patient/$export?_type=Patient", dpo.token(), dpo.purpose())
                            .header("Prefer", "respond-async")
                            .GET());
            assertThat(patientLevel.statusCode()).as(patientLevel.body()).isEqualTo(202);
            JsonNode manifest = manifest(
                    dpo, patientLevel.headers().firstValue("Content-Location").orElseThrow());
            assertThat(manifest.get("request").asString())
                    .isEqualTo(systems.base + "/fhir/Patient/$export?_type=Patient");
            assertThat(ids(files(dpo, manifest).get("Patient"))).containsExactly(agnes);
        }

        @Test
        void letsASystemOnBehalfOfTheOfficerExportOnlyTheTypesItsScopesCover() throws Exception {
            Caller system = new Caller(
                    systems.token(TRAK, "system/Patient.rs system/Flag.rs system/CarePlan.r", "dpo"), SUBJECT_ACCESS);
            long jobsBefore = jobs();

            assertRefused(kickOff(system, "?_type=Patient,CarePlan"), 403, "scope-not-granted");
            assertThat(jobs()).isEqualTo(jobsBefore);

            Map<String, List<IBaseResource>> files =
                    files(system, manifest(system, started(system, "?_type=Patient,Flag")));
            assertThat(ids(files.get("Patient"))).containsExactly(agnes);
        }

        @Test
        void cancelsAJobAndDeletesItsFilesOnDelete() throws Exception {
            Caller dpo = dpo();
            String status = started(dpo, "?_type=Patient");
            manifest(dpo, status);

            HttpResponse<String> cancelled =
                    send(request(status, dpo.token(), dpo.purpose()).DELETE());

            assertThat(cancelled.statusCode()).isEqualTo(202);
            assertRefused(get(status, dpo.token(), dpo.purpose()), 404, "not-found");
            assertThat(hub.bean(JdbcClient.class)
                            .sql("select count(*) from fhir_export_file where job_id = ?")
                            .param(jobId(status))
                            .query(Long.class)
                            .single())
                    .isZero();
        }

        @Test
        void forgetsAJobOnceItExpiresAndTheSweepDeletesItsFiles() throws Exception {
            Caller dpo = dpo();
            String status = started(dpo, "?_type=Patient");
            String file = manifest(dpo, status).get("output").get(0).get("url").asString();
            JdbcClient jdbc = hub.bean(JdbcClient.class);

            jdbc.sql("update fhir_export_job set expires_at = ? where id = ?")
                    .params(Timestamp.from(Instant.now().minusSeconds(1)), jobId(status))
                    .update();

            assertRefused(get(status, dpo.token(), dpo.purpose()), 404, "not-found");
            assertRefused(get(file, dpo.token(), dpo.purpose()), 404, "not-found");
            Instant deadline = Instant.now().plusSeconds(20);
            while (jdbc.sql("select count(*) from fhir_export_file where job_id = ?")
                                    .param(jobId(status))
                                    .query(Long.class)
                                    .single()
                            > 0
                    && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }
            assertThat(jdbc.sql("select count(*) from fhir_export_job where id = ?")
                            .param(jobId(status))
                            .query(Long.class)
                            .single())
                    .isZero();
        }
    }

    @Nested
    class ARefusedExport {

        @Test
        void refusesTheWholeRequestWhenOneTypeIsNotExportedAndStoresNoJob() {
            long before = jobs();

            for (String query : List.of(
                    "?_type=Patient,Communication",
                    "?_type=Patient,Observation",
                    "?_type=Flag,",
                    "?_type=Patient&_since=2020-01-01",
                    "?_type=Patient&_since=yesterday",
                    "?_type=Patient&_since=2020-01-01T00:00:00Z&_since=2021-01-01T00:00:00Z",
                    "?_type=Patient&_outputFormat=application/fhir%2Bjson")) {
                assertRefused(kickOff(dpo(), query), 400, "invalid-export");
            }
            assertThat(jobs()).isEqualTo(before);
        }

        @Test
        void refusesAKickOffThatDoesNotAskForAsync() {
            long before = jobs();

            assertRefused(
                    get("/fhir/$export?_type=Patient", hub.staffToken("dpo"), SUBJECT_ACCESS), 400, "invalid-export");
            assertThat(jobs()).isEqualTo(before);
        }

        @Test
        void refusesStaffWhoAreNotTheOfficer() {
            long before = jobs();

            // A social worker's roles may export some of their own cases' categories, but not for subject access.
            assertRefused(
                    kickOff(new Caller(hub.staffToken("sw.hamilton"), null), "?_type=CarePlan"), 403, "access-refused");
            assertRefused(
                    kickOff(new Caller(hub.staffToken("sw.hamilton"), SUBJECT_ACCESS), "?_type=CarePlan"),
                    403,
                    "purpose-not-allowed");
            // The Caldicott guardian reads for audit, and exports nothing.
            assertRefused(
                    kickOff(new Caller(hub.staffToken("caldicott.nhs"), "audit"), "?_type=Patient"),
                    403,
                    "access-refused");
            assertThat(jobs()).isEqualTo(before);
        }

        @Test
        void answersAnotherCallerAsForAJobThatNeverExisted() throws Exception {
            Caller dpo = dpo();
            String status = started(dpo, "?_type=Patient,Flag");
            JsonNode manifest = manifest(dpo, status);
            String file = manifest.get("output").get(0).get("url").asString();
            String never =
                    status.replace(jobId(status), java.util.UUID.randomUUID().toString());
            String neverBody = get(never, dpo.token(), dpo.purpose()).body();

            List<Caller> others = List.of(
                    new Caller(hub.staffToken("caldicott.nhs"), "audit"),
                    new Caller(hub.staffToken("sw.hamilton"), null),
                    new Caller(systems.token(TRAK, "system/*.rs", "dpo"), SUBJECT_ACCESS));
            for (Caller other : others) {
                HttpResponse<String> polled = get(status, other.token(), other.purpose());
                assertRefused(polled, 404, "not-found");
                assertThat(polled.body()).isEqualTo(neverBody);
                assertRefused(get(file, other.token(), other.purpose()), 404, "not-found");
                assertRefused(
                        send(request(status, other.token(), other.purpose()).DELETE()), 404, "not-found");
            }
            assertThat(get(status, dpo.token(), dpo.purpose()).statusCode()).isEqualTo(200);
            assertThat(get(file, dpo.token(), dpo.purpose()).statusCode()).isEqualTo(200);
        }
    }
}
