package org.ecarehub.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.ecarehub.consent.Authority;
import org.ecarehub.consent.ConsentDraft;
import org.ecarehub.consent.ConsentEvidence;
import org.ecarehub.consent.ConsentState;
import org.ecarehub.consent.Consents;
import org.ecarehub.consent.OnBehalfOf;
import org.ecarehub.consent.Recipient;
import org.ecarehub.consent.RepresentativeAuthority;
import org.ecarehub.consent.Representatives;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.partnership.StaffAccount;
import org.ecarehub.person.Actor;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.RelatedPerson;
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
 * CareTeam, RelatedPerson and Consent through FHIR on the demo: Agnes Thomson's relationships, her son's welfare power
 * of attorney and her daughter's nomination, and the consent David gave for her, each read and searched by patient
 * through the access decision with HAPI's generic client, validated, and logged.
 */
@Tag("database")
class FhirInvolvementIntegrationTests {

    @TempDir
    static Path dataDir;

    static RunningHub hub;
    static final FhirContext fhir = FhirContext.forR4Cached();
    static final HttpClient http = HttpClient.newHttpClient();
    static final JsonMapper json = JsonMapper.builder().build();
    static FhirValidator validator;
    static String agnes;

    @BeforeAll
    static void startDemo() {
        hub = RunningHub.demo(dataDir, TestDatabase.fresh(dataDir));
        validator = FhirClients.validator();
        agnes = FhirClients.personId(staff("sw.hamilton"), "Agnes", "Thomson", "1941-03-14");
        contactsAndHealthDetailForHousing = davidAgreesHousingMayKnowHerContactsAndHealthDetail();
    }

    /** The number of a second consent David gives for Agnes: her contacts and health detail, to housing. */
    static long contactsAndHealthDetailForHousing;

    static long davidAgreesHousingMayKnowHerContactsAndHealthDetail() {
        PersonId person = PersonId.of(agnes);
        RepresentativeAuthority attorney = hub.bean(Representatives.class).authoritiesOver(person).stream()
                .filter(authority -> authority.authority().kind() == Authority.Kind.WELFARE_ATTORNEY)
                .findFirst()
                .orElseThrow();
        StaffAccount sw = hub.bean(Partnerships.class)
                .current()
                .partnership()
                .staff(Username.of("sw.hamilton"))
                .orElseThrow();
        LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
        return hub.bean(Consents.class)
                .record(
                        new ConsentDraft(
                                person,
                                Purpose.DIRECT_CARE,
                                Set.of(Category.CONTACTS, Category.HEALTH_DETAIL),
                                List.of(Recipient.agency(AgencyId.of("slc-housing"))),
                                ConsentState.GIVEN,
                                new OnBehalfOf(attorney.representative(), attorney.id()),
                                ConsentEvidence.verbal(),
                                today,
                                null),
                        Actor.staff(
                                sw.username(),
                                sw.agency(),
                                sw.roles().stream().map(role -> role.value()).toList(),
                                hub.bean(Partnerships.class).current().version()))
                .id()
                .value();
    }

    @AfterAll
    static void stopDemo() {
        if (hub != null) {
            hub.close();
        }
    }

    static IGenericClient staff(String username) {
        IGenericClient client = FhirClients.client("http://localhost:" + hub.port() + "/fhir");
        client.registerInterceptor(new BearerTokenAuthInterceptor(hub.staffToken(username)));
        return client;
    }

