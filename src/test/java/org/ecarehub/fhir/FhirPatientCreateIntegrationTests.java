package org.ecarehub.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ca.uhn.fhir.rest.api.MethodOutcome;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ecarehub.person.AgencyRecordId;
import org.ecarehub.person.PersonIndex;
import org.ecarehub.shared.PersonId;
import org.ecarehub.support.LogOutage;
import org.ecarehub.support.TestDatabase;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Patient create and conditional create over FHIR: social work's system puts its own records into the person index,
 * and is given the Patient it already holds when it sends the same identifier as If-None-Exist; another agency's
 * record, staff, a condition on any other identifier, and a system without the write scope are refused, each storing
 * nothing and saying nothing of whether the record exists.
 */
@Tag("database")
class FhirPatientCreateIntegrationTests {

    static final LocalDate FIONA_BORN = LocalDate.of(1944, 8, 30);

    @TempDir
    static Path dataDir;

    static DemoFhirHub hub;
    static PersonId fiona;
    static String fionaChi;

    @BeforeAll
    static void startHub() throws Exception {
        hub = DemoFhirHub.start(dataDir);
        fionaChi = DemoFhirHub.chiBornOn(FIONA_BORN, 300);
        fiona = hub.person(
                "hamilton-medical-practice",
                "GP-FM-1",
                DemoFhirHub.details("Fiona", "Mathieson", FIONA_BORN, "ML3 8FM", "01698 444555", fionaChi));
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    static String systemToken() {
        return hub.systemToken(DemoFhirHub.SOCIAL_WORK_CLIENT, null, "system/*.rs system/Patient.cu");
    }

    static Patient patient(String system, String localId, String given, String family, LocalDate born) {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(system).setValue(localId);
        patient.addName(new HumanName()
                .setUse(HumanName.NameUse.OFFICIAL)
                .setFamily(family)
                .addGiven(given));
        patient.getBirthDateElement().setValueAsString(born.toString());
        return patient;
    }

    static String condition(String system, String value) {
        return "identifier=" + URLEncoder.encode(system + "|" + value, StandardCharsets.UTF_8);
    }

    static HttpResponse<String> create(String token, Patient patient, String ifNoneExist) {
        String body = DemoFhirHub.fhir.newJsonParser().encodeResourceToString(patient);
        return ifNoneExist == null
                ? hub.send("POST", "/fhir/Patient", body, token)
                : hub.send("POST", "/fhir/Patient", body, token, "If-None-Exist", ifNoneExist);
    }

    static Optional<PersonId> stored(String agency, String localId) {
        return hub.bean(PersonIndex.class).personOf(AgencyRecordId.of(agency, localId));
    }

    @Test
    void createsTheAgencysRecordThenAnswersTheSameIdentifierWithTheExistingPatient() {
        Patient sent =
                patient(DemoFhirHub.SOCIAL_WORK_SYSTEM, "SW-NEW-1", "Rhona", "Galbraith", LocalDate.of(1966, 4, 1));
        long before = hub.lastEvent();

        MethodOutcome created = hub.client(systemToken(), null)
                .create()
                .resource(sent)
                .conditionalByUrl("Patient?" + condition(DemoFhirHub.SOCIAL_WORK_SYSTEM, "SW-NEW-1"))
                .execute();
        MethodOutcome found = hub.client(systemToken(), null)
                .create()
                .resource(sent)
                .conditionalByUrl("Patient?" + condition(DemoFhirHub.SOCIAL_WORK_SYSTEM, "SW-NEW-1"))
                .execute();

        assertThat(created.getCreated()).isTrue();
        assertThat(found.getCreated()).isNotEqualTo(Boolean.TRUE);
        assertThat(found.getId().getIdPart()).isEqualTo(created.getId().getIdPart());
        assertThat(stored("slc-social-work", "SW-NEW-1"))
                .contains(PersonId.of(created.getId().getIdPart()));
        Patient shown = (Patient) found.getResource();
        assertThat(shown.getIdentifier()).anySatisfy(identifier -> {
            assertThat(identifier.getSystem()).isEqualTo(DemoFhirHub.SOCIAL_WORK_SYSTEM);
            assertThat(identifier.getValue()).isEqualTo("SW-NEW-1");
        });
        assertThat(hub.accessEventsSince(before))
                .as("the write decided and logged as the agency's system")
                .anySatisfy(logged -> {
                    assertThat(logged.action()).isEqualTo("create");
                    assertThat(logged.decision()).isEqualTo("allow");
                    assertThat(logged.account()).isEqualTo("agency-system:slc-social-work");
                });
        HttpResponse<String> raw = create(systemToken(), sent, condition(DemoFhirHub.SOCIAL_WORK_SYSTEM, "SW-NEW-1"));
        assertThat(raw.statusCode()).isEqualTo(200);
    }

    @Test
    void linksANewRecordToThePersonItMatchesAs201() {
        Patient sent = patient(DemoFhirHub.SOCIAL_WORK_SYSTEM, "SW-FM-1", "Fiona", "Mathieson", FIONA_BORN);
        sent.addIdentifier().setSystem(DemoFhirHub.CHI_SYSTEM).setValue(fionaChi);

        HttpResponse<String> created =
                create(systemToken(), sent, condition(DemoFhirHub.SOCIAL_WORK_SYSTEM, "SW-FM-1"));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).contains("/Patient/" + fiona.value()));
        assertThat(stored("slc-social-work", "SW-FM-1")).contains(fiona);
    }

    @Test
    void refusesAnotherAgencysRecordAlikeWhetherItExistsOrNotAndStoresNothing() {
        long before = hub.lastEvent();

        HttpResponse<String> existing = create(
                systemToken(), patient(DemoFhirHub.GP_SYSTEM, "GP-FM-1", "Fiona", "Mathieson", FIONA_BORN), null);
        HttpResponse<String> missing = create(
                systemToken(), patient(DemoFhirHub.GP_SYSTEM, "GP-NONE-1", "Fiona", "Mathieson", FIONA_BORN), null);

        assertThat(existing.statusCode()).isEqualTo(403);
        assertThat(DemoFhirHub.code(existing.body())).isEqualTo("access-refused");
        assertThat(existing.body()).isEqualTo(missing.body());
        assertThat(stored("hamilton-medical-practice", "GP-NONE-1")).isEmpty();
        assertThat(hub.accessEventsSince(before))
                .as("each refusal logged, about nobody")
                .hasSize(2)
                .allSatisfy(logged -> {
                    assertThat(logged.decision()).isEqualTo("deny");
                    assertThat(logged.person()).isNull();
                });
    }

    @Test
    void refusesAConditionOnAnyOtherIdentifierAlikeWhetherItMatchesOrNot() {
        Patient sent =
                patient(DemoFhirHub.SOCIAL_WORK_SYSTEM, "SW-COND-1", "Ewan", "Lindsay", LocalDate.of(1990, 2, 2));

        HttpResponse<String> knownChi = create(systemToken(), sent, condition(DemoFhirHub.CHI_SYSTEM, fionaChi));
        HttpResponse<String> unknownChi =
                create(systemToken(), sent, condition(DemoFhirHub.CHI_SYSTEM, DemoFhirHub.chiBornOn(FIONA_BORN, 700)));
        HttpResponse<String> otherAgency = create(systemToken(), sent, condition(DemoFhirHub.GP_SYSTEM, "GP-FM-1"));
        HttpResponse<String> otherLocalId =
                create(systemToken(), sent, condition(DemoFhirHub.SOCIAL_WORK_SYSTEM, "SW-OTHER"));
        HttpResponse<String> moreThanTheIdentifier =
                create(systemToken(), sent, condition(DemoFhirHub.SOCIAL_WORK_SYSTEM, "SW-COND-1") + "&family=Lindsay");

        for (HttpResponse<String> refused :
                List.of(knownChi, unknownChi, otherAgency, otherLocalId, moreThanTheIdentifier)) {
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
            assertThat(DemoFhirHub.code(refused.body())).isEqualTo("invalid-search");
        }
        assertThat(knownChi.body()).isEqualTo(unknownChi.body());
        assertThat(stored("slc-social-work", "SW-COND-1")).isEmpty();
    }

    @Test
    void refusesStaffAndAPlainCreateOfARecordAlreadyHeld() {
        Patient sent =
                patient(DemoFhirHub.SOCIAL_WORK_SYSTEM, "SW-STAFF-1", "Moira", "Dunlop", LocalDate.of(1959, 9, 9));

        HttpResponse<String> byStaff = create(hub.hub.staffToken("sw.hamilton"), sent, null);
        HttpResponse<String> first = create(systemToken(), sent, null);
        HttpResponse<String> second = create(systemToken(), sent, null);

        assertThat(byStaff.statusCode()).isEqualTo(403);
        assertThat(DemoFhirHub.code(byStaff.body())).isEqualTo("access-refused");
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(422);
        assertThat(DemoFhirHub.code(second.body())).isEqualTo("refused-by-rule");
    }

    @Test
    void storesNothingAndAnswers503WhenTheLogCannotRecordTheCreate() throws Exception {
        assumeTrue(TestDatabase.postgresql(), "the log is taken away by revoking a PostgreSQL grant");
        Patient sent =
                patient(DemoFhirHub.SOCIAL_WORK_SYSTEM, "SW-DOWN-1", "Kirsty", "Nairn", LocalDate.of(1971, 6, 6));
        String token = systemToken();
        List<HttpResponse<String>> answers = new ArrayList<>();

        LogOutage.withoutTheLog(hub.database, () -> answers.add(create(token, sent, null)));

        assertThat(answers.get(0).statusCode()).isEqualTo(503);
        assertThat(DemoFhirHub.code(answers.get(0).body())).isEqualTo("log-unavailable");
        assertThat(stored("slc-social-work", "SW-DOWN-1")).isEmpty();
        assertThat(create(token, sent, null).statusCode())
                .as("once the log is back, the same create is stored")
                .isEqualTo(201);
    }

    @Test
    void refusesAPatientWithoutExactlyOneAgencyIdentifierOrASystemWithoutTheWriteScope() {
        Patient none = patient(DemoFhirHub.CHI_SYSTEM, fionaChi, "Fiona", "Mathieson", FIONA_BORN);
        Patient two = patient(DemoFhirHub.SOCIAL_WORK_SYSTEM, "SW-TWO-1", "Ann", "Two", LocalDate.of(1980, 1, 1));
        two.addIdentifier().setSystem(DemoFhirHub.SOCIAL_WORK_SYSTEM).setValue("SW-TWO-2");
        Patient fine = patient(DemoFhirHub.SOCIAL_WORK_SYSTEM, "SW-SCOPE-1", "Ann", "Scope", LocalDate.of(1980, 1, 1));

        HttpResponse<String> withoutIdentifier = create(systemToken(), none, null);
        HttpResponse<String> withTwo = create(systemToken(), two, null);
        HttpResponse<String> readOnly =
                create(hub.systemToken(DemoFhirHub.SOCIAL_WORK_CLIENT, null, "system/*.rs"), fine, null);

        assertThat(withoutIdentifier.statusCode()).isEqualTo(400);
        assertThat(DemoFhirHub.code(withoutIdentifier.body())).isEqualTo("invalid-resource");
        assertThat(withTwo.statusCode()).isEqualTo(400);
        assertThat(readOnly.statusCode()).isEqualTo(403);
        assertThat(DemoFhirHub.code(readOnly.body())).isEqualTo("scope-not-granted");
        assertThat(stored("slc-social-work", "SW-SCOPE-1")).isEmpty();
        assertThat(stored("slc-social-work", "SW-TWO-1")).isEmpty();
    }
}
