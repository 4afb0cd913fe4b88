package org.ecarehub.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.SearchStyleEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.AdditionalRequestHeadersInterceptor;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.gclient.ICriterion;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ecarehub.access.Holder;
import org.ecarehub.access.RelationshipDraft;
import org.ecarehub.access.RelationshipKind;
import org.ecarehub.access.Relationships;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.partnership.StaffAccount;
import org.ecarehub.person.Actor;
import org.ecarehub.person.Address;
import org.ecarehub.person.AgencyRecord;
import org.ecarehub.person.AgencyRecordId;
import org.ecarehub.person.ChiNumber;
import org.ecarehub.person.Demographics;
import org.ecarehub.person.PersonIndex;
import org.ecarehub.person.Sex;
import org.ecarehub.person.Submission;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.IdType;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Patient through FHIR as an agency system reaches it: HAPI's generic client over real HTTP against a hub on the demo
 * partnership, with one person known to social work and to the GP practice, whose key worker is {@code sw.hamilton}
 * and who is on the caseload of housing East Kilbride; {@code dn.hamilton} has no relationship with them.
 */
@Tag("database")
class FhirPatientIntegrationTests {

    static final String CHI_SYSTEM = "https://fhir.scot.nhs.uk/Id/chi";
    static final String SOCIAL_WORK_SYSTEM = "urn:ecare:agency:slc-social-work";
    static final String GP_SYSTEM = "urn:ecare:agency:hamilton-medical-practice";
    static final LocalDate BORN = LocalDate.of(1950, 5, 17);

    @TempDir
    static Path dataDir;

    static RunningHub hub;
    static String base;
    static final FhirContext fhir = FhirContext.forR4Cached();
    static final HttpClient http = HttpClient.newHttpClient();
    static final JsonMapper json = JsonMapper.builder().build();
    static FhirValidator validator;

    static PersonId morven;
    static PersonId elspeth;
    static String chi;

