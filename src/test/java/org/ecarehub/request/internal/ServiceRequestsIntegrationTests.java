package org.ecarehub.request.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ecarehub.request.internal.RequestFixtures.CARING_HANDS;
import static org.ecarehub.request.internal.RequestFixtures.EQUIPMENT;
import static org.ecarehub.request.internal.RequestFixtures.involve;
import static org.ecarehub.request.internal.RequestFixtures.logEvents;
import static org.ecarehub.request.internal.RequestFixtures.newPerson;
import static org.ecarehub.request.internal.RequestFixtures.rows;
import static org.ecarehub.request.internal.RequestFixtures.staff;
import static org.ecarehub.request.internal.RequestFixtures.stairRailAndBathBoard;
import static org.ecarehub.request.internal.RequestFixtures.today;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ecarehub.access.AccessRefused;
import org.ecarehub.access.Relationship;
import org.ecarehub.access.RelationshipKind;
import org.ecarehub.access.Relationships;
import org.ecarehub.partnership.RequestPriority;
import org.ecarehub.request.HomecareTask;
import org.ecarehub.request.ServiceRequestDetails;
import org.ecarehub.request.ServiceRequestDraft;
import org.ecarehub.request.ServiceRequestId;
import org.ecarehub.request.ServiceRequestRefused;
import org.ecarehub.request.ServiceRequestStatus;
import org.ecarehub.request.ServiceRequestStatusChanged;
import org.ecarehub.request.ServiceRequestView;
import org.ecarehub.request.ServiceRequests;
import org.ecarehub.request.StaleServiceRequest;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;
import org.ecarehub.support.AdjustableClock;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.ecarehub.transparency.EventType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Service requests in a running demo hub over a real database: the occupational therapist asks the equipment and
 * adaptations service for a stair rail and a bath board, the service works it, and every refusal leaves the request as
 * it was. The hub's clock is moved on to see targets pass, so every day here is read from it.
 */
@Tag("database")
class ServiceRequestsIntegrationTests {

    @TempDir
    static Path dataDir;

    static RunningHub hub;
    static ServiceRequests requests;
    static RunningHub.PublishedEvents events;

    @BeforeAll
    static void startHub() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("ecare.demo.people", 0);
        properties.put("spring.main.sources", AdjustableClock.Source.class.getName());
        hub = RunningHub.start("demo", dataDir, TestDatabase.fresh(dataDir), properties);
        requests = hub.bean(ServiceRequests.class);
        events = hub.recordEvents();
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    /** A new person whose key worker is the occupational therapist, who asks for a stair rail and a bath board. */
    static ServiceRequestView submitted(RequestPriority priority) {
        PersonId person = newPerson(hub);
        involve(hub, person, "ot.hamilton");
        return requests.submit(staff("ot.hamilton"), stairRailAndBathBoard(person, priority));
    }

    static ServiceRequestView reread(ServiceRequestView request) {
        return requests.find(staff("ot.hamilton"), request.id()).orElseThrow();
    }

    static List<Relationship> teamRelationships(PersonId person) {
        return hub.bean(Relationships.class).of(person).stream()
                .filter(relationship -> relationship.kind() == RelationshipKind.SERVICE_REQUEST)
                .toList();
    }

    @Nested
    class TheEquipmentService {

