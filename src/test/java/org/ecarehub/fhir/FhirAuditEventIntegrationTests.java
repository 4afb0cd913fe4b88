package org.ecarehub.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.ecarehub.access.CaldicottReview;
import org.ecarehub.access.CaldicottReviewDraft;
import org.ecarehub.access.CaldicottReviews;
import org.ecarehub.access.PersonDirectory;
import org.ecarehub.access.Requester;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;
import org.ecarehub.transparency.PersonEvents;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * AuditEvent over FHIR: social work's Caldicott guardian, working a review about Ailsa Brodie, reads who accessed her
 * record as BALP-shaped AuditEvents; the health board's guardian, with no task about her, learns nothing (as of a
 * person who does not exist), and a practitioner under direct care is refused. Every answer is validated.
 */
@Tag("database")
class FhirAuditEventIntegrationTests {

    static final LocalDate BORN = LocalDate.of(1961, 3, 9);

    @TempDir
    static Path dataDir;

    static DemoFhirHub hub;
    static PersonId ailsa;
    static PersonId other;

    @BeforeAll
    static void startHub() throws Exception {
        hub = DemoFhirHub.start(dataDir);
        ailsa = hub.person(
                "slc-social-work", "SW-AB-1", DemoFhirHub.details("Ailsa", "Brodie", BORN, "ML3 6AB", null, null));
        hub.keyWorker(ailsa, "sw.hamilton");
        other = hub.person(
                "slc-social-work",
                "SW-OT-1",
                DemoFhirHub.details("Oonagh", "Tennant", LocalDate.of(1970, 1, 2), "ML3 6OT", null, null));
        hub.keyWorker(other, "sw.hamilton");
        // Her key worker reads her; a district nurse with no part in her care is refused.
        hub.staff("sw.hamilton", null)
                .read()
                .resource(Patient.class)
                .withId(ailsa.value())
                .execute();
        hub.staff("sw.hamilton", null)
                .read()
                .resource(Patient.class)
                .withId(other.value())
                .execute();
        assertThat(hub.send("GET", "/fhir/Patient/" + ailsa.value(), null, hub.hub.staffToken("dn.hamilton"))
                        .statusCode())
                .isEqualTo(404);
        guardianWorksAChallengeAbout(ailsa, "challenge-test-1");
    }

