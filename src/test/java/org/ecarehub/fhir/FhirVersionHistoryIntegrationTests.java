package org.ecarehub.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.AdditionalRequestHeadersInterceptor;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.ecarehub.access.Requester;
import org.ecarehub.partnership.ConcernKind;
import org.ecarehub.partnership.ConcernPriority;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.protection.ConcernOutcome;
import org.ecarehub.protection.ConcernPerson;
import org.ecarehub.protection.ConcernRole;
import org.ecarehub.protection.ProtectionMessageDraft;
import org.ecarehub.protection.ProtectionMessageStep;
import org.ecarehub.protection.ProtectionMessageView;
import org.ecarehub.protection.ProtectionMessages;
import org.ecarehub.protection.Routing;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Version read and {@code _history} of ServiceRequest, both kinds of Task and Communication, as an agency system meets
 * them through HAPI's generic client: on the demo, a homecare request worked through five steps and a protection
 * message escalated, acknowledged, answered and closed read back each version as it stood, newest first in a history;
 * a caller who may not see them gets exactly the answer of an id that never existed, and so does a version that never
 * was; every reading is in the transparency log. Every answer is validated by HAPI's R4 validator.
 */
@Tag("database")
class FhirVersionHistoryIntegrationTests {

    /** Agnes Thomson's key worker, who asks for her homecare. */
    static final String KEY_WORKER = "sw.hamilton";
    /** The homecare provider's member of staff, who works the request's Task. */
    static final String PROVIDER = "homecare.org";
    /** No relationship with Agnes or Ryan, and no party to the protection message. */
    static final String HOUSING = "housing.ek";
    /** Raises the concern about Ryan Kerr. */
    static final String POLICE = "police.hub";
    /** Ryan's social worker, in the team the concern is routed to. */
    static final String CHILD_SOCIAL_WORKER = "sw.blantyre";

    static final String CHILDREN_AND_FAMILIES = "children-families-blantyre";
    static final String NEVER_REQUEST = "service-request-987654";
    static final String NEVER_MESSAGE = "987654";
    static final String NEVER_ROUTING = "protection-message-987654-routing-1";
    static final String JUSTIFICATION = "Concern raised about the child's safety";

    @TempDir
    static Path dataDir;

    static RunningHub hub;
    static final FhirContext fhir = FhirContext.forR4Cached();
    static final HttpClient http = HttpClient.newHttpClient();
    static final JsonMapper json = JsonMapper.builder().build();
    static final Map<String, String> tokens = new ConcurrentHashMap<>();
    static String agnes;
    static String ryan;
    /** Agnes's homecare: submitted, accepted, scheduled, started and completed. */
    static String completed;
    /** Agnes's homecare, declined by the provider with a reason. */
    static String declined;
    /** The police's concern about Ryan, as it stood when social work closed it. */
    static ProtectionMessageView closedCase;

    static String message;
    /** The routing to children and families: escalated to its manager, then acknowledged. */
    static String routingTask;

    @BeforeAll
    static void startDemo() {
        hub = RunningHub.demo(dataDir, TestDatabase.fresh(dataDir));
        agnes = FhirClients.personId(staff(KEY_WORKER), "Agnes", "Thomson", "1941-03-14");
        ryan = FhirClients.personId(staff(CHILD_SOCIAL_WORKER), "Ryan", "Kerr", "2019-06-02");

        completed = submitHomecare();
        Task task =
                staff(PROVIDER).read().resource(Task.class).withId(completed).execute();
        task = step(task, "accepted");
        Task scheduling = task.copy();
        scheduling.setExecutionPeriod(new Period().setStartElement(new DateTimeType(day(3))));
        task = step(scheduling, "scheduled");
        task = step(task, "in-progress");
        step(task, "completed");

        declined = submitHomecare();
        Task declining =
                staff(PROVIDER).read().resource(Task.class).withId(declined).execute();
        declining.setStatus(Task.TaskStatus.REJECTED);
        declining.setStatusReason(new CodeableConcept().setText("No carers free in that area"));
        staff(PROVIDER).update().resource(declining).execute();

        ProtectionMessages messages = hub.bean(ProtectionMessages.class);
        ProtectionMessageView raised = messages.raise(
                underChildProtection(POLICE),
                new ProtectionMessageDraft(
                        ConcernKind.CHILD,
                        ConcernPriority.URGENT,
                        "Police attended a domestic incident at the home overnight; the child was present.",
                        List.of(ConcernPerson.of(PersonId.of(ryan), ConcernRole.SUBJECT))));
        Routing socialWork = raised.routingTo(TeamId.of(CHILDREN_AND_FAMILIES));
        messages.escalate(underChildProtection(POLICE), raised.id(), socialWork.id());
        messages.acknowledge(underChildProtection(CHILD_SOCIAL_WORKER), raised.id(), socialWork.id());
        messages.reply(underChildProtection(CHILD_SOCIAL_WORKER), raised.id(), "Visited the family this morning");
        messages.recordOutcome(
                underChildProtection(CHILD_SOCIAL_WORKER), raised.id(), ConcernOutcome.ENQUIRY_OPENED, null);
        closedCase = messages.close(underChildProtection(CHILD_SOCIAL_WORKER), raised.id());
        message = String.valueOf(raised.id().value());
        routingTask = raised.id().reference() + "-routing-" + socialWork.id().value();
    }