    @BeforeAll
    static void startHub() throws Exception {
        Path file = dataDir.resolve("partnership.yaml");
        Files.write(
                file,
                FhirPatientIntegrationTests.class
                        .getResourceAsStream("/demo/partnership.yaml")
                        .readAllBytes());
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        base = "http://localhost:" + port;
        hub = RunningHub.start(
                "serve",
                dataDir,
                TestDatabase.fresh(dataDir),
                Map.of("server.port", port, "ecare.base-url", base, "ecare.partnership-file", file.toString()));
        validator = FhirClients.validator();
        chi = chiBornOn(BORN);
        morvenQuarrier();
        elspethDrummond();
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    /**
     * Morven Quarrier: social work's record holds no CHI number and no phone; the GP practice's holds both. Both are
     * one person in the index.
     */
    static void morvenQuarrier() {
        PersonIndex index = hub.bean(PersonIndex.class);
        Demographics socialWork = new Demographics(
                "Morven",
                null,
                "Quarrier",
                List.of(),
                BORN,
                Sex.FEMALE,
                List.of(Address.current("3 Quarry Street, Hamilton", "ML3 7QQ")),
                null,
                null);
        Demographics gp = new Demographics(
                "Morven",
                null,
                "Quarrier",
                List.of(),
                BORN,
                Sex.FEMALE,
                List.of(Address.current("3 Quarry Street, Hamilton", "ML3 7QQ")),
                "01698 000111",
                ChiNumber.of(chi));
        Submission first = index.submit(
                new AgencyRecord(AgencyRecordId.of("slc-social-work", "SW-MQ-1"), socialWork),
                Actor.agencySystem(AgencyId.of("slc-social-work"), 1));
        Submission second = index.submit(
                new AgencyRecord(AgencyRecordId.of("hamilton-medical-practice", "GP-MQ-1"), gp),
                Actor.agencySystem(AgencyId.of("hamilton-medical-practice"), 1));
        assertThat(second.person()).as("both records are one person").isEqualTo(first.person());
        morven = first.person();
        keyWorkerAndHousingCaseload(morven);
    }

    /**
     * Elspeth Drummond, whose records change after they are joined: social work's (no phone), then the GP practice's
     * (a phone and a CHI number), then the GP's phone changes, then social work adds a phone of its own. Her key
     * worker is {@code sw.hamilton}; she is on housing East Kilbride's caseload, which may see social work's record
     * only.
     */
    static void elspethDrummond() {
        PersonIndex index = hub.bean(PersonIndex.class);
        LocalDate born = LocalDate.of(1946, 9, 2);
        Address home = Address.current("12 Cadzow Street, Hamilton", "ML3 6DZ");
        Demographics socialWork =
                new Demographics("Elspeth", null, "Drummond", List.of(), born, Sex.FEMALE, List.of(home), null, null);
        Demographics gp = new Demographics(
                "Elspeth",
                null,
                "Drummond",
                List.of(),
                born,
                Sex.FEMALE,
                List.of(home),
                "01698 000333",
                ChiNumber.of(chiBornOn(born)));
        Actor socialWorkSystem = Actor.agencySystem(AgencyId.of("slc-social-work"), 1);
        Actor gpSystem = Actor.agencySystem(AgencyId.of("hamilton-medical-practice"), 1);
        AgencyRecordId socialWorkRecord = AgencyRecordId.of("slc-social-work", "SW-ED-1");
        AgencyRecordId gpRecord = AgencyRecordId.of("hamilton-medical-practice", "GP-ED-1");
        elspeth = index.submit(new AgencyRecord(socialWorkRecord, socialWork), socialWorkSystem)
                .person();
        List<Submission> changes = List.of(
                index.submit(new AgencyRecord(gpRecord, gp), gpSystem),
                index.submit(new AgencyRecord(gpRecord, withPhone(gp, "01698 000444")), gpSystem),
                index.submit(
                        new AgencyRecord(socialWorkRecord, withPhone(socialWork, "01698 000555")), socialWorkSystem));
        assertThat(changes)
                .extracting(Submission::person)
                .as("one person throughout")
                .containsOnly(elspeth);
        keyWorkerAndHousingCaseload(elspeth);
    }

    /** {@code sw.hamilton} becomes the person's key worker today; housing East Kilbride has had them for 3 days. */
    static void keyWorkerAndHousingCaseload(PersonId person) {
        Relationships relationships = hub.bean(Relationships.class);
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Europe/London"));
        relationships.start(
                RelationshipDraft.of(
                        person, Holder.staff(Username.of("sw.hamilton")), RelationshipKind.KEY_WORKER, today),
                actor("sw.hamilton"));
        relationships.start(
                RelationshipDraft.of(
                        person,
                        Holder.team(TeamId.of("housing-east-kilbride")),
                        RelationshipKind.TEAM_CASELOAD,
                        today.minusDays(3)),
                actor("housing.ek"));
    }

    static Demographics withPhone(Demographics details, String phone) {
        return new Demographics(
                details.givenName(),
                details.otherGivenNames(),
                details.familyName(),
                details.previousFamilyNames(),
                details.dateOfBirth(),
                details.sex(),
                details.addresses(),
                phone,
                details.chi());
    }

    /** A valid CHI number for the date of birth, as the index checks it. */
    static String chiBornOn(LocalDate born) {
        String date = String.format("%02d%02d%02d", born.getDayOfMonth(), born.getMonthValue(), born.getYear() % 100);
        for (int serial = 100; serial < 1000; serial++) {
            String firstNine = date + serial;
            var digit = ChiNumber.checkDigit(firstNine);
            if (digit.isPresent()) {
                return firstNine + digit.get();
            }
        }
        throw new IllegalStateException("no CHI number for " + born);
    }

    static Actor actor(String username) {
        Partnerships partnerships = hub.bean(Partnerships.class);
        StaffAccount account = partnerships
                .current()
                .partnership()
                .staff(Username.of(username))
                .orElseThrow();
        return Actor.staff(
                account.username(),
                account.agency(),
                account.roles().stream().map(role -> role.value()).toList(),
                partnerships.current().version());
    }

    static IGenericClient client(String username, String purpose) {
        IGenericClient client = FhirClients.client(base + "/fhir");
        client.registerInterceptor(new BearerTokenAuthInterceptor(hub.staffToken(username)));
        if (purpose != null) {
            AdditionalRequestHeadersInterceptor headers = new AdditionalRequestHeadersInterceptor();
            headers.addHeaderValue("X-Purpose-Of-Use", purpose);
            client.registerInterceptor(headers);
        }
        return client;
    }

    static IGenericClient staff(String username) {
        return client(username, null);
    }

    static void assertValid(IBaseResource resource) {
        assertThat(validator.validateWithResult(resource).getMessages().stream()
                        .filter(message -> message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                        .map(message -> message.getLocationString() + ": " + message.getMessage())
                        .toList())
                .isEmpty();
    }

    static Bundle search(IGenericClient client, ICriterion<?> criterion) {
        return client.search()
                .forResource(Patient.class)
                .where(criterion)
                .returnBundle(Bundle.class)
                .execute();
    }

    static List<String> ids(Bundle bundle) {
        return bundle.getEntry().stream()
                .map(entry -> entry.getResource().getIdElement().getIdPart())
                .toList();
    }

    static List<String> identifiers(Patient patient) {
        return patient.getIdentifier().stream()
                .map(identifier -> identifier.getSystem() + "|" + identifier.getValue())
                .toList();
    }

    /** The newest event in the log, so that a test can look at what its request logged. */
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
            return event.get("why").get("decision").asString();
        }

        String account() {
            return event.get("who").get("account").asString();
        }
    }

