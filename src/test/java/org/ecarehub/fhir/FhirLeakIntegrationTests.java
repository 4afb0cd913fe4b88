package org.ecarehub.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.ecarehub.access.Holder;
import org.ecarehub.access.RelationshipDraft;
import org.ecarehub.access.RelationshipKind;
import org.ecarehub.access.Relationships;
import org.ecarehub.access.Requester;
import org.ecarehub.partnership.ConcernKind;
import org.ecarehub.partnership.ConcernPriority;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.protection.ConcernPerson;
import org.ecarehub.protection.ConcernRole;
import org.ecarehub.protection.ProtectionMessageDraft;
import org.ecarehub.protection.ProtectionMessageView;
import org.ecarehub.protection.ProtectionMessages;
import org.ecarehub.record.Alert;
import org.ecarehub.record.AlertType;
import org.ecarehub.record.ItemDraft;
import org.ecarehub.record.RecordItem;
import org.ecarehub.record.Records;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * No oracle, no leak: on the demo, a housing officer with no relationship to Agnes Thomson gets, by every way in (read,
 * version read, history, search by patient or its alias, includes, revincludes, {@code :iterate}, paging,
 * {@code _summary=count}, {@code _total}, {@code _sort}, {@code $everything}, create), exactly the answer they get for
 * a person or resource that never existed, while her key worker sees what is there; and what no search implements
 * ({@code _has}, chains, unknown modifiers and controls) is refused whether or not anything would match. Every answer is
 * validated by HAPI's R4 validator and carries {@code Cache-Control: no-store}.
 */
@Tag("database")
class FhirLeakIntegrationTests {

    static final String KEY_WORKER = "sw.hamilton";
    static final String HOUSING = "housing.ek";
    /** Another council's social worker: may write care plans, has no relationship with Agnes. */
    static final String OTHER_COUNCIL = "sw.airdrie";
    /** The police officer who raises a concern about Ryan. */
    static final String POLICE = "police.hub";

    static final String NEVER = UUID.randomUUID().toString();
    static final String NEVER_ITEM = "record-item-987654";

    @TempDir
    static Path dataDir;

    static RunningHub hub;
    static final FhirContext fhir = FhirContext.forR4Cached();
    static final HttpClient http = HttpClient.newHttpClient();
    static final Map<String, String> tokens = new ConcurrentHashMap<>();
    static FhirValidator validator;
    static String agnes;
    static String ryan;
    static String alert;
    static String endedAlert;
    static String carePlan;
    static String assessment;
    static String serviceRequest;
    static String ryansCarePlan;
    static String ryansAlert;
    /** The police's concern about Ryan, routed to children and families: housing, his key worker, is no party to it. */
    static String message;

    static String routingTask;

    @BeforeAll
    static void startDemo() {
        hub = RunningHub.demo(dataDir, TestDatabase.fresh(dataDir));
        validator = R4Validators.of(fhir);
        agnes = patient(KEY_WORKER, "Agnes", "Thomson", "1941-03-14");
        ryan = patient("sw.blantyre", "Ryan", "Kerr", "2019-06-02");
        Records records = hub.bean(Records.class);
        alert = records.add(staff(KEY_WORKER), PersonId.of(agnes), ItemDraft.of(riskAlert("Dog in the house")))
                .id()
                .reference();
        RecordItem ended =
                records.add(staff(KEY_WORKER), PersonId.of(agnes), ItemDraft.of(riskAlert("Loose stair carpet")));
        endedAlert = records.end(staff(KEY_WORKER), ended.id(), 1, "carpet fixed")
                .id()
                .reference();
        carePlan = client(KEY_WORKER)
                .create()
                .resource(FhirRecordIntegrationTests.plan(agnes))
                .execute()
                .getId()
                .getIdPart();
        assessment = client(KEY_WORKER)
                .create()
                .resource(FhirRecordIntegrationTests.draft(agnes))
                .execute()
                .getId()
                .getIdPart();
        serviceRequest = client(KEY_WORKER)
                .create()
                .resource(FhirRecordIntegrationTests.homecare(agnes))
                .execute()
                .getId()
                .getIdPart();
        ryansAlert = records.add(staff("sw.blantyre"), PersonId.of(ryan), ItemDraft.of(riskAlert("Dog at the door")))
                .id()
                .reference();
        ryansCarePlan = client("sw.blantyre")
                .create()
                .resource(FhirRecordIntegrationTests.plan(ryan))
                .execute()
                .getId()
                .getIdPart();
        ProtectionMessageView raised = hub.bean(ProtectionMessages.class)
                .raise(
                        new Requester.Staff(Username.of(POLICE), Purpose.CHILD_PROTECTION, "Concern for the child"),
                        new ProtectionMessageDraft(
                                ConcernKind.CHILD,
                                ConcernPriority.URGENT,
                                "Police attended a domestic incident at the home overnight; the child was present.",
                                List.of(ConcernPerson.of(PersonId.of(ryan), ConcernRole.SUBJECT))));
        message = String.valueOf(raised.id().value());
        routingTask = raised.id().reference() + "-routing-"
                + raised.routings().get(0).id().value();
        // Housing works with Ryan's family: it sees him, his contacts and alerts, never his care plan (its role).
        hub.bean(Relationships.class)
                .start(
                        RelationshipDraft.of(
                                PersonId.of(ryan),
                                Holder.staff(Username.of(HOUSING)),
                                RelationshipKind.KEY_WORKER,
                                LocalDate.now()),
                        hub.staffActor(HOUSING));
    }