    @AfterAll
    static void stopDemo() {
        if (hub != null) {
            hub.close();
        }
    }

    static String token(String username) {
        return tokens.computeIfAbsent(username, hub::staffToken);
    }

    /** HAPI's generic client as the user under direct care, validating every answer. */
    static IGenericClient staff(String username) {
        IGenericClient client = FhirClients.client("http://localhost:" + hub.port() + "/fhir");
        client.registerInterceptor(new BearerTokenAuthInterceptor(token(username)));
        return client;
    }

    /** HAPI's generic client as the user under child protection, with the justification it needs. */
    static IGenericClient childProtection(String username) {
        IGenericClient client = staff(username);
        AdditionalRequestHeadersInterceptor headers = new AdditionalRequestHeadersInterceptor();
        headers.addHeaderValue("X-Purpose-Of-Use", "child-protection");
        headers.addHeaderValue("X-Purpose-Justification", JUSTIFICATION);
        client.registerInterceptor(headers);
        return client;
    }

    static Requester underChildProtection(String username) {
        return new Requester.Staff(Username.of(username), Purpose.CHILD_PROTECTION, JUSTIFICATION);
    }

    static String day(int fromToday) {
        return LocalDate.now(ZoneId.of("Europe/London")).plusDays(fromToday).toString();
    }

    static String submitHomecare() {
        return staff(KEY_WORKER)
                .create()
                .resource(FhirRecordIntegrationTests.homecare(agnes))
                .execute()
                .getId()
                .getIdPart();
    }

    static Task step(Task task, String status) {
        Task moved = task.copy();
        moved.setBusinessStatus(new CodeableConcept(new Coding("urn:ecare:service-request-status", status, null)));
        return (Task) staff(PROVIDER).update().resource(moved).execute().getResource();
    }

    static <T extends IBaseResource> T vread(IGenericClient client, Class<T> type, String id, int version) {
        return client.read()
                .resource(type)
                .withIdAndVersion(id, String.valueOf(version))
                .execute();
    }

    static Bundle history(IGenericClient client, String type, String id) {
        Bundle history = client.history()
                .onInstance(new IdType(type, id))
                .returnBundle(Bundle.class)
                .execute();
        assertThat(history.getType()).isEqualTo(Bundle.BundleType.HISTORY);
        return history;
    }

    static <T extends Resource> List<T> entries(Bundle bundle, Class<T> type) {
        return bundle.getEntry().stream()
                .map(entry -> type.cast(entry.getResource()))
                .toList();
    }

    static List<String> versionIds(List<? extends Resource> resources) {
        return resources.stream()
                .map(resource -> resource.getMeta().getVersionId())
                .toList();
    }

    /** "N", "N-1", ... "1". */
    static List<String> newestFirst(int versions) {
        return IntStream.iterate(versions, version -> version - 1)
                .limit(versions)
                .mapToObj(String::valueOf)
                .toList();
    }