    static void assertValid(IBaseResource resource) {
        assertThat(validator.validateWithResult(resource).getMessages().stream()
                        .filter(message -> message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                        .map(message -> message.getLocationString() + ": " + message.getMessage())
                        .toList())
                .isEmpty();
    }

    static <T extends IBaseResource> List<T> byPatient(String username, Class<T> type, String patient) {
        Bundle bundle = staff(username)
                .search()
                .forResource(type)
                .where(new ca.uhn.fhir.rest.gclient.ReferenceClientParam("patient").hasId("Patient/" + patient))
                .returnBundle(Bundle.class)
                .execute();
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
        assertThat(bundle.getTotal()).isEqualTo(bundle.getEntry().size());
        assertValid(bundle);
        return bundle.getEntry().stream()
                .map(entry -> type.cast(entry.getResource()))
                .toList();
    }

    static long lastEvent() {
        return hub.bean(JdbcClient.class)
                .sql("select coalesce(max(id), 0) from transparency_event")
                .query(Long.class)
                .single();
    }

    record AccessEvent(String person, JsonNode event) {
        String decision() {
            return event.get("why").get("decision").asString();
        }

        List<String> categories() {
            return event.get("what")
                    .get("categories")
                    .valueStream()
                    .map(JsonNode::asString)
                    .toList();
        }
    }

    static List<AccessEvent> accessEventsSince(long after) {
        return hub.bean(JdbcClient.class)
                .sql("select person_ref, event from transparency_event where event_type = 1 and id > ? order by id")
                .param(after)
                .query((row, n) -> new AccessEvent(row.getString("person_ref"), json.readTree(row.getString("event"))))
                .list();
    }

    static HttpResponse<String> get(String path, String username) {
        return hub.get(http, path, "Authorization", "Bearer " + hub.staffToken(username));
    }

    static List<String> codes(List<Coding> codings) {
        return codings.stream()
                .map(coding -> coding.getSystem() + "|" + coding.getCode())
                .toList();
    }

    @Nested
    class CareTeams {

        @Test
        void showsTheKeyWorkerEveryRelationshipWithAgnesAsValidCareTeamsAndLogsThem() {
            long before = lastEvent();

            List<CareTeam> teams = byPatient("sw.hamilton", CareTeam.class, agnes);

            // DEMO.md's five, and the equipment service's while the stair rail request is open.
            assertThat(teams).hasSize(6);
            assertThat(teams).allSatisfy(team -> {
                assertThat(team.getSubject().getReference()).isEqualTo("Patient/" + agnes);
                assertThat(team.getStatus()).isEqualTo(CareTeam.CareTeamStatus.ACTIVE);
                assertThat(team.getIdElement().getIdPart()).startsWith(agnes + ".");
            });
            assertThat(teams)
                    .extracting(
                            team -> team.getParticipantFirstRep().getMember().getReference())
                    .contains("Practitioner/sw.hamilton", "Practitioner/gp.hamilton", "Practitioner/dn.hamilton");
            assertThat(teams)
                    .extracting(team -> team.getParticipantFirstRep()
                            .getMember()
                            .getIdentifier()
                            .getValue())
                    .contains("caring-hands-homecare");
            CareTeam keyWorker = teams.stream()
                    .filter(team -> "Practitioner/sw.hamilton"
                            .equals(team.getParticipantFirstRep().getMember().getReference()))
                    .findFirst()
                    .orElseThrow();
            assertThat(keyWorker
                            .getParticipantFirstRep()
                            .getRoleFirstRep()
                            .getCodingFirstRep()
                            .getCode())
                    .isEqualTo("key-worker");
            assertThat(keyWorker.getParticipantFirstRep().getOnBehalfOf().getReference())
                    .isEqualTo("Organization/slc-social-work");
            List<AccessEvent> events = accessEventsSince(before);
            assertThat(events).isNotEmpty().allSatisfy(event -> {
                assertThat(event.person()).isEqualTo(agnes);
                assertThat(event.decision()).isEqualTo("allow");
                assertThat(event.categories()).containsExactly("contacts");
            });
        }

        @Test
        void readsOneCareTeamById() {
            CareTeam first = byPatient("sw.hamilton", CareTeam.class, agnes).get(0);

            CareTeam read = staff("sw.hamilton")
                    .read()
                    .resource(CareTeam.class)
                    .withId(first.getIdElement().getIdPart())
                    .execute();

            assertThat(read.getParticipantFirstRep().getMember().getReference())
                    .isEqualTo(first.getParticipantFirstRep().getMember().getReference());
            assertValid(read);
        }

        @Test
        void showsHousingNothingAndLogsTheRefusalAboutAgnes() {
            long before = lastEvent();

            assertThat(byPatient("housing.ek", CareTeam.class, agnes)).isEmpty();

            List<AccessEvent> events = accessEventsSince(before);
            assertThat(events).isNotEmpty().allSatisfy(event -> {
                assertThat(event.person()).isEqualTo(agnes);
                assertThat(event.decision()).isEqualTo("deny");
            });
        }

        @Test
        void logsOneEntryWithoutAPersonForSomeoneNobodyKnows() {
            long before = lastEvent();

            assertThat(byPatient(
                            "sw.hamilton", CareTeam.class, UUID.randomUUID().toString()))
                    .isEmpty();

            List<AccessEvent> events = accessEventsSince(before);
            assertThat(events).hasSize(1);
            assertThat(events.get(0).person()).isNull();
        }

        @Test
        void answersACareTeamTheUserMayNotSeeExactlyAsOneThatNeverExisted() {
            String existing = byPatient("sw.hamilton", CareTeam.class, agnes)
                    .get(0)
                    .getIdElement()
                    .getIdPart();

            HttpResponse<String> refused = get("/fhir/CareTeam/" + existing, "housing.ek");

            assertThat(refused.statusCode()).isEqualTo(404);
            for (String never :
                    List.of(agnes + ".999999", UUID.randomUUID() + ".1", "no-dot", agnes + ".", "x.y", agnes + ".-3")) {
                HttpResponse<String> missing = get("/fhir/CareTeam/" + never, "housing.ek");
                assertThat(missing.statusCode()).as(never).isEqualTo(404);
                assertThat(missing.body()).as(never).isEqualTo(refused.body());
            }
            assertThat(refused.headers().allValues("Cache-Control")).anyMatch(value -> value.contains("no-store"));
        }

        @Test
        void refusesASearchWithoutAPatient() {
            assertThat(get("/fhir/CareTeam", "sw.hamilton").statusCode()).isEqualTo(400);
        }
    }

    @Nested
    class RelatedPersons {

        @Test
        void showsDavidsPowerOfAttorneyAndFionasNominationWithoutTheirDocuments() {
            List<RelatedPerson> related = byPatient("sw.hamilton", RelatedPerson.class, agnes);

            assertThat(related).hasSize(2);
            assertThat(related)
                    .flatExtracting(
                            person -> codes(person.getRelationshipFirstRep().getCoding()))
                    .contains(
                            "urn:ecare:authority-kind|welfare-attorney",
                            "urn:ecare:authority-kind|nominated-next-of-kin-or-carer");
            assertThat(related).allSatisfy(person -> {
                assertThat(person.getActive()).isTrue();
                assertThat(person.getPatient().getReference()).isEqualTo("Patient/" + agnes);
                assertThat(person.getPeriod().hasStart()).isTrue();
                assertThat(person.getIdentifierFirstRep().getSystem()).isEqualTo("urn:ecare:person");
            });
            String body = fhir.newJsonParser().encodeResourceToString(related.get(0))
                    + fhir.newJsonParser().encodeResourceToString(related.get(1));
            assertThat(body).doesNotContain("OPG-WPA-2019-004417");
        }

        @Test
        void showsThemToNobodyWithoutARelationship() {
            assertThat(byPatient("housing.ek", RelatedPerson.class, agnes)).isEmpty();
            String id = byPatient("sw.hamilton", RelatedPerson.class, agnes)
                    .get(0)
                    .getIdElement()
                    .getIdPart();
            assertThatThrownBy(() -> staff("housing.ek")
                            .read()
                            .resource(RelatedPerson.class)
                            .withId(id)
                            .execute())
                    .isInstanceOf(ResourceNotFoundException.class);
        }
    }

    @Nested
    class ConsentDecisions {

        @Test
        void showsTheConsentDavidGaveForAgnesAsAValidActiveConsent() {
            List<Consent> consents = byPatient("sw.hamilton", Consent.class, agnes);

            assertThat(consents).hasSize(2);
            Consent consent = consents.stream()
                    .filter(shown ->
                            !shown.getIdElement().getIdPart().endsWith("." + contactsAndHealthDetailForHousing))
                    .findFirst()
                    .orElseThrow();
            assertThat(consent.getStatus()).isEqualTo(Consent.ConsentState.ACTIVE);
            assertThat(consent.getScope().getCodingFirstRep().getCode()).isEqualTo("patient-privacy");
            assertThat(consent.getProvision().getType()).isEqualTo(Consent.ConsentProvisionType.PERMIT);
            assertThat(codes(consent.getProvision().getPurpose())).containsExactly("urn:ecare:purpose|direct-care");
            assertThat(consent.getProvision().getCode())
                    .extracting(code -> code.getCodingFirstRep().getCode())
                    .containsExactlyInAnyOrder("assessment", "care-plan", "service-provision");
            assertThat(consent.getProvision().getActor())
                    .extracting(actor -> actor.getReference().getIdentifier().getValue())
                    .containsExactlyInAnyOrder("care-provider", "care-home");
            assertThat(consent.getPerformerFirstRep().getReference()).startsWith("RelatedPerson/" + agnes + ".");
            Consent read = staff("sw.hamilton")
                    .read()
                    .resource(Consent.class)
                    .withId(consent.getIdElement().getIdPart())
                    .execute();
            assertThat(read.getStatus()).isEqualTo(Consent.ConsentState.ACTIVE);
            assertValid(read);
        }

        @Test
        void logsEachCategoryOfTheConsentAsDecided() {
            long before = lastEvent();

            byPatient("homecare.org", Consent.class, agnes);

            List<AccessEvent> events = accessEventsSince(before);
            assertThat(events)
                    .isNotEmpty()
                    .allSatisfy(event -> assertThat(event.person()).isEqualTo(agnes));
            assertThat(events)
                    .flatExtracting(AccessEvent::categories)
                    .containsOnly("assessment", "care-plan", "service-provision", "contacts", "health-detail");
            assertThat(events)
                    .filteredOn(event -> event.categories().contains("health-detail"))
                    .extracting(AccessEvent::decision)
                    .containsExactly("deny");
        }

        @Test
        void showsAConsentWithOnlyTheCategoriesTheUserMayRead() {
            String id = agnes + "." + contactsAndHealthDetailForHousing;

            List<Consent> shown = byPatient("homecare.org", Consent.class, agnes);
            Consent read = staff("homecare.org")
                    .read()
                    .resource(Consent.class)
                    .withId(id)
                    .execute();

            Consent narrowed = shown.stream()
                    .filter(consent -> consent.getIdElement().getIdPart().equals(id))
                    .findFirst()
                    .orElseThrow();
            assertThat(narrowed.getProvision().getCode())
                    .as("homecare may read contacts but not health detail")
                    .extracting(code -> code.getCodingFirstRep().getCode())
                    .containsExactly("contacts");
            assertThat(read.getProvision().getCode())
                    .extracting(code -> code.getCodingFirstRep().getCode())
                    .containsExactly("contacts");
            Consent whole = staff("sw.hamilton")
                    .read()
                    .resource(Consent.class)
                    .withId(id)
                    .execute();
            assertThat(whole.getProvision().getCode())
                    .extracting(code -> code.getCodingFirstRep().getCode())
                    .containsExactlyInAnyOrder("contacts", "health-detail");
            assertValid(narrowed);
        }

        @Test
        void showsNothingToHousingAndAnswersItsReadAsNotFound() {
            String id = byPatient("sw.hamilton", Consent.class, agnes)
                    .get(0)
                    .getIdElement()
                    .getIdPart();

            assertThat(byPatient("housing.ek", Consent.class, agnes)).isEmpty();
            HttpResponse<String> refused = get("/fhir/Consent/" + id, "housing.ek");
            HttpResponse<String> missing = get("/fhir/Consent/" + agnes + ".424242", "housing.ek");
            assertThat(refused.statusCode()).isEqualTo(404);
            assertThat(refused.body()).isEqualTo(missing.body());
        }
    }

    @Test
    void theCapabilityStatementNamesTheNewResourcesWithReadAndSearchByPatient() {
        CapabilityStatement statement = FhirClients.client("http://localhost:" + hub.port() + "/fhir")
                .capabilities()
                .ofType(CapabilityStatement.class)
                .execute();

        for (String type : List.of("CareTeam", "RelatedPerson", "Consent")) {
            var resource = statement.getRestFirstRep().getResource().stream()
                    .filter(candidate -> candidate.getType().equals(type))
                    .findFirst()
                    .orElseThrow();
            assertThat(resource.getInteraction())
                    .extracting(interaction -> interaction.getCode().toCode())
                    .as(type)
                    .containsExactlyInAnyOrder("read", "search-type");
            assertThat(resource.getSearchParam())
                    .extracting(CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent::getName)
                    .as(type)
                    .containsExactly("patient");
        }
        assertValid(statement);
    }
}