    static HttpResponse<String> get(String path, String username) {
        return hub.get(http, path, "Authorization", "Bearer " + hub.staffToken(username));
    }

    @Nested
    class Read {

        @Test
        void showsEveryRecordTheKeyWorkerMaySeeAsAValidPatient() {
            long before = lastEvent();

            Patient patient = staff("sw.hamilton")
                    .read()
                    .resource(Patient.class)
                    .withId(morven.value())
                    .execute();

            assertThat(patient.getIdElement().getIdPart()).isEqualTo(morven.value());
            assertThat(identifiers(patient))
                    .containsExactlyInAnyOrder(
                            SOCIAL_WORK_SYSTEM + "|SW-MQ-1", GP_SYSTEM + "|GP-MQ-1", CHI_SYSTEM + "|" + chi);
            assertThat(patient.getNameFirstRep().getFamily()).isEqualTo("Quarrier");
            assertThat(patient.getBirthDateElement().getValueAsString()).isEqualTo("1950-05-17");
            assertThat(patient.getTelecomFirstRep().getValue()).isEqualTo("01698 000111");
            assertValid(patient);
            List<AccessEvent> events = accessEventsSince(before);
            assertThat(events)
                    .as("one entry per lawful basis: the own agency's record, and the GP's under an agreement")
                    .hasSize(2)
                    .allSatisfy(event -> {
                        assertThat(event.person()).isEqualTo(morven.value());
                        assertThat(event.decision()).isEqualTo("allow");
                        assertThat(event.account()).isEqualTo("sw.hamilton");
                    });
            assertThat(events)
                    .extracting(
                            event -> event.event().get("why").get("lawfulBasis").asString())
                    .contains("own-agency");
        }

        @Test
        void showsAUserWhoMaySeeOneAgencysRecordOnlyThatRecordsIdentifierAndDetails() {
            long before = lastEvent();

            Patient patient = staff("housing.ek")
                    .read()
                    .resource(Patient.class)
                    .withId(morven.value())
                    .execute();

            assertThat(identifiers(patient)).containsExactly(SOCIAL_WORK_SYSTEM + "|SW-MQ-1");
            assertThat(patient.getIdentifier())
                    .extracting(Identifier::getSystem)
                    .doesNotContain(CHI_SYSTEM, GP_SYSTEM);
            assertThat(patient.getTelecom())
                    .as("only the GP practice holds a phone")
                    .isEmpty();
            assertThat(patient.getNameFirstRep().getFamily()).isEqualTo("Quarrier");
            assertValid(patient);
            List<AccessEvent> events = accessEventsSince(before);
            assertThat(events).extracting(AccessEvent::person).containsOnly(morven.value());
            assertThat(events)
                    .as("the social work record allowed, the GP record refused: one entry for each")
                    .extracting(AccessEvent::decision)
                    .containsExactlyInAnyOrder("allow", "deny");
        }

        @Test
        void answersAPersonTheUserMayNotSeeExactlyAsOneThatNeverExisted() {
            HttpResponse<String> refused = get("/fhir/Patient/" + morven.value(), "dn.hamilton");

            assertThat(refused.statusCode()).isEqualTo(404);
            for (String never : List.of(
                    UUID.randomUUID().toString(), "not-a-person", "12345", "x".repeat(64), "ABC", "a".repeat(65))) {
                HttpResponse<String> missing = get("/fhir/Patient/" + never, "dn.hamilton");
                assertThat(missing.statusCode()).as(never).isEqualTo(404);
                assertThat(missing.body()).as(never).isEqualTo(refused.body());
                assertThat(missing.headers().firstValue("Content-Type"))
                        .isEqualTo(refused.headers().firstValue("Content-Type"));
            }
            OperationOutcome outcome = fhir.newJsonParser().parseResource(OperationOutcome.class, refused.body());
            assertThat(outcome.getIssueFirstRep()
                            .getDetails()
                            .getCodingFirstRep()
                            .getCode())
                    .isEqualTo("not-found");
            assertThat(refused.body()).doesNotContain(morven.value());
        }