    /** A raw GET as the user, under the purpose given (direct care when null). */
    static HttpResponse<String> get(String username, String purpose, String path) {
        HttpResponse<String> response = purpose == null
                ? hub.get(http, path, "Authorization", "Bearer " + token(username))
                : hub.get(
                        http,
                        path,
                        "Authorization",
                        "Bearer " + token(username),
                        "X-Purpose-Of-Use",
                        purpose,
                        "X-Purpose-Justification",
                        JUSTIFICATION);
        assertThat(response.headers().allValues("Cache-Control")).anyMatch(value -> value.contains("no-store"));
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at org.");
        FhirClients.assertValid(fhir.newJsonParser().parseResource(response.body()));
        return response;
    }

    /** The hidden path answers exactly as the one that never existed: 404 {@code not-found}, the same body. */
    static void assertAnswersAlike(String username, String purpose, String hiddenPath, String neverPath) {
        HttpResponse<String> hidden = get(username, purpose, hiddenPath);
        HttpResponse<String> never = get(username, purpose, neverPath);
        assertThat(hidden.statusCode()).as(hiddenPath).isEqualTo(404);
        assertThat(never.statusCode()).as(neverPath).isEqualTo(404);
        assertThat(hidden.body()).as(hiddenPath).isEqualTo(never.body());
        assertThat(fhir.newJsonParser()
                        .parseResource(OperationOutcome.class, hidden.body())
                        .getIssueFirstRep()
                        .getDetails()
                        .getCodingFirstRep()
                        .getCode())
                .isEqualTo("not-found");
    }

    /** Each pair of paths, a hidden one then one that never existed, answers alike. */
    static void assertEachAnswersAlike(String username, String purpose, String... hiddenThenNever) {
        assertThat(hiddenThenNever.length % 2).isZero();
        for (int i = 0; i < hiddenThenNever.length; i += 2) {
            assertAnswersAlike(username, purpose, hiddenThenNever[i], hiddenThenNever[i + 1]);
        }
    }

    static long lastEvent() {
        return hub.bean(JdbcClient.class)
                .sql("select coalesce(max(id), 0) from transparency_event")
                .query(Long.class)
                .single();
    }

    /** The access events (type 1) logged since the given event. */
    static List<AccessEvent> accessEventsSince(long after) {
        return hub.bean(JdbcClient.class)
                .sql("select person_ref, event from transparency_event where event_type = 1 and id > ? order by id")
                .param(after)
                .query((row, n) -> new AccessEvent(row.getString("person_ref"), json.readTree(row.getString("event"))))
                .list();
    }

    record AccessEvent(String person, JsonNode event) {

        String decision() {
            return event.path("why").path("decision").asString();
        }

        String account() {
            return event.path("who").path("account").asString();
        }

        String action() {
            return event.path("what").path("action").asString();
        }

        boolean names(String item) {
            return event.path("what").toString().contains("\"" + item + "\"");
        }
    }

    /** The reading left an entry about the person, by the caller, for a read of the item, decided as expected. */
    static void assertLoggedRead(long before, String person, String account, String item, String decision) {
        assertThat(accessEventsSince(before))
                .as("a read of %s by %s about %s", item, account, person)
                .anySatisfy(logged -> {
                    assertThat(logged.person()).isEqualTo(person);
                    assertThat(logged.account()).isEqualTo(account);
                    assertThat(logged.action()).isEqualTo("read");
                    assertThat(logged.decision()).isEqualTo(decision);
                    assertThat(logged.names(item)).isTrue();
                });
    }

    @Nested
    class ServiceRequestsAndTheirTasks {