    /** Social work's Caldicott guardian claims a challenge about the person: the governance task an audit needs. */
    static void guardianWorksAChallengeAbout(PersonId person, String reference) {
        CaldicottReviews reviews = hub.bean(CaldicottReviews.class);
        CaldicottReview review = reviews.open(
                new CaldicottReviewDraft(
                        CaldicottReview.Kind.CHALLENGE,
                        person,
                        AgencyId.of("slc-social-work"),
                        Username.of("caldicott.slc"),
                        reference,
                        "A challenge to audit"),
                hub.hub.staffActor("caldicott.slc"));
        reviews.claim(review.id(), hub.hub.staffActor("caldicott.slc"));
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    static IGenericClient guardian() {
        return hub.staff("caldicott.slc", "audit");
    }

    static Bundle search(IGenericClient client, String query) {
        return client.search()
                .byUrl("AuditEvent?" + query)
                .returnBundle(Bundle.class)
                .execute();
    }

    static List<AuditEvent> events(Bundle bundle) {
        return bundle.getEntry().stream()
                .map(entry -> (AuditEvent) entry.getResource())
                .toList();
    }

    static String who(AuditEvent event) {
        return event.getAgentFirstRep().getWho().getReference();
    }

    @Test
    void showsTheGuardianWhoAccessedThePersonAsBalpShapedAuditEvents() {
        long before = hub.lastEvent();

        Bundle bundle = search(guardian(), "patient=Patient/" + ailsa.value());

        List<AuditEvent> events = events(bundle);
        assertThat(bundle.getTotal()).isEqualTo(events.size());
        AuditEvent allowed = events.stream()
                .filter(event -> "Practitioner/sw.hamilton".equals(who(event))
                        && event.getType().getCode().equals("rest"))
                .findFirst()
                .orElseThrow();
        assertThat(allowed.getType().getSystem()).isEqualTo("http://terminology.hl7.org/CodeSystem/audit-event-type");
        assertThat(allowed.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);
        assertThat(allowed.getAction()).isEqualTo(AuditEvent.AuditEventAction.R);
        assertThat(allowed.getSubtype()).extracting(Coding::getCode).contains("read");
        assertThat(allowed.getAgentFirstRep().getRequestor()).isTrue();
        assertThat(allowed.getPurposeOfEventFirstRep().getCoding())
                .extracting(Coding::getCode)
                .contains("TREAT", "direct-care");
        assertThat(allowed.getEntity()).anySatisfy(entity -> {
            assertThat(entity.getWhat().getReference()).isEqualTo("Patient/" + ailsa.value());
            assertThat(entity.getRole().getCode()).isEqualTo("1");
        });
        AuditEvent refused = events.stream()
                .filter(event -> "Practitioner/dn.hamilton".equals(who(event)))
                .findFirst()
                .orElseThrow();
        assertThat(refused.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
        assertThat(refused.getOutcomeDesc()).startsWith("refused by ");
        List<String> hers = hub.bean(JdbcClient.class)
                .sql("select id from transparency_event where person_ref = ?")
                .param(ailsa.value())
                .query((row, n) -> ailsa.value() + "." + row.getLong(1))
                .list();
        assertThat(events)
                .as("only her events, each under her id: never the other person's")
                .extracting(event -> event.getIdElement().getIdPart())
                .isSubsetOf(hers);
        assertThat(hub.accessEventsSince(before))
                .as("the reading is itself an access, decided and logged about her")
                .anySatisfy(logged -> {
                    assertThat(logged.person()).isEqualTo(ailsa.value());
                    assertThat(logged.account()).isEqualTo("caldicott.slc");
                    assertThat(logged.decision()).isEqualTo("allow");
                });
    }

    @Test
    void readsOneEventByItsIdAndAnswersAnotherPersonsEventAsAMissingOne() {
        AuditEvent found =
                events(search(guardian(), "patient=" + ailsa.value())).get(0);

        AuditEvent read = guardian()
                .read()
                .resource(AuditEvent.class)
                .withId(found.getIdElement().getIdPart())
                .execute();

        assertThat(read.getIdElement().getIdPart())
                .isEqualTo(found.getIdElement().getIdPart());
        assertThat(read.getRecorded()).isEqualTo(found.getRecorded());
        String token = hub.hub.staffToken("caldicott.slc");
        long othersEvent = hub.bean(JdbcClient.class)
                .sql("select max(id) from transparency_event where person_ref = ?")
                .param(other.value())
                .query(Long.class)
                .single();
        HttpResponse<String> someoneElses =
                hub.send("GET", "/fhir/AuditEvent/" + ailsa.value() + "." + othersEvent, null, token, auditPurpose());
        HttpResponse<String> missing =
                hub.send("GET", "/fhir/AuditEvent/" + ailsa.value() + ".999999999", null, token, auditPurpose());
        HttpResponse<String> malformed = hub.send("GET", "/fhir/AuditEvent/not-an-event", null, token, auditPurpose());
        assertThat(someoneElses.statusCode()).isEqualTo(404);
        assertThat(someoneElses.body()).isEqualTo(missing.body()).isEqualTo(malformed.body());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(DemoFhirHub.code(someoneElses.body())).isEqualTo("not-found");
    }

    @Test
    void filtersByAgentDateAndEntity() {
        List<AuditEvent> byAgent =
                events(search(guardian(), "patient=" + ailsa.value() + "&agent=Practitioner/dn.hamilton"));
        List<AuditEvent> tomorrow = events(search(
                guardian(),
                "patient=" + ailsa.value() + "&date=ge" + LocalDate.now().plusDays(2)));
        List<AuditEvent> today = events(search(
                guardian(),
                "patient=" + ailsa.value() + "&date=ge" + LocalDate.now().minusDays(2) + "&date=lt"
                        + LocalDate.now().plusDays(2)));
        List<AuditEvent> noSuchItem =
                events(search(guardian(), "patient=" + ailsa.value() + "&entity=record-item-999999"));

        assertThat(byAgent)
                .isNotEmpty()
                .allSatisfy(event -> assertThat(who(event)).isEqualTo("Practitioner/dn.hamilton"));
        assertThat(tomorrow).isEmpty();
        assertThat(today).isNotEmpty();
        assertThat(noSuchItem).isEmpty();
    }

    @Test
    void answersAGuardianWithNoTaskAboutThePersonExactlyAsForAPersonWhoDoesNotExist() {
        String token = hub.hub.staffToken("caldicott.nhs");
        long before = hub.lastEvent();

        HttpResponse<String> hidden =
                hub.send("GET", "/fhir/AuditEvent?patient=" + ailsa.value(), null, token, auditPurpose());
        HttpResponse<String> missing =
                hub.send("GET", "/fhir/AuditEvent?patient=" + UUID.randomUUID(), null, token, auditPurpose());

        assertThat(hidden.statusCode()).isEqualTo(200);
        Bundle hiddenBundle = DemoFhirHub.fhir.newJsonParser().parseResource(Bundle.class, hidden.body());
        Bundle missingBundle = DemoFhirHub.fhir.newJsonParser().parseResource(Bundle.class, missing.body());
        assertThat(hiddenBundle.getTotal()).isZero();
        assertThat(missingBundle.getTotal()).isZero();
        assertThat(DemoFhirHub.withoutIds(hidden.body())).isEqualTo(DemoFhirHub.withoutIds(missing.body()));
        String anEvent = events(search(guardian(), "patient=" + ailsa.value()))
                .get(0)
                .getIdElement()
                .getIdPart();
        HttpResponse<String> hiddenRead = hub.send("GET", "/fhir/AuditEvent/" + anEvent, null, token, auditPurpose());
        HttpResponse<String> missingRead =
                hub.send("GET", "/fhir/AuditEvent/" + UUID.randomUUID() + ".1", null, token, auditPurpose());
        assertThat(hiddenRead.statusCode()).isEqualTo(404);
        assertThat(hiddenRead.body()).isEqualTo(missingRead.body());
        assertThat(hub.accessEventsSince(before))
                .as("the refused reading is logged about her as a deny")
                .anySatisfy(logged -> {
                    assertThat(logged.person()).isEqualTo(ailsa.value());
                    assertThat(logged.account()).isEqualTo("caldicott.nhs");
                    assertThat(logged.decision()).isEqualTo("deny");
                });
    }

    @Test
    void refusesAPractitionerUnderDirectCare() {
        long before = hub.lastEvent();

        assertThatThrownBy(() -> search(hub.staff("sw.hamilton", null), "patient=" + ailsa.value()))
                .isInstanceOf(ForbiddenOperationException.class);

        HttpResponse<String> raw =
                hub.send("GET", "/fhir/AuditEvent?patient=" + ailsa.value(), null, hub.hub.staffToken("sw.hamilton"));
        assertThat(raw.statusCode()).isEqualTo(403);
        assertThat(DemoFhirHub.code(raw.body())).isEqualTo("access-refused");
        assertThat(hub.accessEventsSince(before))
                .as("each refusal logged, about nobody")
                .hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(logged -> {
                    assertThat(logged.person()).isNull();
                    assertThat(logged.decision()).isEqualTo("deny");
                });
    }

    @Test
    void pagesThroughEveryEventAboutThePersonOldestFirstEachPageDecidedAndLogged() {
        PersonId moira = hub.person(
                "slc-social-work",
                "SW-MP-1",
                DemoFhirHub.details("Moira", "Pagett", LocalDate.of(1950, 5, 5), "ML3 6MP", null, null));
        hub.keyWorker(moira, "sw.hamilton");
        PersonDirectory directory = hub.bean(PersonDirectory.class);
        Requester keyWorker = new Requester.Staff(Username.of("sw.hamilton"), Purpose.DIRECT_CARE, null);
        int reads = PersonEvents.MAX_EVENTS + 20;
        for (int i = 0; i < reads; i++) {
            assertThat(directory.read(keyWorker, moira)).isPresent();
        }
        guardianWorksAChallengeAbout(moira, "challenge-test-2");
        long before = hub.lastEvent();

        List<String> seen = new ArrayList<>();
        List<Long> recorded = new ArrayList<>();
        int pages = 0;
        Bundle page = search(guardian(), "patient=" + moira.value() + "&_count=100");
        while (true) {
            pages++;
            assertThat(page.getEntry()).hasSizeLessThanOrEqualTo(100);
            for (AuditEvent event : events(page)) {
                seen.add(event.getIdElement().getIdPart());
                recorded.add(event.getRecorded().getTime());
            }
            if (page.getLink(Bundle.LINK_NEXT) == null) {
                break;
            }
            page = guardian().loadPage().next(page).execute();
        }

        assertThat(seen).doesNotHaveDuplicates().hasSizeGreaterThan(reads);
        assertThat(recorded).isSorted();
        assertThat(pages).isGreaterThanOrEqualTo(reads / 100 + 1);
        assertThat(hub.accessEventsSince(before))
                .as("every page decided and logged as a reading of her history")
                .filteredOn(logged -> moira.value().equals(logged.person()))
                .hasSize(pages)
                .allSatisfy(logged -> assertThat(logged.account()).isEqualTo("caldicott.slc"));
    }

    @Test
    void needsThePatient() {
        HttpResponse<String> raw = hub.send(
                "GET", "/fhir/AuditEvent?date=ge2020-01-01", null, hub.hub.staffToken("caldicott.slc"), auditPurpose());

        assertThat(raw.statusCode()).isEqualTo(400);
    }

    static String[] auditPurpose() {
        return new String[] {"X-Purpose-Of-Use", "audit"};
    }
}