        @Test
        void refusesThroughTheGenericClientWithNotFound() {
            assertThatThrownBy(() -> staff("dn.hamilton")
                            .read()
                            .resource(Patient.class)
                            .withId(morven.value())
                            .execute())
                    .isInstanceOf(ResourceNotFoundException.class);
        }

        @Test
        void logsARefusedReadOfAnExistingPersonAsADenyAboutThem() {
            long before = lastEvent();

            assertThat(get("/fhir/Patient/" + morven.value(), "dn.hamilton").statusCode())
                    .isEqualTo(404);

            List<AccessEvent> events = accessEventsSince(before);
            assertThat(events).hasSize(1);
            assertThat(events.get(0).person()).isEqualTo(morven.value());
            assertThat(events.get(0).decision()).isEqualTo("deny");
            assertThat(events.get(0).account()).isEqualTo("dn.hamilton");
        }

        @Test
        void answersWithNoStore() {
            HttpResponse<String> response = get("/fhir/Patient/" + morven.value(), "sw.hamilton");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().allValues("Cache-Control")).anyMatch(value -> value.contains("no-store"));
            HttpResponse<String> refused = get("/fhir/Patient/" + morven.value(), "dn.hamilton");
            assertThat(refused.headers().allValues("Cache-Control")).anyMatch(value -> value.contains("no-store"));
        }
    }

    /** Version read and history of Elspeth Drummond, whose records changed four times in all. */
    @Nested
    class Versions {

        Bundle history(String username) {
            return staff(username)
                    .history()
                    .onInstance(new IdType("Patient", elspeth.value()))
                    .returnBundle(Bundle.class)
                    .execute();
        }

        Patient version(String username, String version) {
            return staff(username)
                    .read()
                    .resource(Patient.class)
                    .withIdAndVersion(elspeth.value(), version)
                    .execute();
        }

        List<String> phones(Patient patient) {
            return patient.getTelecom().stream().map(ContactPoint::getValue).toList();
        }

        @Test
        void countsEveryChangeToTheRecordsTheCallerSeesAndReadsEachVersionBack() {
            Patient now = staff("sw.hamilton")
                    .read()
                    .resource(Patient.class)
                    .withId(elspeth.value())
                    .execute();
            assertThat(now.getMeta().getVersionId()).isEqualTo("4");
            assertThat(now.getMeta().getLastUpdated()).isNotNull();

            Bundle history = history("sw.hamilton");

            assertThat(history.getType()).isEqualTo(Bundle.BundleType.HISTORY);
            List<Patient> versions = history.getEntry().stream()
                    .map(entry -> (Patient) entry.getResource())
                    .toList();
            assertThat(versions)
                    .extracting(patient -> patient.getMeta().getVersionId())
                    .as("newest first")
                    .containsExactly("4", "3", "2", "1");
            Patient first = versions.get(3);
            assertThat(identifiers(first)).containsExactly("urn:ecare:agency:slc-social-work|SW-ED-1");
            assertThat(phones(first)).isEmpty();
            assertThat(identifiers(versions.get(2))).contains(GP_SYSTEM + "|GP-ED-1");
            assertThat(phones(versions.get(2))).containsExactly("01698 000333");
            assertThat(phones(versions.get(1))).containsExactly("01698 000444");
            assertThat(phones(versions.get(0))).containsExactlyInAnyOrder("01698 000444", "01698 000555");
            assertThat(versions.get(0).getMeta().getLastUpdated())
                    .isEqualTo(now.getMeta().getLastUpdated());
            // Two records may be recorded within one millisecond: the time never goes back, it may stand still.
            assertThat(versions.get(3).getMeta().getLastUpdated())
                    .isBeforeOrEqualTo(versions.get(2).getMeta().getLastUpdated());
            for (Patient listed : versions) {
                assertValid(listed);
                Patient read = version("sw.hamilton", listed.getMeta().getVersionId());
                assertValid(read);
                assertThat(read.getIdElement().getVersionIdPart())
                        .isEqualTo(listed.getMeta().getVersionId());
                assertThat(fhir.newJsonParser().encodeResourceToString(read))
                        .as("version " + listed.getMeta().getVersionId() + " reads as history lists it")
                        .isEqualTo(fhir.newJsonParser().encodeResourceToString(listed));
            }
        }

        @Test
        void showsACallerWhoMaySeeOneRecordOnlyThatRecordsVersions() {
            Patient now = staff("housing.ek")
                    .read()
                    .resource(Patient.class)
                    .withId(elspeth.value())
                    .execute();
            assertThat(now.getMeta().getVersionId())
                    .as("the GP record's two versions are not counted")
                    .isEqualTo("2");

            Bundle history = history("housing.ek");

            assertThat(history.getEntry())
                    .extracting(entry -> entry.getResource().getMeta().getVersionId())
                    .containsExactly("2", "1");
            assertThat(history.getEntry())
                    .extracting(entry -> phones((Patient) entry.getResource()))
                    .containsExactly(List.of("01698 000555"), List.of());
            String listed = fhir.newJsonParser().encodeResourceToString(history);
            assertThat(listed).doesNotContain("GP-ED-1", "01698 000333", "01698 000444", CHI_SYSTEM);
            HttpResponse<String> third = get("/fhir/Patient/" + elspeth.value() + "/_history/3", "housing.ek");
            HttpResponse<String> never = get("/fhir/Patient/" + UUID.randomUUID() + "/_history/1", "housing.ek");
            assertThat(third.statusCode()).isEqualTo(404);
            assertThat(third.body())
                    .as("a version only the records the caller may not see made answers as a person never there")
                    .isEqualTo(never.body());
        }

        @Test
        void answersAHiddenPersonsVersionsAsThoseOfOneThatNeverExistedAndLogsTheDenial() {
            long before = lastEvent();

            HttpResponse<String> version = get("/fhir/Patient/" + elspeth.value() + "/_history/1", "dn.hamilton");
            HttpResponse<String> history = get("/fhir/Patient/" + elspeth.value() + "/_history", "dn.hamilton");

            String missing = UUID.randomUUID().toString();
            assertThat(version.statusCode()).isEqualTo(404);
            assertThat(version.body())
                    .isEqualTo(get("/fhir/Patient/" + missing + "/_history/1", "dn.hamilton")
                            .body());
            assertThat(history.statusCode()).isEqualTo(404);
            assertThat(history.body())
                    .isEqualTo(get("/fhir/Patient/" + missing + "/_history", "dn.hamilton")
                            .body());
            assertThat(history.body()).doesNotContain(elspeth.value());
            List<AccessEvent> events = accessEventsSince(before).stream()
                    .filter(event -> elspeth.value().equals(event.person()))
                    .toList();
            assertThat(events)
                    .as("each refused reading logged as a denial about her")
                    .hasSize(2)
                    .allSatisfy(event -> {
                        assertThat(event.decision()).isEqualTo("deny");
                        assertThat(event.account()).isEqualTo("dn.hamilton");
                    });
        }

        @Test
        void logsAVersionReadAsTheReadItIs() {
            long before = lastEvent();

            version("sw.hamilton", "1");

            List<AccessEvent> events = accessEventsSince(before);
            assertThat(events)
                    .as("the decision of today about each record, as for a read")
                    .hasSize(2)
                    .allSatisfy(event -> {
                        assertThat(event.person()).isEqualTo(elspeth.value());
                        assertThat(event.decision()).isEqualTo("allow");
                    });
        }
    }

    @Nested
    class Search {

        @Test
        void findsThePersonByEachParameterOfTheContract() {
            Map<String, ICriterion<?>> criteria = new java.util.LinkedHashMap<>();
            criteria.put("_id", Patient.RES_ID.exactly().code(morven.value()));
            criteria.put("identifier (CHI)", Patient.IDENTIFIER.exactly().systemAndCode(CHI_SYSTEM, chi));
            criteria.put(
                    "identifier (local)", Patient.IDENTIFIER.exactly().systemAndCode(SOCIAL_WORK_SYSTEM, "SW-MQ-1"));
            criteria.put("family", Patient.FAMILY.matches().value("quarr"));
            criteria.put("given", Patient.GIVEN.matches().value("Morv"));
            criteria.put("name", Patient.NAME.matches().value("Quarrier"));
            criteria.put("birthdate", Patient.BIRTHDATE.exactly().day("1950-05-17"));
            criteria.put(
                    "address-postalcode", Patient.ADDRESS_POSTALCODE.matches().value("ml37qq"));
            for (Map.Entry<String, ICriterion<?>> criterion : criteria.entrySet()) {
                long before = lastEvent();

                Bundle bundle = search(staff("sw.hamilton"), criterion.getValue());

                assertThat(bundle.getType()).as(criterion.getKey()).isEqualTo(Bundle.BundleType.SEARCHSET);
                assertThat(ids(bundle)).as(criterion.getKey()).contains(morven.value());
                assertThat(bundle.getTotal())
                        .as(criterion.getKey())
                        .isEqualTo(bundle.getEntry().size());
                assertValid(bundle);
                assertThat(accessEventsSince(before))
                        .as(criterion.getKey())
                        .filteredOn(event -> morven.value().equals(event.person()))
                        .extracting(AccessEvent::decision)
                        .isNotEmpty()
                        .containsOnly("allow");
            }
        }

        @Test
        void searchesByPostFormEncodedSoThatIdentifiersStayOutOfUrls() {
            Bundle bundle = staff("sw.hamilton")
                    .search()
                    .forResource(Patient.class)
                    .where(Patient.IDENTIFIER.exactly().systemAndCode(CHI_SYSTEM, chi))
                    .usingStyle(SearchStyleEnum.POST)
                    .returnBundle(Bundle.class)
                    .execute();

            assertThat(ids(bundle)).containsExactly(morven.value());
            assertThat(bundle.getTotal()).isEqualTo(1);

            HttpResponse<String> raw = hub.postForm(
                    http,
                    "/fhir/Patient/_search",
                    "identifier=" + URLEncoder.encode(CHI_SYSTEM + "|" + chi, StandardCharsets.UTF_8),
                    "Authorization",
                    "Bearer " + hub.staffToken("sw.hamilton"));
            assertThat(raw.statusCode()).isEqualTo(200);
            assertThat(raw.headers().allValues("Cache-Control")).anyMatch(value -> value.contains("no-store"));
            Bundle posted = fhir.newJsonParser().parseResource(Bundle.class, raw.body());
            assertThat(ids(posted)).containsExactly(morven.value());
        }

        @Test
        void showsEachFoundPersonWithOnlyTheRecordsTheUserMaySee() {
            Bundle bundle = search(staff("housing.ek"), Patient.FAMILY.matches().value("Quarrier"));

            assertThat(ids(bundle)).containsExactly(morven.value());
            Patient patient = (Patient) bundle.getEntryFirstRep().getResource();
            assertThat(identifiers(patient)).containsExactly(SOCIAL_WORK_SYSTEM + "|SW-MQ-1");
            assertValid(bundle);
        }

        @Test
        void doesNotMatchOnDetailsOnlyARecordTheUserMayNotSeeHolds() {
            Bundle byChi =
                    search(staff("housing.ek"), Patient.IDENTIFIER.exactly().systemAndCode(CHI_SYSTEM, chi));
            Bundle byLocalId =
                    search(staff("housing.ek"), Patient.IDENTIFIER.exactly().systemAndCode(GP_SYSTEM, "GP-MQ-1"));

            assertThat(byChi.getTotal()).isZero();
            assertThat(byLocalId.getTotal()).isZero();
        }

        @Test
        void findsNobodyTheUserMayNotSeeAndLogsOneEntryWithoutAPerson() {
            long before = lastEvent();

            Bundle bundle =
                    search(staff("dn.hamilton"), Patient.FAMILY.matches().value("Quarrier"));

            assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
            assertThat(bundle.getTotal()).isZero();
            assertThat(bundle.getEntry()).isEmpty();
            assertValid(bundle);
            List<AccessEvent> events = accessEventsSince(before);
            assertThat(events).hasSize(1);
            assertThat(events.get(0).person()).isNull();
            assertThat(events.get(0).event().has("whom")).isFalse();
            assertThat(events.get(0).account()).isEqualTo("dn.hamilton");
        }

        @Test
        void refusesASearchWithNoParameter() {
            HttpResponse<String> response = get("/fhir/Patient", "sw.hamilton");

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).contains("invalid-search");
        }
    }
}