        @Test
        void readsBackEachVersionOfARequestAndItsTaskWithTheStatusItHadThen() {
            List<ServiceRequest.ServiceRequestStatus> requestStatuses = new ArrayList<>();
            List<Task.TaskStatus> taskStatuses = new ArrayList<>();
            List<String> businessStatuses = new ArrayList<>();
            List<Boolean> booked = new ArrayList<>();
            for (int version = 1; version <= 5; version++) {
                ServiceRequest request = vread(staff(KEY_WORKER), ServiceRequest.class, completed, version);
                Task task = vread(staff(PROVIDER), Task.class, completed, version);
                assertThat(request.getMeta().getVersionId()).isEqualTo(String.valueOf(version));
                assertThat(request.getIdElement().getVersionIdPart()).isEqualTo(String.valueOf(version));
                assertThat(task.getMeta().getVersionId()).isEqualTo(String.valueOf(version));
                requestStatuses.add(request.getStatus());
                taskStatuses.add(task.getStatus());
                businessStatuses.add(
                        task.getBusinessStatus().getCodingFirstRep().getCode());
                booked.add(task.getExecutionPeriod().hasStart());
            }

            assertThat(requestStatuses)
                    .containsExactly(
                            ServiceRequest.ServiceRequestStatus.ACTIVE,
                            ServiceRequest.ServiceRequestStatus.ACTIVE,
                            ServiceRequest.ServiceRequestStatus.ACTIVE,
                            ServiceRequest.ServiceRequestStatus.ACTIVE,
                            ServiceRequest.ServiceRequestStatus.COMPLETED);
            assertThat(taskStatuses)
                    .containsExactly(
                            Task.TaskStatus.REQUESTED,
                            Task.TaskStatus.ACCEPTED,
                            Task.TaskStatus.ACCEPTED,
                            Task.TaskStatus.INPROGRESS,
                            Task.TaskStatus.COMPLETED);
            assertThat(businessStatuses)
                    .containsExactly("submitted", "accepted", "scheduled", "in-progress", "completed");
            assertThat(booked).containsExactly(false, false, true, true, true);
        }

        @Test
        void listsEveryVersionNewestFirstAndReadsTheLatestAsTheReadDoes() {
            for (Class<? extends Resource> type : List.of(ServiceRequest.class, Task.class)) {
                String name = type.getSimpleName();
                Bundle history = history(staff(KEY_WORKER), name, completed);
                List<? extends Resource> versions = entries(history, type);

                assertThat(versionIds(versions)).as(name).isEqualTo(newestFirst(5));
                assertThat(history.getEntry())
                        .extracting(entry -> entry.getRequest().getMethod())
                        .as(name)
                        .containsExactly(
                                Bundle.HTTPVerb.PUT,
                                Bundle.HTTPVerb.PUT,
                                Bundle.HTTPVerb.PUT,
                                Bundle.HTTPVerb.PUT,
                                Bundle.HTTPVerb.POST);
                for (int i = 1; i < versions.size(); i++) {
                    assertThat(versions.get(i - 1).getMeta().getLastUpdated())
                            .isAfterOrEqualTo(versions.get(i).getMeta().getLastUpdated());
                }
                Resource read = staff(KEY_WORKER)
                        .read()
                        .resource(type)
                        .withId(completed)
                        .execute();
                Resource latest = vread(staff(KEY_WORKER), type, completed, 5);
                assertThat(read.getMeta().getVersionId()).as(name).isEqualTo("5");
                assertThat(fhir.newJsonParser().encodeResourceToString(latest))
                        .as(name)
                        .isEqualTo(fhir.newJsonParser().encodeResourceToString(read));
            }
        }

        @Test
        void keepsTheDeclineAndItsReasonToTheVersionThatDeclined() {
            List<Task> versions = entries(history(staff(KEY_WORKER), "Task", declined), Task.class);

            assertThat(versionIds(versions)).isEqualTo(newestFirst(2));
            assertThat(versions.get(0).getStatus()).isEqualTo(Task.TaskStatus.REJECTED);
            assertThat(versions.get(0).getStatusReason().getText()).isEqualTo("No carers free in that area");
            assertThat(versions.get(1).getStatus()).isEqualTo(Task.TaskStatus.REQUESTED);
            assertThat(versions.get(1).hasStatusReason()).isFalse();
            assertThat(vread(staff(PROVIDER), ServiceRequest.class, declined, 1).getStatus())
                    .isEqualTo(ServiceRequest.ServiceRequestStatus.ACTIVE);
            assertThat(vread(staff(PROVIDER), ServiceRequest.class, declined, 2).getStatus())
                    .isEqualTo(ServiceRequest.ServiceRequestStatus.REVOKED);
        }

