package org.ecarehub.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.ecarehub.access.Requester;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.record.Alert;
import org.ecarehub.record.AlertType;
import org.ecarehub.record.ItemDraft;
import org.ecarehub.record.RecordItem;
import org.ecarehub.record.Records;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Flag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code date} search of Flag and CarePlan, on their periods (an alert from its raising to its end, a plan from
 * when it was made, with no end): each prefix and precision on the items her key worker may see, nothing for a district
 * nurse who may not see her (the same Bundle as for nobody), and an unserved prefix refused before anything is read.
 */
@Tag("database")
class FhirPeriodSearchIntegrationTests {

    static final String KEY_WORKER = "sw.hamilton";
    static final String NURSE = "dn.hamilton";

    @TempDir
    static Path dataDir;

    static DemoFhirHub hub;
    static PersonId ailsa;
    /** Raised on 10 March 2024 at noon, ended on 20 April 2024. */
    static String endedAlert;
    /** Raised on 15 January 2025, still active. */
    static String activeAlert;
    /** Made on 1 June 2024. */
    static String plan;

    @BeforeAll
    static void startHub() throws Exception {
        hub = DemoFhirHub.start(dataDir);
        ailsa = hub.person(
                "slc-social-work",
                "SW-AB-2",
                DemoFhirHub.details("Ailsa", "Brodie", LocalDate.of(1961, 3, 9), "ML3 6AB", null, null));
        hub.keyWorker(ailsa, KEY_WORKER);
        Records records = hub.bean(Records.class);
        Requester keyWorker = new Requester.Staff(Username.of(KEY_WORKER), Purpose.DIRECT_CARE, null);
        RecordItem ended = records.add(keyWorker, ailsa, ItemDraft.of(alert("Loose stair carpet")));
        records.end(keyWorker, ended.id(), 1, "carpet fixed");
        endedAlert = ended.id().reference();
        backdate(ended.id().value(), "2024-03-10T12:00:00Z", "2024-04-20T09:30:00Z");
        RecordItem active = records.add(keyWorker, ailsa, ItemDraft.of(alert("Dog in the house")));
        activeAlert = active.id().reference();
        backdate(active.id().value(), "2025-01-15T08:00:00Z", null);
        // The first write loads the server's validator, longer than the generic client waits on a busy machine.
        HttpResponse<String> created = hub.send(
                "POST",
                "/fhir/CarePlan",
                DemoFhirHub.fhir.newJsonParser().encodeResourceToString(FhirRecordIntegrationTests.plan(ailsa.value())),
                hub.hub.staffToken(KEY_WORKER));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        plan = DemoFhirHub.fhir
                .newJsonParser()
                .parseResource(CarePlan.class, created.body())
                .getIdElement()
                .getIdPart();
        backdate(Long.parseLong(plan.substring("record-item-".length())), "2024-06-01T10:00:00Z", null);
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    static Alert alert(String text) {
        return new Alert(AlertType.RISK_TO_VISITING_STAFF, text, null);
    }

    /** Puts an item's raising (and the version that ended it) into the past, where a date search can tell them apart. */
    static void backdate(long item, String raised, String ended) {
        JdbcClient jdbc = hub.bean(JdbcClient.class);
        Timestamp at = Timestamp.from(Instant.parse(raised));
        jdbc.sql("update record_item set created_at = ? where id = ?")
                .params(at, item)
                .update();
        jdbc.sql("update record_item_version set written_at = ? where item_id = ? and version = 1")
                .params(at, item)
                .update();
        if (ended != null) {
            jdbc.sql("update record_item_version set written_at = ? where item_id = ? and version = 2")
                    .params(Timestamp.from(Instant.parse(ended)), item)
                    .update();
        }
    }

    static List<String> found(String username, String type, String query) {
        return hub
                .staff(username, null)
                .search()
                .byUrl(type + "?patient=Patient/" + ailsa.value() + "&" + query)
                .returnBundle(Bundle.class)
                .execute()
                .getEntry()
                .stream()
                .map(entry -> entry.getResource().getIdElement().getIdPart())
                .toList();
    }

    static List<String> flags(String query) {
        return found(KEY_WORKER, "Flag", query);
    }

    @Test
    void showsEachAlertsPeriodFromItsRaisingToItsEnd() {
        Flag ended = hub.staff(KEY_WORKER, null)
                .read()
                .resource(Flag.class)
                .withId(endedAlert)
                .execute();
        assertThat(ended.getPeriod().getStartElement().getValue().toInstant())
                .isEqualTo(Instant.parse("2024-03-10T12:00:00Z"));
        assertThat(ended.getPeriod().getEnd().toInstant()).isEqualTo(Instant.parse("2024-04-20T09:30:00Z"));
        Flag active = hub.staff(KEY_WORKER, null)
                .read()
                .resource(Flag.class)
                .withId(activeAlert)
                .execute();
        assertThat(active.getPeriod().getStart().toInstant()).isEqualTo(Instant.parse("2025-01-15T08:00:00Z"));
        assertThat(active.getPeriod().hasEnd()).isFalse();
        CarePlan shown = hub.staff(KEY_WORKER, null)
                .read()
                .resource(CarePlan.class)
                .withId(plan)
                .execute();
        assertThat(shown.getPeriod().getStart().toInstant()).isEqualTo(Instant.parse("2024-06-01T10:00:00Z"));
        assertThat(shown.getPeriod().hasEnd()).isFalse();
    }

    @Test
    void findsAlertsByEachPrefixAtEachPrecision() {
        assertThat(flags("date=2024")).containsExactly(endedAlert);
        assertThat(flags("date=eq2024-03")).as("it went on into April").isEmpty();
        assertThat(flags("date=eq2025")).as("still active").isEmpty();
        assertThat(flags("date=gt2024-04-19")).containsExactlyInAnyOrder(endedAlert, activeAlert);
        assertThat(flags("date=gt2024-04-20")).containsExactly(activeAlert);
        assertThat(flags("date=ge2024-04-20")).containsExactlyInAnyOrder(endedAlert, activeAlert);
        assertThat(flags("date=ge2024-04-21")).containsExactly(activeAlert);
        assertThat(flags("date=lt2025-01-15")).containsExactly(endedAlert);
        assertThat(flags("date=le2025-01-15")).containsExactlyInAnyOrder(endedAlert, activeAlert);
        assertThat(flags("date=lt2024-03-10T12:00:00Z")).isEmpty();
        assertThat(flags("date=le2024-03-10T12:00Z")).containsExactly(endedAlert);
        assertThat(flags("date=lt2024-03-10T13:00:00%2B01:00"))
                .as("noon in UTC is 13:00 at +01:00")
                .isEmpty();
        assertThat(flags("date=lt2024-03-10T13:00:01%2B01:00")).containsExactly(endedAlert);
    }

    @Test
    void findsAlertsActiveAtSomeTimeInARange() {
        assertThat(flags("date=ge2024-05-01&date=lt2024-06-01"))
                .as("between the two")
                .isEmpty();
        assertThat(flags("date=ge2024-04-01&date=lt2024-05-01")).containsExactly(endedAlert);
        assertThat(flags("date=ge2025-03-01&date=lt2025-04-01")).containsExactly(activeAlert);
        assertThat(flags("date=ge2025-03-01&status=inactive")).isEmpty();
    }

    @Test
    void findsCarePlansByTheirPeriodWhichHasNoEnd() {
        assertThat(found(KEY_WORKER, "CarePlan", "date=lt2024-06-02")).containsExactly(plan);
        assertThat(found(KEY_WORKER, "CarePlan", "date=lt2024-06-01")).isEmpty();
        assertThat(found(KEY_WORKER, "CarePlan", "date=ge2030")).containsExactly(plan);
        assertThat(found(KEY_WORKER, "CarePlan", "date=2024"))
                .as("a plan without an end lies in no year")
                .isEmpty();
    }

    @Test
    void answersACallerWhoMayNotSeeHerAsForNobody() {
        String token = hub.hub.staffToken(NURSE);
        HttpResponse<String> hidden =
                hub.send("GET", "/fhir/Flag?patient=" + ailsa.value() + "&date=ge2024", null, token);
        HttpResponse<String> missing =
                hub.send("GET", "/fhir/Flag?patient=" + UUID.randomUUID() + "&date=ge2024", null, token);

        assertThat(hidden.statusCode()).isEqualTo(200);
        assertThat(DemoFhirHub.withoutIds(hidden.body()))
                .isEqualTo(DemoFhirHub.withoutIds(missing.body()))
                .contains("\"total\":0");
    }

    @Test
    void refusesAPrefixItDoesNotServeBeforeAnythingIsReadOrLogged() {
        long before = hub.lastEvent();
        String token = hub.hub.staffToken(KEY_WORKER);
        for (String value : List.of("ne2024", "sa2024", "eb2024", "ap2024", "not-a-date", "2024-13")) {
            HttpResponse<String> refused =
                    hub.send("GET", "/fhir/CarePlan?patient=" + ailsa.value() + "&date=" + value, null, token);
            assertThat(refused.statusCode()).as(value).isEqualTo(400);
            assertThat(refused.body()).as(value).doesNotContain("Exception");
        }
        assertThat(hub.accessEventsSince(before)).isEmpty();
    }

    @Test
    void declaresTheDateSearchOnFlagAndCarePlan() {
        CapabilityStatement statement = hub.staff(KEY_WORKER, null)
                .capabilities()
                .ofType(CapabilityStatement.class)
                .execute();
        for (String type : List.of("Flag", "CarePlan")) {
            assertThat(statement.getRestFirstRep().getResource().stream()
                            .filter(resource -> resource.getType().equals(type))
                            .flatMap(resource -> resource.getSearchParam().stream())
                            .filter(parameter -> parameter.getName().equals("date")))
                    .as(type)
                    .singleElement()
                    .extracting(parameter -> parameter.getType())
                    .isEqualTo(org.hl7.fhir.r4.model.Enumerations.SearchParamType.DATE);
        }
    }
}
