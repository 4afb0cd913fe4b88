package org.ecarehub.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.ecarehub.access.Holder;
import org.ecarehub.access.RelationshipDraft;
import org.ecarehub.access.RelationshipKind;
import org.ecarehub.access.Relationships;
import org.ecarehub.person.AgencyRecordId;
import org.ecarehub.person.Demographics;
import org.ecarehub.person.MatchCandidate;
import org.ecarehub.person.PersonIndex;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Patient/$match} over FHIR: Morven Quarrier is known to social work (no CHI number, no phone) and to her GP
 * practice (both); her key worker may see both records, housing East Kilbride only social work's, a district nurse
 * neither. Isla Pettigrew is known only to the GP practice, though housing has her on its caseload. Each caller is shown
 * only whom they may see, scored only from the records they may see.
 */
@Tag("database")
class FhirMatchIntegrationTests {

    static final LocalDate BORN = LocalDate.of(1950, 5, 17);
    static final LocalDate ISLA_BORN = LocalDate.of(1982, 11, 23);
    static final String MATCH_GRADE = "http://hl7.org/fhir/StructureDefinition/match-grade";

    @TempDir
    static Path dataDir;

    static DemoFhirHub hub;
    static PersonId morven;
    static PersonId isla;
    static String chi;
    static String islaChi;