    @AfterAll
    static void stopDemo() {
        if (hub != null) {
            hub.close();
        }
    }

    static String patient(String username, String given, String family, String birthDate) {
        Bundle found = client(username)
                .search()
                .forResource(Patient.class)
                .where(Patient.GIVEN.matches().value(given))
                .and(Patient.FAMILY.matches().value(family))
                .and(Patient.BIRTHDATE.exactly().day(birthDate))
                .returnBundle(Bundle.class)
                .execute();
        return found.getEntryFirstRep().getResource().getIdElement().getIdPart();
    }

    static Alert riskAlert(String text) {
        return new Alert(AlertType.RISK_TO_VISITING_STAFF, text, null);
    }

    static Requester staff(String username) {
        return new Requester.Staff(Username.of(username), Purpose.DIRECT_CARE, null);
    }

    static String token(String username) {
        return tokens.computeIfAbsent(username, hub::staffToken);
    }

    static IGenericClient client(String username) {
        fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        // The first write loads the server's validator: longer than HAPI's default 10 seconds on a busy machine.
        fhir.getRestfulClientFactory().setSocketTimeout(120_000);
        IGenericClient client = fhir.newRestfulGenericClient("http://localhost:" + hub.port() + "/fhir");
        client.registerInterceptor(new BearerTokenAuthInterceptor(token(username)));
        return client;
    }

    /** A GET as the user: never cached, and whatever it answers, a resource HAPI's validator finds no error in. */
    static HttpResponse<String> get(String username, String path) {
        HttpResponse<String> response = hub.get(http, path, "Authorization", "Bearer " + token(username));
        assertAnswer(response);
        return response;
    }

    /** A GET as the user under the purpose they state, checked as {@link #get} checks it. */
    static HttpResponse<String> get(String username, String purpose, String path) {
        HttpResponse<String> response =
                hub.get(http, path, "Authorization", "Bearer " + token(username), "X-Purpose-Of-Use", purpose);
        assertAnswer(response);
        return response;
    }