        @Test
        void acceptsAndSchedulesAStairRailAndBathBoardRequest() {
            long logged = logEvents(hub, EventType.SERVICE_REQUEST.code());
            events.clear();

            ServiceRequestView request = submitted(RequestPriority.STANDARD);
            assertThat(request.status()).isEqualTo(ServiceRequestStatus.SUBMITTED);
            assertThat(request.version()).isEqualTo(1);
            assertThat(request.requestingAgency()).isEqualTo(AgencyId.of("slc-social-work"));
            assertThat(request.requestedBy()).isEqualTo(Username.of("ot.hamilton"));
            assertThat(request.dueDay()).isEqualTo(today(hub).plusDays(28));
            assertThat(request.details())
                    .isEqualTo(stairRailAndBathBoard(request.person(), RequestPriority.STANDARD)
                            .details());

            ServiceRequestView accepted = requests.accept(staff("equipment.slc"), request.id(), 1);
            ServiceRequestView scheduled = requests.schedule(
                    staff("equipment.slc"), request.id(), 2, today(hub).plusDays(5));

            assertThat(accepted.status()).isEqualTo(ServiceRequestStatus.ACCEPTED);
            assertThat(scheduled.status()).isEqualTo(ServiceRequestStatus.SCHEDULED);
            assertThat(scheduled.version()).isEqualTo(3);
            assertThat(scheduled.scheduledDay()).isEqualTo(today(hub).plusDays(5));
            assertThat(reread(request).history())
                    .extracting(
                            step -> step.status(),
                            step -> step.by().value(),
                            step -> step.agency().value())
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(
                                    ServiceRequestStatus.SUBMITTED, "ot.hamilton", "slc-social-work"),
                            org.assertj.core.groups.Tuple.tuple(
                                    ServiceRequestStatus.ACCEPTED, "equipment.slc", "slc-social-work"),
                            org.assertj.core.groups.Tuple.tuple(
                                    ServiceRequestStatus.SCHEDULED, "equipment.slc", "slc-social-work"));
            assertThat(logEvents(hub, EventType.SERVICE_REQUEST.code())).isEqualTo(logged + 3);
            assertThat(events.ofType(ServiceRequestStatusChanged.class))
                    .filteredOn(event -> event.request().equals(request.id()))
                    .extracting(ServiceRequestStatusChanged::from, ServiceRequestStatusChanged::to)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(null, ServiceRequestStatus.SUBMITTED),
                            org.assertj.core.groups.Tuple.tuple(
                                    ServiceRequestStatus.SUBMITTED, ServiceRequestStatus.ACCEPTED),
                            org.assertj.core.groups.Tuple.tuple(
                                    ServiceRequestStatus.ACCEPTED, ServiceRequestStatus.SCHEDULED));
            assertThat(events.ofType(ServiceRequestStatusChanged.class))
                    .filteredOn(event -> event.request().equals(request.id()))
                    .allSatisfy(event -> {
                        assertThat(event.team()).isEqualTo(EQUIPMENT);
                        assertThat(event.person()).isEqualTo(request.person());
                    });
        }

        @Test
        void startsAndCompletesTheWork() {
            ServiceRequestView request = submitted(RequestPriority.HIGH);
            requests.accept(staff("equipment.slc"), request.id(), 1);
            requests.schedule(staff("equipment.slc"), request.id(), 2, today(hub));
            requests.start(staff("equipment.slc"), request.id(), 3);
            ServiceRequestView completed = requests.complete(staff("equipment.slc"), request.id(), 4);

            assertThat(completed.status()).isEqualTo(ServiceRequestStatus.COMPLETED);
            assertThat(completed.history()).hasSize(5);
            assertThat(completed.overdue()).isFalse();
        }

        @Test
        void declinesWithAReasonThatStaysOutOfTheLog() {
            ServiceRequestView request = submitted(RequestPriority.STANDARD);
            String reason = "Stair too narrow for a second rail; refer for a stair lift assessment instead";

            ServiceRequestView declined = requests.decline(staff("equipment.slc"), request.id(), 1, reason);

            assertThat(declined.status()).isEqualTo(ServiceRequestStatus.DECLINED);
            assertThat(declined.history().get(1).reason()).isEqualTo(reason);
            assertThat(hub.bean(JdbcClient.class)
                            .sql("select count(*) from transparency_event where event like ?")
                            .param("%too narrow%")
                            .query(Long.class)
                            .single())
                    .isZero();
        }
    }

    @Nested
    class TheTeamsRelationship {

        @Test
        void startsOnSubmissionAndEndsWhenDeclined() {
            ServiceRequestView request = submitted(RequestPriority.STANDARD);
            assertThat(teamRelationships(request.person())).singleElement().satisfies(relationship -> {
                assertThat(relationship.holder().team()).isEqualTo(EQUIPMENT);
                assertThat(relationship.source()).isEqualTo(request.id().reference());
                assertThat(relationship.end()).isNull();
            });
            assertThat(hub.bean(Relationships.class)
                            .active(request.person(), Username.of("equipment.slc"), List.of(EQUIPMENT), today(hub)))
                    .isTrue();

            requests.decline(staff("equipment.slc"), request.id(), 1, "Not eligible under the criteria");

            assertThat(teamRelationships(request.person()))
                    .singleElement()
                    .satisfies(relationship -> assertThat(relationship.end()).isEqualTo(today(hub)));
        }

        @Test
        void endsWhenTheRequesterCancels() {
            ServiceRequestView request = submitted(RequestPriority.STANDARD);
            requests.accept(staff("equipment.slc"), request.id(), 1);

            ServiceRequestView cancelled = requests.cancel(staff("ot.hamilton"), request.id(), 2);

            assertThat(cancelled.status()).isEqualTo(ServiceRequestStatus.CANCELLED);
            assertThat(teamRelationships(request.person()))
                    .singleElement()
                    .satisfies(relationship -> assertThat(relationship.end()).isEqualTo(today(hub)));
        }

        @Test
        void givesAProviderOfAnotherAgencyWhatItNeedsToReadTheRequest() {
            PersonId person = newPerson(hub);
            involve(hub, person, "sw.hamilton");
            ServiceRequestDraft homecare = new ServiceRequestDraft(
                    person,
                    new ServiceRequestDetails.Homecare(
                            new BigDecimal("10.5"),
                            3,
                            List.of(HomecareTask.PERSONAL_CARE, HomecareTask.MEDICATION_PROMPT),
                            today(hub).plusDays(3)),
                    CARING_HANDS,
                    RequestPriority.HIGH);
            assertThat(requests.forPerson(staff("homecare.org"), person)).isEmpty();

            ServiceRequestView request = requests.submit(staff("sw.hamilton"), homecare);

            assertThat(requests.find(staff("homecare.org"), request.id())).isPresent();
            assertThat(requests.accept(staff("homecare.org"), request.id(), 1).status())
                    .isEqualTo(ServiceRequestStatus.ACCEPTED);
            assertThat(requests.find(staff("housing.ek"), request.id())).isEmpty();
        }
    }

    @Nested
    class Refusals {

        @Test
        void refusesAcceptanceByATeamItWasNotAddressedTo() {
            ServiceRequestView request = submitted(RequestPriority.URGENT);
            involve(hub, request.person(), "sw.hamilton");
            long steps = rows(hub, "service_request_step");

            assertThatThrownBy(() -> requests.accept(staff("sw.hamilton"), request.id(), 1))
                    .isInstanceOf(ServiceRequestRefused.class)
                    .hasMessage("only a member of team 'equipment-and-adaptations', to which "
                            + request.id().reference() + " is addressed, may accept it");

            assertThat(reread(request).status()).isEqualTo(ServiceRequestStatus.SUBMITTED);
            assertThat(rows(hub, "service_request_step")).isEqualTo(steps);
        }

        @Test
        void refusesAStaleChange() {
            ServiceRequestView request = submitted(RequestPriority.STANDARD);
            requests.accept(staff("equipment.slc"), request.id(), 1);

            assertThatThrownBy(() -> requests.decline(staff("equipment.slc"), request.id(), 1, "Seen too late"))
                    .isInstanceOf(StaleServiceRequest.class)
                    .hasMessageContaining("has changed since version 1 (it is at version 2)");
            assertThat(reread(request).status()).isEqualTo(ServiceRequestStatus.ACCEPTED);
        }

        @Test
        void refusesAChangeThroughTheIdOfAnotherRequest() {
            ServiceRequestView mine = submitted(RequestPriority.STANDARD);
            PersonId someoneElse = newPerson(hub);
            involve(hub, someoneElse, "sw.hamilton");
            ServiceRequestView theirs = requests.submit(
                    staff("sw.hamilton"),
                    new ServiceRequestDraft(
                            someoneElse,
                            new ServiceRequestDetails.Homecare(
                                    new BigDecimal("7"), 1, List.of(HomecareTask.SHOPPING), today(hub)),
                            CARING_HANDS,
                            RequestPriority.STANDARD));

            // The equipment service is not involved with the other person: their request answers as if missing.
            assertThatThrownBy(() -> requests.accept(staff("equipment.slc"), theirs.id(), mine.version()))
                    .isInstanceOf(ServiceRequestRefused.class)
                    .hasMessage(StoredServiceRequests.notFound(theirs.id()).getMessage());
            // Caring Hands may see its own request but not act on the equipment service's.
            assertThatThrownBy(() -> requests.accept(staff("homecare.org"), mine.id(), 1))
                    .isInstanceOf(ServiceRequestRefused.class)
                    .hasMessage(StoredServiceRequests.notFound(mine.id()).getMessage());

            assertThat(reread(mine).status()).isEqualTo(ServiceRequestStatus.SUBMITTED);
            assertThat(requests.find(staff("sw.hamilton"), theirs.id())
                            .orElseThrow()
                            .status())
                    .isEqualTo(ServiceRequestStatus.SUBMITTED);
        }

        @Test
        void answersARequestItMayNotSeeAsOneThatDoesNotExist() {
            ServiceRequestView request = submitted(RequestPriority.STANDARD);
            ServiceRequestId missing = new ServiceRequestId(request.id().value() + 100_000);
            long access = logEvents(hub, EventType.ACCESS.code());

            assertThat(requests.find(staff("housing.ek"), request.id())).isEmpty();
            assertThat(requests.find(staff("housing.ek"), missing)).isEmpty();
            assertThat(logEvents(hub, EventType.ACCESS.code())).isEqualTo(access + 2);

            // Caring Hands may update requests, but has no relationship with this person.
            String whenMissing = refusalOf(() -> requests.accept(staff("homecare.org"), missing, 1));
            String whenHidden = refusalOf(() -> requests.accept(staff("homecare.org"), request.id(), 1));
            assertThat(whenHidden)
                    .isEqualTo(whenMissing.replace(
                            missing.reference(), request.id().reference()));
        }

        @Test
        void refusesStepsOutOfOrder() {
            ServiceRequestView request = submitted(RequestPriority.STANDARD);

            assertThatThrownBy(() -> requests.schedule(staff("equipment.slc"), request.id(), 1, today(hub)))
                    .isInstanceOf(ServiceRequestRefused.class)
                    .hasMessageContaining("a submitted request cannot become scheduled");
            assertThatThrownBy(() -> requests.decline(staff("equipment.slc"), request.id(), 1, " "))
                    .hasMessage("declining a request needs a reason");
            requests.decline(staff("equipment.slc"), request.id(), 1, "Not eligible");
            assertThatThrownBy(() -> requests.cancel(staff("ot.hamilton"), request.id(), 2))
                    .hasMessageContaining("a declined request cannot become cancelled");
        }

        @Test
        void refusesASubmissionWithoutARelationshipAndStoresNothing() {
            PersonId person = newPerson(hub);
            long stored = rows(hub, "service_request");

            assertThatThrownBy(() -> requests.submit(
                            staff("ot.hamilton"), stairRailAndBathBoard(person, RequestPriority.URGENT)))
                    .isInstanceOf(AccessRefused.class);

            assertThat(rows(hub, "service_request")).isEqualTo(stored);
            assertThat(teamRelationships(person)).isEmpty();
        }

        @Test
        void refusesAStepToARoleThatMayNotUpdateRequestsSayingWhy() {
            ServiceRequestView request = submitted(RequestPriority.STANDARD);

            assertThatThrownBy(() -> requests.accept(staff("housing.ek"), request.id(), 1))
                    .isInstanceOf(AccessRefused.class)
                    .hasMessage("the account's roles do not permit update on service-request");
        }

        @Test
        void refusesASubmissionToATeamThatIsNotThePartnerships() {
            PersonId person = newPerson(hub);
            involve(hub, person, "ot.hamilton");

            assertThatThrownBy(() -> requests.submit(
                            staff("ot.hamilton"),
                            new ServiceRequestDraft(
                                    person,
                                    stairRailAndBathBoard(person, RequestPriority.URGENT)
                                            .details(),
                                    org.ecarehub.shared.TeamId.of("no-such-team"),
                                    RequestPriority.URGENT)))
                    .isInstanceOf(ServiceRequestRefused.class)
                    .hasMessage("'no-such-team' is not a team of an active agency of the partnership");
        }

        String refusalOf(Runnable step) {
            try {
                step.run();
            } catch (ServiceRequestRefused e) {
                return e.getMessage();
            }
            throw new AssertionError("the step was not refused");
        }
    }

    /** Moves the hub's clock on; the other tests read their days from it, so they do not mind in which order. */
    @Nested
    class Targets {

        @Test
        void listsOverdueRequestsOldestFirstAndPutsThemFirstInTheTeamsList() {
            AdjustableClock clock = hub.bean(AdjustableClock.class);
            ServiceRequestView firstUrgent = submitted(RequestPriority.URGENT);
            clock.advance(Duration.ofMinutes(1));
            ServiceRequestView standard = submitted(RequestPriority.STANDARD);
            clock.advance(Duration.ofMinutes(1));
            ServiceRequestView secondUrgent = submitted(RequestPriority.URGENT);
            ServiceRequestView done = submitted(RequestPriority.URGENT);
            requests.decline(staff("equipment.slc"), done.id(), 1, "Already fitted");

            clock.advance(Duration.ofDays(3));

            List<ServiceRequestId> mine = List.of(firstUrgent.id(), standard.id(), secondUrgent.id(), done.id());
            assertThat(requests.overdue(staff("equipment.slc")))
                    .extracting(ServiceRequestView::id)
                    .filteredOn(mine::contains)
                    .containsExactly(firstUrgent.id(), secondUrgent.id());
            assertThat(requests.overdue(staff("ot.hamilton")))
                    .extracting(ServiceRequestView::id)
                    .filteredOn(mine::contains)
                    .containsExactly(firstUrgent.id(), secondUrgent.id());
            assertThat(requests.overdue(staff("homecare.org")))
                    .extracting(ServiceRequestView::id)
                    .doesNotContainAnyElementsOf(mine);

            List<ServiceRequestView> teams = requests.forMyTeams(staff("equipment.slc"));
            assertThat(teams).extracting(ServiceRequestView::id).doesNotContain(done.id());
            assertThat(teams.stream().map(ServiceRequestView::overdue).toList())
                    .as("overdue first")
                    .isSortedAccordingTo((a, b) -> Boolean.compare(b, a));
            assertThat(teams)
                    .extracting(ServiceRequestView::id)
                    .filteredOn(mine::contains)
                    .containsExactly(firstUrgent.id(), secondUrgent.id(), standard.id());
        }
    }
}