    @BeforeAll
    static void startHub() throws Exception {
        hub = DemoFhirHub.start(dataDir);
        chi = DemoFhirHub.chiBornOn(BORN, 100);
        islaChi = DemoFhirHub.chiBornOn(ISLA_BORN, 200);
        morven = hub.person(
                "slc-social-work", "SW-MQ-1", DemoFhirHub.details("Morven", "Quarrier", BORN, "ML3 7QQ", null, null));
        PersonId gp = hub.person(
                "hamilton-medical-practice",
                "GP-MQ-1",
                DemoFhirHub.details("Morven", "Quarrier", BORN, "ML3 7QQ", "01698 000111", chi));
        assertThat(gp).as("both records are one person").isEqualTo(morven);
        hub.keyWorker(morven, "sw.hamilton");
        isla = hub.person(
                "hamilton-medical-practice",
                "GP-IP-1",
                DemoFhirHub.details("Isla", "Pettigrew", ISLA_BORN, "G72 9IP", "01698 222333", islaChi));
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Europe/London"));
        for (PersonId person : List.of(morven, isla)) {
            hub.bean(Relationships.class)
                    .start(
                            RelationshipDraft.of(
                                    person,
                                    Holder.team(TeamId.of("housing-east-kilbride")),
                                    RelationshipKind.TEAM_CASELOAD,
                                    today),
                            hub.hub.staffActor("housing.ek"));
        }
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    /** The details as a GP system would send them: a different current address, so that records score apart. */
    static Patient morvenAsTheGpHoldsHer() {
        Patient patient = new Patient();
        patient.addName(new HumanName()
                .setUse(HumanName.NameUse.OFFICIAL)
                .setFamily("Quarrier")
                .addGiven("Morven"));
        patient.getBirthDateElement().setValueAsString(BORN.toString());
        patient.setGender(AdministrativeGender.FEMALE);
        patient.addAddress(new Address()
                .setUse(Address.AddressUse.HOME)
                .setText("9 New Road, Hamilton")
                .setPostalCode("ML3 9ZZ"));
        patient.addTelecom(new ContactPoint()
                .setSystem(ContactPoint.ContactPointSystem.PHONE)
                .setValue("01698 000111"));
        patient.addIdentifier().setSystem(DemoFhirHub.CHI_SYSTEM).setValue(chi);
        return patient;
    }

    static Demographics asTheIndexReadsIt() {
        return new Demographics(
                "Morven",
                null,
                "Quarrier",
                List.of(),
                BORN,
                org.ecarehub.person.Sex.FEMALE,
                List.of(org.ecarehub.person.Address.current("9 New Road, Hamilton", "ML3 9ZZ")),
                "01698 000111",
                org.ecarehub.person.ChiNumber.of(chi));
    }

    static Patient isla() {
        Patient patient = new Patient();
        patient.addName(new HumanName().setFamily("Pettigrew").addGiven("Isla"));
        patient.getBirthDateElement().setValueAsString(ISLA_BORN.toString());
        patient.addIdentifier().setSystem(DemoFhirHub.CHI_SYSTEM).setValue(islaChi);
        return patient;
    }

    static Patient nobody() {
        Patient patient = new Patient();
        patient.addName(new HumanName().setFamily("Zzyzxwell").addGiven("Quillon"));
        patient.getBirthDateElement().setValueAsString("1901-01-01");
        return patient;
    }

    static Parameters parameters(Patient patient, Boolean onlyCertain, Integer count) {
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("resource").setResource(patient);
        if (onlyCertain != null) {
            parameters.addParameter().setName("onlyCertainMatches").setValue(new BooleanType(onlyCertain));
        }
        if (count != null) {
            parameters.addParameter().setName("count").setValue(new IntegerType(count));
        }
        return parameters;
    }

    static Bundle match(String username, Parameters parameters) {
        return hub.staff(username, null)
                .operation()
                .onType(Patient.class)
                .named("$match")
                .withParameters(parameters)
                .returnResourceType(Bundle.class)
                .execute();
    }

    static HttpResponse<String> raw(String username, Parameters parameters) {
        return hub.send(
                "POST",
                "/fhir/Patient/$match",
                DemoFhirHub.fhir.newJsonParser().encodeResourceToString(parameters),
                hub.hub.staffToken(username));
    }

    static String grade(Bundle.BundleEntryComponent entry) {
        return ((CodeType) entry.getSearch().getExtensionByUrl(MATCH_GRADE).getValue()).getValue();
    }

    static double probability(String agency, String localId) {
        return hub.bean(PersonIndex.class).candidates(asTheIndexReadsIt(), 100).stream()
                .filter(candidate -> candidate.record().equals(AgencyRecordId.of(agency, localId)))
                .mapToDouble(MatchCandidate::probability)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void findsThePersonWithAScoreAndAMatchGradeAndLogsTheDisclosure() {
        long before = hub.lastEvent();

        Bundle bundle = match("sw.hamilton", parameters(morvenAsTheGpHoldsHer(), null, null));

        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
        assertThat(bundle.getTotal()).isEqualTo(bundle.getEntry().size());
        Bundle.BundleEntryComponent first = bundle.getEntryFirstRep();
        assertThat(first.getResource().getIdElement().getIdPart()).isEqualTo(morven.value());
        assertThat(first.getFullUrl()).isEqualTo(hub.base + "/fhir/Patient/" + morven.value());
        assertThat(first.getSearch().getMode()).isEqualTo(Bundle.SearchEntryMode.MATCH);
        assertThat(first.getSearch().getScore().doubleValue()).isBetween(0.0, 1.0);
        assertThat(grade(first)).isIn("certain", "probable", "possible");
        assertThat(hub.accessEventsSince(before))
                .filteredOn(logged -> morven.value().equals(logged.person()))
                .extracting(DemoFhirHub.LoggedAccess::decision)
                .isNotEmpty()
                .contains("allow");
    }

    @Test
    void scoresThePersonOnlyFromTheRecordsTheCallerMaySee() {
        Bundle keyWorker = match("sw.hamilton", parameters(morvenAsTheGpHoldsHer(), null, null));
        Bundle housing = match("housing.ek", parameters(morvenAsTheGpHoldsHer(), null, null));
        double socialWorkRecord = probability("slc-social-work", "SW-MQ-1");
        double gpRecord = probability("hamilton-medical-practice", "GP-MQ-1");

        Bundle.BundleEntryComponent seenByHousing = housing.getEntry().stream()
                .filter(entry -> entry.getResource().getIdElement().getIdPart().equals(morven.value()))
                .findFirst()
                .orElseThrow();
        Bundle.BundleEntryComponent seenByKeyWorker = keyWorker.getEntry().stream()
                .filter(entry -> entry.getResource().getIdElement().getIdPart().equals(morven.value()))
                .findFirst()
                .orElseThrow();
        assertThat(seenByHousing.getSearch().getScore().doubleValue())
                .as("housing may see social work's record only, so only it scores her")
                .isCloseTo(socialWorkRecord, within(1e-4));
        assertThat(seenByKeyWorker.getSearch().getScore().doubleValue())
                .isCloseTo(Math.max(socialWorkRecord, gpRecord), within(1e-4));
        assertThat(gpRecord)
                .as("the GP's record agrees on more: the scores differ")
                .isGreaterThan(socialWorkRecord);
        Patient shownToHousing = (Patient) seenByHousing.getResource();
        assertThat(shownToHousing.getIdentifier())
                .extracting(identifier -> identifier.getSystem())
                .containsOnly(DemoFhirHub.SOCIAL_WORK_SYSTEM);
    }

    @Test
    void answersAPersonTheCallerMayNotSeeExactlyAsNobody() {
        long before = hub.lastEvent();

        HttpResponse<String> hidden = raw("dn.hamilton", parameters(morvenAsTheGpHoldsHer(), null, null));
        HttpResponse<String> missing = raw("dn.hamilton", parameters(nobody(), null, null));

        assertThat(hidden.statusCode()).isEqualTo(200);
        assertThat(DemoFhirHub.withoutIds(hidden.body())).isEqualTo(DemoFhirHub.withoutIds(missing.body()));
        assertThat(DemoFhirHub.fhir
                        .newJsonParser()
                        .parseResource(Bundle.class, hidden.body())
                        .getTotal())
                .isZero();
        assertThat(hidden.body()).doesNotContain(morven.value());
        List<DemoFhirHub.LoggedAccess> logged = hub.accessEventsSince(before);
        assertThat(logged)
                .as("nothing disclosed: one entry without a person for each match, none about her")
                .hasSize(2)
                .allSatisfy(event -> assertThat(event.person()).isNull());
    }

    @Test
    void doesNotFindAPersonKnownOnlyThroughARecordTheCallerMayNotSee() {
        HttpResponse<String> hidden = raw("housing.ek", parameters(isla(), null, null));
        HttpResponse<String> missing = raw("housing.ek", parameters(nobody(), null, null));

        assertThat(DemoFhirHub.withoutIds(hidden.body())).isEqualTo(DemoFhirHub.withoutIds(missing.body()));
        assertThat(hidden.body()).doesNotContain(isla.value());
    }

    @Test
    void returnsOnlyOneCertainMatchWhenAskedForCertainMatchesOnly() {
        Bundle certain = match("sw.hamilton", parameters(morvenAsTheGpHoldsHer(), true, null));
        Patient vague = new Patient();
        vague.addName(new HumanName().setFamily("Quarrier"));
        Bundle notCertain = match("sw.hamilton", parameters(vague, true, null));

        assertThat(certain.getEntry()).hasSize(1);
        assertThat(grade(certain.getEntryFirstRep())).isEqualTo("certain");
        assertThat(certain.getEntryFirstRep().getResource().getIdElement().getIdPart())
                .isEqualTo(morven.value());
        assertThat(notCertain.getEntry()).isEmpty();
    }

    @Test
    void refusesACountOutOfRangeAndAPatientWithNothingToMatch() {
        for (Parameters bad : List.of(
                parameters(morvenAsTheGpHoldsHer(), null, 0),
                parameters(morvenAsTheGpHoldsHer(), null, 101),
                parameters(new Patient(), null, null),
                new Parameters())) {
            HttpResponse<String> refused = raw("sw.hamilton", bad);

            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
            assertThat(refused.body()).doesNotContain("Exception", "at org.");
        }
    }
}