        @Test
        void answersAHiddenRequestsVersionsAndHistoryExactlyAsThoseOfOneThatNeverExisted() {
            for (String type : List.of("ServiceRequest", "Task")) {
                String path = "/fhir/" + type + "/";
                assertEachAnswersAlike(
                        HOUSING,
                        null,
                        path + completed + "/_history/1",
                        path + NEVER_REQUEST + "/_history/1",
                        path + completed + "/_history",
                        path + NEVER_REQUEST + "/_history",
                        path + completed + "/_history/1",
                        path + "not-a-request/_history/1");
                // A version the request never had, of a request the caller sees, answers as a missing request.
                assertEachAnswersAlike(
                        KEY_WORKER,
                        null,
                        path + completed + "/_history/6",
                        path + NEVER_REQUEST + "/_history/1",
                        path + completed + "/_history/0",
                        path + NEVER_REQUEST + "/_history/1");
            }
            assertThat(get(KEY_WORKER, null, "/fhir/Task/" + completed + "/_history/5")
                            .statusCode())
                    .as("the key worker reads the version the housing officer may not")
                    .isEqualTo(200);
        }

        @Test
        void logsEachVersionReadAndHistoryAsAReadOfTheRequestAboutItsPerson() {
            long beforeVersion = lastEvent();
            vread(staff(KEY_WORKER), ServiceRequest.class, completed, 2);
            assertLoggedRead(beforeVersion, agnes, KEY_WORKER, completed, "allow");

            long beforeHistory = lastEvent();
            history(staff(PROVIDER), "Task", completed);
            assertLoggedRead(beforeHistory, agnes, PROVIDER, completed, "allow");

            long beforeRefused = lastEvent();
            get(HOUSING, null, "/fhir/ServiceRequest/" + completed + "/_history");
            assertLoggedRead(beforeRefused, agnes, HOUSING, completed, "deny");
        }
    }

    @Nested
    class ProtectionMessagesAndRoutings {

        @Test
        void readsBackEachVersionOfAMessageAsItStoodAfterEachStepOfItsTimeline() {
            int steps = closedCase.timeline().size();
            int replied = 1
                    + closedCase.timeline().stream()
                            .map(ProtectionMessageStep::kind)
                            .toList()
                            .indexOf(ProtectionMessageStep.Kind.REPLIED);
            List<Communication> versions =
                    entries(history(childProtection(POLICE), "Communication", message), Communication.class);

            assertThat(versionIds(versions)).isEqualTo(newestFirst(steps));
            assertThat(versions.get(0).getStatus()).isEqualTo(Communication.CommunicationStatus.COMPLETED);
            assertThat(versions.subList(1, steps))
                    .extracting(Communication::getStatus)
                    .containsOnly(Communication.CommunicationStatus.INPROGRESS);
            for (Communication version : versions) {
                int number = Integer.parseInt(version.getMeta().getVersionId());
                assertThat(version.getNote()).as("version %s", number).hasSize(number >= replied ? 1 : 0);
            }
            Communication first = vread(childProtection(CHILD_SOCIAL_WORKER), Communication.class, message, 1);
            assertThat(first.getRecipient()).as("raised, not yet delivered").isEmpty();
            assertThat(first.getSubject().getReference()).isEqualTo("Patient/" + ryan);
            Communication delivered = vread(childProtection(CHILD_SOCIAL_WORKER), Communication.class, message, 2);
            assertThat(delivered.getRecipient()).hasSize(1);

            Communication read = childProtection(POLICE)
                    .read()
                    .resource(Communication.class)
                    .withId(message)
                    .execute();
            assertThat(read.getMeta().getVersionId()).isEqualTo(String.valueOf(steps));
            assertThat(fhir.newJsonParser()
                            .encodeResourceToString(
                                    vread(childProtection(POLICE), Communication.class, message, steps)))
                    .isEqualTo(fhir.newJsonParser().encodeResourceToString(read));
        }

