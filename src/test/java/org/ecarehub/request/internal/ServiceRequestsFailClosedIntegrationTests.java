package org.ecarehub.request.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ecarehub.request.internal.RequestFixtures.involve;
import static org.ecarehub.request.internal.RequestFixtures.newPerson;
import static org.ecarehub.request.internal.RequestFixtures.rows;
import static org.ecarehub.request.internal.RequestFixtures.staff;
import static org.ecarehub.request.internal.RequestFixtures.stairRailAndBathBoard;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ecarehub.access.RelationshipKind;
import org.ecarehub.access.Relationships;
import org.ecarehub.partnership.RequestPriority;
import org.ecarehub.request.ServiceRequestStatus;
import org.ecarehub.request.ServiceRequestStatusChanged;
import org.ecarehub.request.ServiceRequestView;
import org.ecarehub.request.ServiceRequests;
import org.ecarehub.shared.PersonId;
import org.ecarehub.support.LogOutage;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.ecarehub.transparency.LogUnavailable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the transparency log cannot record it, a service request is neither stored, moved nor returned: shown with the
 * database user's right to insert into the log taken away, on PostgreSQL.
 */
@Tag("postgres")
class ServiceRequestsFailClosedIntegrationTests {

    @TempDir
    static Path dataDir;

    static TestDatabase database;
    static RunningHub hub;
    static ServiceRequests requests;
    static RunningHub.PublishedEvents events;

    @BeforeAll
    static void startHub() {
        database = TestDatabase.fresh(dataDir);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("ecare.demo.people", 0);
        properties.put("ecare.log.append-timeout", "5s");
        hub = RunningHub.start("demo", dataDir, database, properties);
        requests = hub.bean(ServiceRequests.class);
        events = hub.recordEvents();
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    static Map<String, Long> tables() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : List.of("service_request", "service_request_step", "access_relationship")) {
            counts.put(table, rows(hub, table));
        }
        return counts;
    }

    @Test
    void submitsNothingWhenTheLogCannotRecordIt() throws SQLException {
        PersonId person = newPerson(hub);
        involve(hub, person, "ot.hamilton");
        Map<String, Long> before = tables();
        events.clear();

        LogOutage.withoutTheLog(
                database,
                () -> assertThatThrownBy(() -> requests.submit(
                                staff("ot.hamilton"), stairRailAndBathBoard(person, RequestPriority.URGENT)))
                        .isInstanceOf(LogUnavailable.class));

        assertThat(tables()).isEqualTo(before);
        assertThat(requests.forPerson(staff("ot.hamilton"), person)).isEmpty();
        assertThat(hub.bean(Relationships.class).of(person))
                .noneMatch(relationship -> relationship.kind() == RelationshipKind.SERVICE_REQUEST);
        assertThat(events.ofType(ServiceRequestStatusChanged.class)).isEmpty();
    }

    @Test
    void movesNothingAndReturnsNothingWhenTheLogCannotRecordIt() throws SQLException {
        PersonId person = newPerson(hub);
        involve(hub, person, "ot.hamilton");
        ServiceRequestView request =
                requests.submit(staff("ot.hamilton"), stairRailAndBathBoard(person, RequestPriority.URGENT));
        Map<String, Long> before = tables();
        events.clear();

        LogOutage.withoutTheLog(database, () -> {
            assertThatThrownBy(() -> requests.accept(staff("equipment.slc"), request.id(), 1))
                    .isInstanceOf(LogUnavailable.class);
            assertThatThrownBy(() -> requests.cancel(staff("ot.hamilton"), request.id(), 1))
                    .isInstanceOf(LogUnavailable.class);
            assertThatThrownBy(() -> requests.find(staff("ot.hamilton"), request.id()))
                    .isInstanceOf(LogUnavailable.class);
            assertThatThrownBy(() -> requests.forMyTeams(staff("equipment.slc")))
                    .isInstanceOf(LogUnavailable.class);
        });

        assertThat(tables()).isEqualTo(before);
        assertThat(requests.find(staff("ot.hamilton"), request.id())
                        .orElseThrow()
                        .status())
                .isEqualTo(ServiceRequestStatus.SUBMITTED);
        assertThat(events.ofType(ServiceRequestStatusChanged.class)).isEmpty();
    }
}