    static HttpResponse<String> post(String username, String path, IBaseResource resource) {
        HttpResponse<String> response = RunningHub.send(
                http,
                HttpRequest.newBuilder(hub.uri(path))
                        .header("Authorization", "Bearer " + token(username))
                        .header("Content-Type", "application/fhir+json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                fhir.newJsonParser().encodeResourceToString(resource)))
                        .build());
        assertAnswer(response);
        return response;
    }

    static void assertAnswer(HttpResponse<String> response) {
        assertThat(response.headers().allValues("Cache-Control")).anyMatch(value -> value.contains("no-store"));
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at org.");
        IBaseResource resource = fhir.newJsonParser().parseResource(response.body());
        assertThat(validator.validateWithResult(resource).getMessages().stream()
                        .filter(message -> message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                        .map(message -> message.getLocationString() + ": " + message.getMessage())
                        .toList())
                .as(response.uri().toString())
                .isEmpty();
    }

    static Bundle bundle(String username, String path) {
        return bundle(get(username, path));
    }

    static Bundle bundle(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(200);
        return fhir.newJsonParser().parseResource(Bundle.class, response.body());
    }

    static String errorCode(HttpResponse<String> response) {
        return fhir.newJsonParser()
                .parseResource(OperationOutcome.class, response.body())
                .getIssueFirstRep()
                .getDetails()
                .getCodingFirstRep()
                .getCode();
    }

    /**
     * A searchset as it would read with the searched id replaced: without the Bundle's own id and time, which differ
     * on every answer, so that a search about a hidden person and one about a person who never existed compare equal
     * exactly when they say the same.
     */
    static String normalized(Bundle bundle, String id) {
        Bundle copy = bundle.copy();
        copy.setId((String) null);
        copy.setMeta(null);
        String encoded = fhir.newJsonParser().encodeResourceToString(copy);
        return encoded.replace(id, "ID").replace(URLEncoder.encode(id, StandardCharsets.UTF_8), "ID");
    }

    /** The search, with {@code {id}} filled by a hidden id and by one that never existed, answers both alike. */
    static void assertSearchAnswersAlike(String username, String search, String hidden, String never) {
        Bundle aboutHidden = bundle(username, search.replace("{id}", hidden));
        Bundle aboutNobody = bundle(username, search.replace("{id}", never));
        assertThat(aboutHidden.getTotal()).as(search).isZero();
        assertThat(aboutHidden.getEntry()).as(search).isEmpty();
        assertThat(normalized(aboutHidden, hidden)).as(search).isEqualTo(normalized(aboutNobody, never));
    }

    /** A read of the hidden path answers exactly as the never-existing one: 404, the same body. */
    static void assertReadAnswersAlike(String username, String hiddenPath, String neverPath) {
        HttpResponse<String> hidden = get(username, hiddenPath);
        HttpResponse<String> never = get(username, neverPath);
        assertThat(hidden.statusCode()).as(hiddenPath).isEqualTo(404);
        assertThat(never.statusCode()).as(neverPath).isEqualTo(404);
        assertThat(hidden.body()).as(hiddenPath).isEqualTo(never.body());
        assertThat(errorCode(hidden)).isEqualTo("not-found");
    }

    static List<String> ids(Bundle bundle, Bundle.SearchEntryMode mode) {
        return bundle.getEntry().stream()
                .filter(entry -> entry.getSearch().getMode() == mode)
                .map(entry -> entry.getResource().fhirType() + "/"
                        + entry.getResource().getIdElement().getIdPart())
                .toList();
    }

    static long lastEvent() {
        return hub.bean(JdbcClient.class)
                .sql("select coalesce(max(id), 0) from transparency_event")
                .query(Long.class)
                .single();
    }

    static long eventsAbout(String person, long after) {
        return hub.bean(JdbcClient.class)
                .sql("select count(*) from transparency_event where id > ? and person_ref = ?")
                .params(after, person)
                .query(Long.class)
                .single();
    }

    @Nested
    class Reads {

        @Test
        void answersEveryHiddenResourceExactlyAsOneThatNeverExisted() {
            assertReadAnswersAlike(HOUSING, "/fhir/Patient/" + agnes, "/fhir/Patient/" + NEVER);
            assertReadAnswersAlike(HOUSING, "/fhir/Flag/" + alert, "/fhir/Flag/" + NEVER_ITEM);
            assertReadAnswersAlike(HOUSING, "/fhir/CarePlan/" + carePlan, "/fhir/CarePlan/" + NEVER_ITEM);
            assertReadAnswersAlike(
                    HOUSING, "/fhir/QuestionnaireResponse/" + assessment, "/fhir/QuestionnaireResponse/" + NEVER_ITEM);
            assertReadAnswersAlike(
                    HOUSING, "/fhir/ServiceRequest/" + serviceRequest, "/fhir/ServiceRequest/service-request-987654");
            assertReadAnswersAlike(HOUSING, "/fhir/Task/" + serviceRequest, "/fhir/Task/service-request-987654");
            assertThat(get(KEY_WORKER, "/fhir/Flag/" + alert).statusCode()).isEqualTo(200);
        }

        @Test
        void answersVersionReadsAndHistoriesOfHiddenItemsAsMissingOnes() {
            assertReadAnswersAlike(
                    HOUSING, "/fhir/Patient/" + agnes + "/_history/1", "/fhir/Patient/" + NEVER + "/_history/1");
            assertReadAnswersAlike(
                    HOUSING, "/fhir/Patient/" + agnes + "/_history", "/fhir/Patient/" + NEVER + "/_history");
            assertReadAnswersAlike(
                    HOUSING, "/fhir/Flag/" + endedAlert + "/_history/1", "/fhir/Flag/" + NEVER_ITEM + "/_history/1");
            assertReadAnswersAlike(
                    HOUSING, "/fhir/Flag/" + endedAlert + "/_history", "/fhir/Flag/" + NEVER_ITEM + "/_history");
            assertReadAnswersAlike(
                    HOUSING,
                    "/fhir/CarePlan/" + carePlan + "/_history/1",
                    "/fhir/CarePlan/" + NEVER_ITEM + "/_history/1");
            assertReadAnswersAlike(
                    HOUSING,
                    "/fhir/QuestionnaireResponse/" + assessment + "/_history",
                    "/fhir/QuestionnaireResponse/" + NEVER_ITEM + "/_history");
            // A version that does not exist of an item the caller sees answers as a missing item does.
            assertReadAnswersAlike(
                    KEY_WORKER, "/fhir/Flag/" + endedAlert + "/_history/9", "/fhir/Flag/" + NEVER_ITEM + "/_history/1");
        }

        @Test
        void showsTheKeyWorkerEveryVersionOfAnItemAndEachByItsNumber() {
            Bundle history = bundle(KEY_WORKER, "/fhir/Flag/" + endedAlert + "/_history");
            assertThat(history.getType()).isEqualTo(Bundle.BundleType.HISTORY);
            assertThat(history.getEntry())
                    .extracting(entry -> ((org.hl7.fhir.r4.model.Flag) entry.getResource()).getStatus())
                    .containsExactly(
                            org.hl7.fhir.r4.model.Flag.FlagStatus.INACTIVE,
                            org.hl7.fhir.r4.model.Flag.FlagStatus.ACTIVE);
            HttpResponse<String> first = get(KEY_WORKER, "/fhir/Flag/" + endedAlert + "/_history/1");
            assertThat(first.statusCode()).isEqualTo(200);
            org.hl7.fhir.r4.model.Flag version =
                    fhir.newJsonParser().parseResource(org.hl7.fhir.r4.model.Flag.class, first.body());
            assertThat(version.getMeta().getVersionId()).isEqualTo("1");
            assertThat(version.getStatus()).isEqualTo(org.hl7.fhir.r4.model.Flag.FlagStatus.ACTIVE);
        }
    }

    @Nested
    class Searches {

        @Test
        void answersASearchAboutAHiddenPersonAsOneAboutNobodyByEveryTypeAndAlias() {
            for (String search : List.of(
                    "/fhir/Flag?patient={id}",
                    "/fhir/Flag?subject={id}",
                    "/fhir/Flag?subject=Patient/{id}",
                    "/fhir/Flag?patient={id}&status=active&category=safety",
                    "/fhir/CarePlan?patient={id}",
                    "/fhir/CarePlan?subject=Patient/{id}",
                    "/fhir/QuestionnaireResponse?patient={id}",
                    "/fhir/QuestionnaireResponse?subject={id}&authored=ge2020-01-01",
                    "/fhir/ServiceRequest?patient={id}",
                    "/fhir/ServiceRequest?subject={id}&category=homecare",
                    "/fhir/Task?patient={id}",
                    "/fhir/Communication?patient={id}",
                    "/fhir/CareTeam?patient={id}",
                    "/fhir/RelatedPerson?patient={id}",
                    "/fhir/Consent?patient={id}",
                    "/fhir/Patient?_id={id}")) {
                assertSearchAnswersAlike(HOUSING, search, agnes, NEVER);
            }
            assertThat(bundle(KEY_WORKER, "/fhir/Flag?patient=" + agnes).getTotal())
                    .isGreaterThanOrEqualTo(2);
        }

        @Test
        void narrowsTheAliasExactlyAsThePatientParameter() {
            for (String type : List.of("Flag", "CarePlan", "QuestionnaireResponse", "ServiceRequest")) {
                List<String> byPatient =
                        ids(bundle(KEY_WORKER, "/fhir/" + type + "?patient=" + agnes), Bundle.SearchEntryMode.MATCH);
                List<String> bySubject = ids(
                        bundle(KEY_WORKER, "/fhir/" + type + "?subject=Patient/" + agnes),
                        Bundle.SearchEntryMode.MATCH);
                assertThat(byPatient).as(type).isNotEmpty().isEqualTo(bySubject);
            }
            HttpResponse<String> both = get(KEY_WORKER, "/fhir/Flag?patient=" + agnes + "&subject=" + NEVER);
            assertThat(both.statusCode()).isEqualTo(400);
            assertThat(errorCode(both)).isEqualTo("invalid-search");
        }

        @Test
        void countsOnlyWhatTheCallerMaySeeAndSortsWithoutTelling() {
            for (String search : List.of(
                    "/fhir/Flag?patient={id}&_summary=count",
                    "/fhir/Flag?patient={id}&_total=accurate",
                    "/fhir/Flag?patient={id}&_count=0",
                    "/fhir/Flag?patient={id}&_sort=-_lastUpdated",
                    "/fhir/CarePlan?patient={id}&_sort=_lastUpdated&_count=1",
                    "/fhir/Patient?_id={id}&_summary=count")) {
                assertSearchAnswersAlike(HOUSING, search, agnes, NEVER);
            }
            Bundle counted = bundle(KEY_WORKER, "/fhir/Flag?patient=" + agnes + "&_summary=count");
            Bundle all = bundle(KEY_WORKER, "/fhir/Flag?patient=" + agnes);
            assertThat(counted.getEntry()).isEmpty();
            assertThat(counted.getTotal())
                    .isEqualTo(all.getTotal())
                    .isEqualTo(all.getEntry().size());
            List<Resource> newestFirst =
                    bundle(KEY_WORKER, "/fhir/Flag?patient=" + agnes + "&_sort=-_lastUpdated").getEntry().stream()
                            .map(Bundle.BundleEntryComponent::getResource)
                            .toList();
            for (int i = 1; i < newestFirst.size(); i++) {
                assertThat(newestFirst.get(i - 1).getMeta().getLastUpdated())
                        .isAfterOrEqualTo(newestFirst.get(i).getMeta().getLastUpdated());
            }
        }

        @Test
        void refusesWhatNoSearchImplementsWhetherOrNotAnythingWouldMatch() {
            List<String> refused = List.of(
                    "/fhir/Patient?family=Thomson&_has:Flag:patient:category=child-protection",
                    "/fhir/Patient?_id={id}&_has:CarePlan:subject:status=active",
                    "/fhir/Flag?patient.family=Thomson",
                    "/fhir/Flag?patient:Patient.birthdate=1941-03-14",
                    "/fhir/Flag?patient={id}&status:not=active",
                    "/fhir/Flag?patient={id}&category:text=dog",
                    "/fhir/Patient?family:exact=Thomson",
                    "/fhir/Patient?family:contains=Thom",
                    "/fhir/Flag?patient={id}&_sort=category",
                    "/fhir/Patient?family=Thomson&_sort=birthdate",
                    "/fhir/Flag?patient={id}&_filter=status eq active",
                    "/fhir/Flag?patient={id}&_tag=urn:ecare:decision-flag|break-glass",
                    "/fhir/Flag?patient={id}&_text=dog",
                    "/fhir/Flag?patient={id}&_content=dog",
                    "/fhir/Flag?patient={id}&_list=42",
                    "/fhir/Flag?patient={id}&_lastUpdated=ge2020-01-01",
                    "/fhir/Flag?patient={id}&_security=R",
                    "/fhir/Flag?patient={id}&_profile=http://example.org",
                    "/fhir/Flag?patient={id}&_summary=text",
                    "/fhir/Flag?patient={id}&_count=-1",
                    "/fhir/Flag?patient={id}&status=active,inactive",
                    "/fhir/Flag?patient={id}&_include=Flag:author",
                    "/fhir/Flag?patient={id}&_include:recurse=Flag:patient",
                    "/fhir/Patient?_id={id}&_revinclude=Consent:patient",
                    "/fhir/QuestionnaireResponse?patient={id}&subject={id}");
            for (String search : refused) {
                for (String username : List.of(HOUSING, KEY_WORKER)) {
                    for (String person : List.of(agnes, NEVER)) {
                        String path = search.replace("{id}", person)
                                .replace(" ", "%20")
                                .replace("|", "%7C");
                        HttpResponse<String> response = get(username, path);
                        assertThat(response.statusCode())
                                .as(username + " " + path)
                                .isEqualTo(400);
                        assertThat(response.body()).doesNotContain(person);
                    }
                }
            }
        }
    }

    @Nested
    class Includes {

        @Test
        void addsOnlyWhatTheCallerMaySeeThroughItsOwnDecision() {
            for (String search : List.of(
                    "/fhir/Flag?patient={id}&_include=Flag:patient",
                    "/fhir/ServiceRequest?patient={id}&_include=ServiceRequest:subject&_revinclude=Task:focus",
                    "/fhir/Task?patient={id}&_include=Task:focus&_include:iterate=ServiceRequest:subject",
                    "/fhir/Patient?_id={id}&_revinclude=Flag:patient&_revinclude=CarePlan:subject",
                    "/fhir/CareTeam?patient={id}&_include=CareTeam:patient")) {
                assertSearchAnswersAlike(HOUSING, search, agnes, NEVER);
            }
            Bundle withPatient = bundle(KEY_WORKER, "/fhir/Flag?patient=" + agnes + "&_include=Flag:patient");
            assertThat(ids(withPatient, Bundle.SearchEntryMode.INCLUDE)).containsExactly("Patient/" + agnes);
            assertThat(withPatient.getTotal())
                    .isEqualTo(ids(withPatient, Bundle.SearchEntryMode.MATCH).size());
        }

        @Test
        void neverAddsAnItemTheCallersRoleMayNotSeeAboutAPersonTheyMaySee() {
            String search = "/fhir/Patient?_id=" + ryan + "&_revinclude=CarePlan:subject&_revinclude=Flag:patient";
            Bundle forHousing = bundle(HOUSING, search);
            Bundle forSocialWork = bundle("sw.blantyre", search);

            assertThat(ids(forHousing, Bundle.SearchEntryMode.MATCH)).containsExactly("Patient/" + ryan);
            assertThat(ids(forSocialWork, Bundle.SearchEntryMode.INCLUDE)).contains("CarePlan/" + ryansCarePlan);
            assertThat(ids(forHousing, Bundle.SearchEntryMode.INCLUDE))
                    .contains("Flag/" + ryansAlert)
                    .allMatch(id -> id.startsWith("Flag/"));
        }

        @Test
        void followsIterateOneStepFurtherThroughTheSameDecisions() {
            Bundle tasks = bundle(
                    KEY_WORKER,
                    "/fhir/Task?patient=" + agnes + "&_include=Task:focus&_include:iterate=ServiceRequest:subject");
            assertThat(ids(tasks, Bundle.SearchEntryMode.INCLUDE))
                    .contains("ServiceRequest/" + serviceRequest, "Patient/" + agnes);
        }

        @Test
        void decidesAndLogsEachIncludedResource() {
            long beforePlain = lastEvent();
            bundle(KEY_WORKER, "/fhir/Flag?patient=" + agnes);
            long plain = eventsAbout(agnes, beforePlain);
            long beforeIncluding = lastEvent();
            bundle(KEY_WORKER, "/fhir/Flag?patient=" + agnes + "&_include=Flag:patient");
            assertThat(eventsAbout(agnes, beforeIncluding))
                    .as("the Patient included was read through the person directory, which logged it")
                    .isGreaterThan(plain);
        }
    }

    @Nested
    class Paging {

        @Test
        void pagesTheDecidedSetAndShowsAReplayedLinkTheReplayersOwnView() {
            Bundle all = bundle(KEY_WORKER, "/fhir/Flag?patient=" + agnes);
            List<String> seen = new ArrayList<>();
            Bundle page = bundle(KEY_WORKER, "/fhir/Flag?patient=" + agnes + "&_count=1");
            String replayable = page.getLink(Bundle.LINK_NEXT).getUrl();
            while (true) {
                assertThat(page.getTotal()).isEqualTo(all.getTotal());
                assertThat(page.getEntry()).hasSizeLessThanOrEqualTo(1);
                seen.addAll(ids(page, Bundle.SearchEntryMode.MATCH));
                if (page.getLink(Bundle.LINK_NEXT) == null) {
                    break;
                }
                page = bundle(
                        KEY_WORKER, relative(page.getLink(Bundle.LINK_NEXT).getUrl()));
            }
            assertThat(seen).containsExactlyInAnyOrderElementsOf(ids(all, Bundle.SearchEntryMode.MATCH));

            Bundle replayed = bundle(HOUSING, relative(replayable));
            assertThat(replayed.getTotal()).isZero();
            assertThat(replayed.getEntry()).isEmpty();
            assertThat(normalized(replayed, agnes))
                    .isEqualTo(normalized(bundle(HOUSING, relative(replayable).replace(agnes, NEVER)), NEVER));
            assertThat(bundle(KEY_WORKER, "/fhir/Flag?patient=" + agnes + "&_count=1000")
                            .getEntry())
                    .hasSizeLessThanOrEqualTo(100);
        }

        String relative(String url) {
            return url.substring(url.indexOf("/fhir"));
        }
    }

    @Nested
    class Everything {

        @Test
        void answersAHiddenPersonAsOneThatNeverExisted() {
            assertReadAnswersAlike(
                    HOUSING, "/fhir/Patient/" + agnes + "/$everything", "/fhir/Patient/" + NEVER + "/$everything");
        }

        @Test
        void showsEachCallerOnlyTheEntriesTheirOwnDecisionsAllow() {
            Bundle forKeyWorker = bundle(KEY_WORKER, "/fhir/Patient/" + agnes + "/$everything");
            assertThat(ids(forKeyWorker, Bundle.SearchEntryMode.MATCH))
                    .contains(
                            "Patient/" + agnes,
                            "Flag/" + alert,
                            "CarePlan/" + carePlan,
                            "QuestionnaireResponse/" + assessment,
                            "ServiceRequest/" + serviceRequest,
                            "Task/" + serviceRequest);

            Bundle forHousing = bundle(HOUSING, "/fhir/Patient/" + ryan + "/$everything");
            assertThat(ids(forHousing, Bundle.SearchEntryMode.MATCH))
                    .contains("Patient/" + ryan)
                    .doesNotContain("CarePlan/" + ryansCarePlan)
                    .noneMatch(id -> id.startsWith("QuestionnaireResponse/"));
            assertThat(forHousing.getTotal()).isEqualTo(forHousing.getEntry().size());
        }
    }

    @Nested
    class ProtectionMessagesAndRoutings {

        @Test
        void answersAMessageAndARoutingTaskTheCallerIsNoPartyToExactlyAsMissingOnes() {
            for (String outsider : List.of(HOUSING, KEY_WORKER)) {
                assertReadAnswersAlike(outsider, "/fhir/Communication/" + message, "/fhir/Communication/987654");
                assertReadAnswersAlike(
                        outsider, "/fhir/Task/" + routingTask, "/fhir/Task/protection-message-987654-routing-1");
            }
            assertThat(get(POLICE, "child-protection", "/fhir/Communication/" + message)
                            .statusCode())
                    .as("the sender reads it")
                    .isEqualTo(200);
        }

        @Test
        void answersSearchesIncludesAndRevincludesOfAMessageTheCallerIsNoPartyToAsAboutNobody() {
            for (String search : List.of(
                    "/fhir/Communication?patient={id}",
                    "/fhir/Communication?subject={id}",
                    "/fhir/Communication?patient={id}&status=in-progress&category=child",
                    "/fhir/Communication?patient={id}&_revinclude=Task:focus",
                    "/fhir/Communication?subject={id}&_include=Communication:subject",
                    "/fhir/Communication?patient={id}&_summary=count",
                    "/fhir/Task?patient={id}",
                    "/fhir/Task?patient={id}&_include=Task:focus",
                    "/fhir/Task?patient={id}&_include=Task:patient")) {
                assertSearchAnswersAlike(HOUSING, search, ryan, NEVER);
            }

            Bundle sender = bundle(
                    get(POLICE, "child-protection", "/fhir/Communication?patient=" + ryan + "&_revinclude=Task:focus"));
            assertThat(ids(sender, Bundle.SearchEntryMode.MATCH)).contains("Communication/" + message);
            assertThat(ids(sender, Bundle.SearchEntryMode.INCLUDE)).contains("Task/" + routingTask);
        }

        @Test
        void neverIncludesAMessageThroughTheTasksOfAPersonTheCallerMaySee() {
            Bundle housing = bundle(HOUSING, "/fhir/Task?patient=" + ryan + "&_include=Task:focus");
            assertThat(housing.getEntry()).isEmpty();
            Bundle sender =
                    bundle(get(POLICE, "child-protection", "/fhir/Task?patient=" + ryan + "&_include=Task:focus"));
            assertThat(ids(sender, Bundle.SearchEntryMode.MATCH)).contains("Task/" + routingTask);
            assertThat(ids(sender, Bundle.SearchEntryMode.INCLUDE)).contains("Communication/" + message);
        }
    }

    @Nested
    class Batches {

        /**
         * Each pair, one entry about something the caller may not see and one about something that never existed,
         * answered alike in one batch: the same status, the same OperationOutcome, the same searchset.
         */
        @Test
        void answersEachEntryAboutSomethingHiddenExactlyAsOneAboutSomethingMissing() {
            List<String[]> pairs = List.of(
                    new String[] {"Patient/" + agnes, "Patient/" + NEVER, agnes, NEVER},
                    new String[] {"Flag/" + alert, "Flag/" + NEVER_ITEM, alert, NEVER_ITEM},
                    new String[] {"CarePlan/" + carePlan, "CarePlan/" + NEVER_ITEM, carePlan, NEVER_ITEM},
                    new String[] {
                        "Flag/" + alert + "/_history/1", "Flag/" + NEVER_ITEM + "/_history/1", alert, NEVER_ITEM
                    },
                    new String[] {"Communication/" + message, "Communication/987654", message, "987654"},
                    new String[] {
                        "Task/" + routingTask,
                        "Task/protection-message-987654-routing-1",
                        routingTask,
                        "protection-message-987654-routing-1"
                    },
                    new String[] {"Flag?patient=" + agnes, "Flag?patient=" + NEVER, agnes, NEVER},
                    new String[] {
                        "CarePlan?subject=" + agnes + "&_include=CarePlan:subject",
                        "CarePlan?subject=" + NEVER + "&_include=CarePlan:subject",
                        agnes,
                        NEVER
                    },
                    new String[] {"Communication?patient=" + ryan, "Communication?patient=" + NEVER, ryan, NEVER},
                    new String[] {
                        "Patient?_id=" + agnes + "&_revinclude=Flag:patient",
                        "Patient?_id=" + NEVER + "&_revinclude=Flag:patient",
                        agnes,
                        NEVER
                    });
            Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
            for (String[] pair : pairs) {
                for (int side = 0; side < 2; side++) {
                    batch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl(pair[side]);
                }
            }
            long before = lastEvent();

            HttpResponse<String> response = post(HOUSING, "/fhir", batch);

            assertThat(response.statusCode()).isEqualTo(200);
            Bundle answer = fhir.newJsonParser().parseResource(Bundle.class, response.body());
            assertThat(answer.getEntry()).hasSize(2 * pairs.size());
            for (int n = 0; n < pairs.size(); n++) {
                String[] pair = pairs.get(n);
                Bundle.BundleEntryComponent hidden = answer.getEntry().get(2 * n);
                Bundle.BundleEntryComponent missing = answer.getEntry().get(2 * n + 1);
                assertThat(hidden.getResponse().getStatus())
                        .as(pair[0])
                        .isEqualTo(missing.getResponse().getStatus());
                assertThat(encoded(hidden.getResponse().getOutcome(), pair[2]))
                        .as(pair[0])
                        .isEqualTo(encoded(missing.getResponse().getOutcome(), pair[3]));
                if (hidden.getResource() instanceof Bundle found) {
                    assertThat(found.getTotal()).as(pair[0]).isZero();
                    assertThat(normalized(found, pair[2]))
                            .as(pair[0])
                            .isEqualTo(normalized((Bundle) missing.getResource(), pair[3]));
                } else {
                    assertThat(hidden.getResponse().getStatus()).as(pair[0]).startsWith("404");
                    assertThat(hidden.hasResource()).as(pair[0]).isFalse();
                    assertThat(missing.hasResource()).as(pair[0]).isFalse();
                }
            }
            assertThat(eventsAbout(agnes, before))
                    .as("each entry about her decided and logged as if sent alone")
                    .isPositive();
        }

        String encoded(Resource resource, String id) {
            return resource == null
                    ? ""
                    : fhir.newJsonParser().encodeResourceToString(resource).replace(id, "ID");
        }
    }

    @Nested
    class Creates {

        @Test
        void answersACreateAboutAHiddenPersonExactlyAsOneAboutNobodyAndStoresNothing() {
            long items = hub.bean(JdbcClient.class)
                    .sql("select count(*) from record_item")
                    .query(Long.class)
                    .single();
            for (String username : List.of(OTHER_COUNCIL, HOUSING)) {
                CarePlan aboutAgnes = FhirRecordIntegrationTests.plan(agnes);
                CarePlan aboutNobody = FhirRecordIntegrationTests.plan(NEVER);
                HttpResponse<String> hidden = post(username, "/fhir/CarePlan", aboutAgnes);
                HttpResponse<String> never = post(username, "/fhir/CarePlan", aboutNobody);
                assertThat(hidden.statusCode())
                        .as(username)
                        .isEqualTo(never.statusCode())
                        .isBetween(400, 499);
                assertThat(hidden.body()).as(username).isEqualTo(never.body());

                QuestionnaireResponse assessmentOfAgnes = FhirRecordIntegrationTests.draft(agnes);
                QuestionnaireResponse assessmentOfNobody = FhirRecordIntegrationTests.draft(NEVER);
                HttpResponse<String> hiddenAssessment =
                        post(username, "/fhir/QuestionnaireResponse", assessmentOfAgnes);
                HttpResponse<String> neverAssessment =
                        post(username, "/fhir/QuestionnaireResponse", assessmentOfNobody);
                assertThat(hiddenAssessment.statusCode())
                        .as(username)
                        .isEqualTo(neverAssessment.statusCode())
                        .isBetween(400, 499);
                assertThat(hiddenAssessment.body()).as(username).isEqualTo(neverAssessment.body());
            }
            HttpResponse<String> refused =
                    post(OTHER_COUNCIL, "/fhir/CarePlan", FhirRecordIntegrationTests.plan(agnes));
            assertThat(refused.statusCode()).isEqualTo(422);
            assertThat(errorCode(refused)).isEqualTo("subject-unseen");
            assertThat(hub.bean(JdbcClient.class)
                            .sql("select count(*) from record_item")
                            .query(Long.class)
                            .single())
                    .isEqualTo(items);
        }

        @Test
        void answersAServiceRequestAboutAHiddenPersonAsOneAboutNobody() {
            ServiceRequest aboutAgnes = FhirRecordIntegrationTests.homecare(agnes);
            ServiceRequest aboutNobody = FhirRecordIntegrationTests.homecare(NEVER);
            HttpResponse<String> hidden = post(HOUSING, "/fhir/ServiceRequest", aboutAgnes);
            HttpResponse<String> never = post(HOUSING, "/fhir/ServiceRequest", aboutNobody);
            assertThat(hidden.statusCode()).isEqualTo(never.statusCode()).isBetween(400, 499);
            assertThat(hidden.body()).isEqualTo(never.body());
        }
    }

    @Test
    void readsPatientsThroughTheGenericClientAsAnOutsideSystemWould() {
        Patient patient =
                client(KEY_WORKER).read().resource(Patient.class).withId(agnes).execute();
        assertThat(patient.getIdElement().getIdPart()).isEqualTo(agnes);
        Bundle page = client(KEY_WORKER)
                .search()
                .forResource(org.hl7.fhir.r4.model.Flag.class)
                .where(new ca.uhn.fhir.rest.gclient.ReferenceClientParam("patient").hasId("Patient/" + agnes))
                .count(1)
                .returnBundle(Bundle.class)
                .execute();
        Bundle next = client(KEY_WORKER).loadPage().next(page).execute();
        assertThat(next.getEntry()).hasSize(1);
        assertThat(next.getEntryFirstRep().getResource().getIdElement().getIdPart())
                .isNotEqualTo(
                        page.getEntryFirstRep().getResource().getIdElement().getIdPart());
    }
}