        @Test
        void readsBackEachVersionOfARoutingsTaskFromItsDeliveryThroughItsEscalationToItsAcknowledgement() {
            List<Task> versions =
                    entries(history(childProtection(CHILD_SOCIAL_WORKER), "Task", routingTask), Task.class);

            assertThat(versionIds(versions)).isEqualTo(newestFirst(3));
            assertThat(versions)
                    .extracting(Task::getStatus)
                    .containsExactly(Task.TaskStatus.COMPLETED, Task.TaskStatus.REQUESTED, Task.TaskStatus.REQUESTED);
            assertThat(versions)
                    .extracting(
                            task -> task.getBusinessStatus().getCodingFirstRep().getCode())
                    .containsExactly("team-manager", "team-manager", "none");
            assertThat(versions.get(0).getOutput()).hasSize(1);
            assertThat(versions.get(1).getOutput()).isEmpty();
            for (int version = 1; version <= 3; version++) {
                Task task = vread(childProtection(POLICE), Task.class, routingTask, version);
                assertThat(task.getMeta().getVersionId()).isEqualTo(String.valueOf(version));
                assertThat(task.getStatus()).isEqualTo(versions.get(3 - version).getStatus());
            }
            // The reply, outcome and closing came after the acknowledgement: they changed the message, not this Task.
            Task read = childProtection(CHILD_SOCIAL_WORKER)
                    .read()
                    .resource(Task.class)
                    .withId(routingTask)
                    .execute();
            assertThat(read.getMeta().getVersionId()).isEqualTo("3");
            assertThat(fhir.newJsonParser()
                            .encodeResourceToString(
                                    vread(childProtection(CHILD_SOCIAL_WORKER), Task.class, routingTask, 3)))
                    .isEqualTo(fhir.newJsonParser().encodeResourceToString(read));
        }

        @Test
        void answersAMessageAndARoutingTheCallerIsNoPartyToExactlyAsMissingOnesByVersionAndHistory() {
            for (String outsider : List.of(HOUSING, KEY_WORKER)) {
                assertEachAnswersAlike(
                        outsider,
                        null,
                        "/fhir/Communication/" + message + "/_history/1",
                        "/fhir/Communication/" + NEVER_MESSAGE + "/_history/1",
                        "/fhir/Communication/" + message + "/_history",
                        "/fhir/Communication/" + NEVER_MESSAGE + "/_history",
                        "/fhir/Task/" + routingTask + "/_history/1",
                        "/fhir/Task/" + NEVER_ROUTING + "/_history/1",
                        "/fhir/Task/" + routingTask + "/_history",
                        "/fhir/Task/" + NEVER_ROUTING + "/_history");
            }
            int steps = closedCase.timeline().size();
            assertAnswersAlike(
                    POLICE,
                    "child-protection",
                    "/fhir/Communication/" + message + "/_history/" + (steps + 1),
                    "/fhir/Communication/" + NEVER_MESSAGE + "/_history/1");
            assertAnswersAlike(
                    POLICE,
                    "child-protection",
                    "/fhir/Task/" + routingTask + "/_history/4",
                    "/fhir/Task/" + NEVER_ROUTING + "/_history/1");
            // A routing of the same message named through another message's number is no routing at all.
            assertAnswersAlike(
                    POLICE,
                    "child-protection",
                    "/fhir/Task/" + routingTask.replace("protection-message-" + message, "protection-message-987654")
                            + "/_history",
                    "/fhir/Task/" + NEVER_ROUTING + "/_history");
            assertThat(get(POLICE, "child-protection", "/fhir/Communication/" + message + "/_history/1")
                            .statusCode())
                    .as("the sender reads the version the others may not")
                    .isEqualTo(200);
        }

        @Test
        void logsEachVersionReadAndHistoryAsAReadOfTheMessageAboutItsSubject() {
            String reference = "protection-message-" + message;
            long beforeVersion = lastEvent();
            vread(childProtection(POLICE), Communication.class, message, 1);
            assertLoggedRead(beforeVersion, ryan, POLICE, reference, "allow");

            long beforeHistory = lastEvent();
            history(childProtection(CHILD_SOCIAL_WORKER), "Task", routingTask);
            assertLoggedRead(beforeHistory, ryan, CHILD_SOCIAL_WORKER, reference, "allow");

            long beforeRefused = lastEvent();
            get(HOUSING, null, "/fhir/Communication/" + message + "/_history");
            assertThat(accessEventsSince(beforeRefused))
                    .as("a reading by someone who is no party is logged, about nobody")
                    .isNotEmpty()
                    .allSatisfy(logged -> {
                        assertThat(logged.person()).isNull();
                        assertThat(logged.account()).isEqualTo(HOUSING);
                    });
        }
    }
}
