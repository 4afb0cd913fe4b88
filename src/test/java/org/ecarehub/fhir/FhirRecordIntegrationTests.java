package org.ecarehub.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.gclient.ReferenceClientParam;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.ecarehub.access.Requester;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.record.Alert;
import org.ecarehub.record.AlertType;
import org.ecarehub.record.ItemDraft;
import org.ecarehub.record.Records;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Ratio;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Timing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Flag, CarePlan, Questionnaire, QuestionnaireResponse, ServiceRequest and Task through FHIR, as an outside system
 * uses them: HAPI's generic client over HTTP against a running demo hub, each resource validated by HAPI's R4
 * validator, and every refusal answered as the existing resources answer theirs.
 */
@Tag("database")
class FhirRecordIntegrationTests {

    @TempDir
    static Path dataDir;

    static RunningHub hub;
    static final FhirContext fhir = FhirContext.forR4Cached();
    static final HttpClient http = HttpClient.newHttpClient();
    static FhirValidator validator;
    static String agnes;
    static String ryan;
    static String riskAlert;
    static String childProtectionFlag;

    @BeforeAll
    static void startDemo() {
        hub = RunningHub.demo(dataDir, TestDatabase.fresh(dataDir));
        validator = FhirClients.validator();
        agnes = patient("sw.hamilton", "Agnes", "Thomson", "1941-03-14");
        ryan = patient("sw.blantyre", "Ryan", "Kerr", "2019-06-02");
        Records records = hub.bean(Records.class);
        riskAlert = records.add(
                        staffRequester("sw.hamilton"),
                        PersonId.of(agnes),
                        ItemDraft.of(new Alert(
                                AlertType.RISK_TO_VISITING_STAFF,
                                "Dog in the house; ask for it to be shut away",
                                null)))
                .id()
                .reference();
        // The demo registers Ryan on the child protection register, which sets his flag (naming sw.blantyre).
        childProtectionFlag = records.read(staffRequester("sw.blantyre"), PersonId.of(ryan)).items().stream()
                .map(view -> view.item())
                .filter(item -> item.content() instanceof Alert alert && alert.type() == AlertType.CHILD_PROTECTION)
                .findFirst()
                .orElseThrow()
                .id()
                .reference();
    }

    @AfterAll
    static void stopDemo() {
        if (hub != null) {
            hub.close();
        }
    }

    static Requester staffRequester(String username) {
        return new Requester.Staff(Username.of(username), Purpose.DIRECT_CARE, null);
    }

    static String patient(String username, String given, String family, String birthDate) {
        return FhirClients.personId(staff(username), given, family, birthDate);
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
                .where(new ReferenceClientParam("patient").hasId("Patient/" + patient))
                .returnBundle(Bundle.class)
                .execute();
        assertThat(bundle.getTotal()).isEqualTo(bundle.getEntry().size());
        assertValid(bundle);
        return bundle.getEntry().stream()
                .map(entry -> type.cast(entry.getResource()))
                .toList();
    }

    static HttpResponse<String> get(String path, String username) {
        return hub.get(http, path, "Authorization", "Bearer " + hub.staffToken(username));
    }

    static String errorCode(BaseServerResponseException refused) {
        OperationOutcome outcome = (OperationOutcome) refused.getOperationOutcome();
        return outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getCode();
    }

    static long lastEvent() {
        return hub.bean(JdbcClient.class)
                .sql("select coalesce(max(id), 0) from transparency_event")
                .query(Long.class)
                .single();
    }

    static long eventsSince(long after) {
        return hub.bean(JdbcClient.class)
                .sql("select count(*) from transparency_event where id > ?")
                .param(after)
                .query(Long.class)
                .single();
    }

    /** Answers 404 exactly as for an id that never existed, whatever its form, and is never cached. */
    static void assertAnswersAsMissing(String type, String hidden, String username) {
        HttpResponse<String> refused = get("/fhir/" + type + "/" + hidden, username);
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(refused.headers().allValues("Cache-Control")).anyMatch(value -> value.contains("no-store"));
        for (String never : List.of(hidden.replaceAll("[0-9]+$", "987654"), "not-an-id", "record-item-0")) {
            HttpResponse<String> missing = get("/fhir/" + type + "/" + never, username);
            assertThat(missing.statusCode()).as(never).isEqualTo(404);
            assertThat(missing.body()).as(never).isEqualTo(refused.body());
        }
    }

    // The Single Shared Assessment ----------------------------------------------------------------------------------

    static QuestionnaireResponse.QuestionnaireResponseItemComponent answer(
            String linkId, org.hl7.fhir.r4.model.Type value) {
        QuestionnaireResponse.QuestionnaireResponseItemComponent item =
                new QuestionnaireResponse.QuestionnaireResponseItemComponent().setLinkId(linkId);
        item.addAnswer().setValue(value);
        return item;
    }

    static QuestionnaireResponse draft(String person) {
        QuestionnaireResponse response = new QuestionnaireResponse();
        response.setQuestionnaire("urn:ecare:fhir:Questionnaire:single-shared-assessment");
        response.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.INPROGRESS);
        response.setSubject(new Reference("Patient/" + person));
        response.addItem()
                .setLinkId("section-own-view")
                .addItem(answer("own-view", new StringType("I want to stay in my own home")));
        return response;
    }

    static QuestionnaireResponse complete(QuestionnaireResponse response) {
        QuestionnaireResponse.QuestionnaireResponseItemComponent outcomes =
                answer("outcomes-wanted", new StringType("Stay at home safely"));
        outcomes.addAnswer().setValue(new StringType("See her grandchildren each week"));
        response.getItem().get(0).addItem(outcomes);
        response.addItem()
                .setLinkId("section-finances")
                .addItem(answer("financial-help-needed", new BooleanType(false)));
        response.addItem()
                .setLinkId("section-summary")
                .addItem(answer("summary-of-need", new StringType("Needs help with personal care twice a day")))
                .addItem(answer("eligibility", new Coding("urn:ecare:eligibility-band", "substantial", "Substantial")));
        return response;
    }

    static QuestionnaireResponse started(String username, String person) {
        MethodOutcome created = staff(username).create().resource(draft(person)).execute();
        assertThat(created.getCreated()).isTrue();
        return (QuestionnaireResponse) created.getResource();
    }

    @Nested
    class SingleSharedAssessment {

        @Test
        void servesTheAssessmentQuestionnaireWithTheSsaSectionsAsGroups() {
            Questionnaire questionnaire = staff("housing.ek")
                    .read()
                    .resource(Questionnaire.class)
                    .withId("single-shared-assessment")
                    .execute();
            Bundle byUrl = staff("sw.hamilton")
                    .search()
                    .forResource(Questionnaire.class)
                    .where(Questionnaire.URL.matches().value(questionnaire.getUrl()))
                    .returnBundle(Bundle.class)
                    .execute();

            assertThat(byUrl.getTotal()).isEqualTo(1);
            assertThat(questionnaire.getItem())
                    .hasSize(12)
                    .allSatisfy(section ->
                            assertThat(section.getType()).isEqualTo(Questionnaire.QuestionnaireItemType.GROUP));
            assertThat(questionnaire.getItem())
                    .flatExtracting(section -> section.getItem().stream()
                            .map(Questionnaire.QuestionnaireItemComponent::getLinkId)
                            .toList())
                    .contains("own-view", "outcomes-wanted", "financial-help-needed", "eligibility", "carers-own-view");
            assertValid(questionnaire);
        }

        @Test
        void startsSavesAndSignsOffAnAssessmentAsItsAssessor() {
            QuestionnaireResponse draft = started("sw.hamilton", agnes);
            String id = draft.getIdElement().getIdPart();
            assertThat(draft.getStatus()).isEqualTo(QuestionnaireResponse.QuestionnaireResponseStatus.INPROGRESS);
            assertThat(draft.getMeta().getVersionId()).isEqualTo("1");

            QuestionnaireResponse saved = (QuestionnaireResponse) staff("sw.hamilton")
                    .update()
                    .resource(complete(draft(agnes)))
                    .withId(new org.hl7.fhir.r4.model.IdType("QuestionnaireResponse", id, "1"))
                    .execute()
                    .getResource();
            assertThat(saved.getMeta().getVersionId()).isEqualTo("2");

            QuestionnaireResponse readBack = staff("sw.hamilton")
                    .read()
                    .resource(QuestionnaireResponse.class)
                    .withId(id)
                    .execute();
            assertThat(readBack.getMeta().getVersionId()).isEqualTo("2");
            QuestionnaireResponse signing = readBack.copy();
            signing.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
            QuestionnaireResponse signed = (QuestionnaireResponse)
                    staff("sw.hamilton").update().resource(signing).execute().getResource();

            assertThat(signed.getStatus()).isEqualTo(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
            assertThat(signed.getMeta().getVersionId()).isEqualTo("3");
            assertThat(signed.getAuthor().getReference()).isEqualTo("Practitioner/sw.hamilton");
            QuestionnaireResponse seenByGp = staff("gp.hamilton")
                    .read()
                    .resource(QuestionnaireResponse.class)
                    .withId(id)
                    .execute();
            assertThat(seenByGp.getStatus()).isEqualTo(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
            assertThat(seenByGp.getItem())
                    .extracting(QuestionnaireResponse.QuestionnaireResponseItemComponent::getLinkId)
                    .containsExactly("section-own-view", "section-finances", "section-summary");
            assertValid(seenByGp);
            assertThat(byPatient("sw.hamilton", QuestionnaireResponse.class, agnes))
                    .extracting(response -> response.getIdElement().getIdPart())
                    .contains(id);
        }

        @Test
        void refusesASecondSignOffAndAnyChangeToASignedAssessment() {
            QuestionnaireResponse draft = started("sw.hamilton", agnes);
            String id = draft.getIdElement().getIdPart();
            QuestionnaireResponse signing = complete(draft(agnes));
            signing.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
            signing.setId(id);
            signing.getMeta().setVersionId("1");
            QuestionnaireResponse signed = (QuestionnaireResponse)
                    staff("sw.hamilton").update().resource(signing).execute().getResource();
            assertThat(signed.getMeta().getVersionId()).isEqualTo("3");

            QuestionnaireResponse again = signed.copy();
            assertThatThrownBy(
                            () -> staff("sw.hamilton").update().resource(again).execute())
                    .isInstanceOfSatisfying(BaseServerResponseException.class, refused -> {
                        assertThat(refused.getStatusCode()).isEqualTo(422);
                        assertThat(errorCode(refused)).isEqualTo("refused-by-rule");
                    });
            QuestionnaireResponse reopened = signed.copy();
            reopened.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.INPROGRESS);
            assertThatThrownBy(() ->
                            staff("sw.hamilton").update().resource(reopened).execute())
                    .isInstanceOfSatisfying(
                            BaseServerResponseException.class,
                            refused -> assertThat(refused.getStatusCode()).isEqualTo(422));
        }

        @Test
        void refusesAnUpdateFromAStaleVersionWith412UnderIfMatchAnd409Otherwise() {
            QuestionnaireResponse draft = started("sw.hamilton", agnes);
            String id = draft.getIdElement().getIdPart();
            staff("sw.hamilton")
                    .update()
                    .resource(draft(agnes))
                    .withId(new org.hl7.fhir.r4.model.IdType("QuestionnaireResponse", id, "1"))
                    .execute();
            long before = lastEvent();

            QuestionnaireResponse stale = draft(agnes);
            stale.setId(id);
            assertThatThrownBy(() -> staff("sw.hamilton")
                            .update()
                            .resource(stale)
                            .withId(new org.hl7.fhir.r4.model.IdType("QuestionnaireResponse", id, "1"))
                            .execute())
                    .isInstanceOfSatisfying(BaseServerResponseException.class, refused -> {
                        assertThat(refused.getStatusCode()).isEqualTo(412);
                        assertThat(errorCode(refused)).isEqualTo("version-conflict");
                    });
            QuestionnaireResponse staleInMeta = draft(agnes);
            staleInMeta.setId(id);
            staleInMeta.getMeta().setVersionId("1");
            assertThatThrownBy(() ->
                            staff("sw.hamilton").update().resource(staleInMeta).execute())
                    .isInstanceOfSatisfying(
                            BaseServerResponseException.class,
                            refused -> assertThat(refused.getStatusCode()).isEqualTo(409));
            QuestionnaireResponse noVersion = draft(agnes);
            noVersion.setId(id);
            assertThatThrownBy(() ->
                            staff("sw.hamilton").update().resource(noVersion).execute())
                    .isInstanceOfSatisfying(BaseServerResponseException.class, refused -> {
                        assertThat(refused.getStatusCode()).isEqualTo(412);
                        assertThat(errorCode(refused)).isEqualTo("version-required");
                    });
            assertThat(staff("sw.hamilton")
                            .read()
                            .resource(QuestionnaireResponse.class)
                            .withId(id)
                            .execute()
                            .getMeta()
                            .getVersionId())
                    .isEqualTo("2");
            assertThat(eventsSince(before))
                    .as("the refused edits were read, never written")
                    .isPositive();
        }

        @Test
        void refusesASignOffByAnyoneButTheAssessorAndKeepsTheDraftAsItWas() {
            QuestionnaireResponse draft = started("sw.hamilton", agnes);
            String id = draft.getIdElement().getIdPart();
            QuestionnaireResponse signing = complete(draft(agnes));
            signing.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
            signing.setId(id);
            signing.getMeta().setVersionId("1");

            assertThatThrownBy(() ->
                            staff("ot.hamilton").update().resource(signing).execute())
                    .isInstanceOfSatisfying(
                            BaseServerResponseException.class,
                            refused -> assertThat(refused.getStatusCode()).isEqualTo(422));

            QuestionnaireResponse unchanged = staff("sw.hamilton")
                    .read()
                    .resource(QuestionnaireResponse.class)
                    .withId(id)
                    .execute();
            assertThat(unchanged.getMeta().getVersionId())
                    .as("the save before the refused sign-off was rolled back with it")
                    .isEqualTo("1");
            assertThat(unchanged.getStatus()).isEqualTo(QuestionnaireResponse.QuestionnaireResponseStatus.INPROGRESS);
        }

        @Test
        void showsADraftOnlyWithinTheAssessorsAgencyAndNothingToHousing() {
            String id = started("sw.hamilton", agnes).getIdElement().getIdPart();

            assertThat(byPatient("housing.ek", QuestionnaireResponse.class, agnes))
                    .isEmpty();
            assertThat(byPatient("gp.hamilton", QuestionnaireResponse.class, agnes))
                    .extracting(response -> response.getIdElement().getIdPart())
                    .doesNotContain(id);
            assertAnswersAsMissing("QuestionnaireResponse", id, "housing.ek");
            assertAnswersAsMissing("QuestionnaireResponse", id, "gp.hamilton");
        }

        @Test
        void refusesAResponseTheServedQuestionnaireDoesNotAllowWith422NamingEachProblem() {
            QuestionnaireResponse unknown = draft(agnes);
            unknown.addItem(answer("shoe-size", new StringType("5")));
            QuestionnaireResponse wrongType = draft(agnes);
            wrongType.addItem(answer("financial-help-needed", new StringType("no")));

            for (QuestionnaireResponse bad : List.of(unknown, wrongType)) {
                assertThatThrownBy(() ->
                                staff("sw.hamilton").create().resource(bad).execute())
                        .isInstanceOfSatisfying(BaseServerResponseException.class, refused -> {
                            assertThat(refused.getStatusCode()).isEqualTo(422);
                            assertThat(errorCode(refused)).isEqualTo("not-valid-r4");
                        });
            }
            assertThatThrownBy(() ->
                            staff("sw.hamilton").create().resource(unknown).execute())
                    .isInstanceOfSatisfying(
                            BaseServerResponseException.class,
                            refused -> assertThat(((OperationOutcome) refused.getOperationOutcome()).getIssue())
                                    .anySatisfy(issue -> assertThat(
                                                    issue.getDetails().getText())
                                            .contains("shoe-size")));
        }

        @Test
        void refusesAResponseToAnotherQuestionnaireWith400AndStoresNothing() {
            QuestionnaireResponse otherQuestionnaire = draft(agnes);
            otherQuestionnaire.setQuestionnaire("http://example.org/Questionnaire/phq-9");

            assertThatThrownBy(() -> staff("sw.hamilton")
                            .create()
                            .resource(otherQuestionnaire)
                            .execute())
                    .isInstanceOfSatisfying(BaseServerResponseException.class, refused -> {
                        assertThat(refused.getStatusCode()).isEqualTo(400);
                        assertThat(errorCode(refused)).isEqualTo("invalid-resource");
                    });
        }

        @Test
        void refusesHousingStartingAnAssessmentWith403() {
            assertThatThrownBy(() ->
                            staff("housing.ek").create().resource(draft(agnes)).execute())
                    .isInstanceOfSatisfying(BaseServerResponseException.class, refused -> {
                        assertThat(refused.getStatusCode()).isEqualTo(403);
                        assertThat(errorCode(refused)).isEqualTo("access-refused");
                    });
        }
    }

    // Flags ----------------------------------------------------------------------------------------------------------

    @Nested
    class Flags {

        @Test
        void showsAgnessAlertToHerKeyWorkerAsAValidSafetyFlag() {
            List<Flag> flags = byPatient("sw.hamilton", Flag.class, agnes);

            Flag risk = flags.stream()
                    .filter(flag -> flag.getIdElement().getIdPart().equals(riskAlert))
                    .findFirst()
                    .orElseThrow();
            assertThat(risk.getStatus()).isEqualTo(Flag.FlagStatus.ACTIVE);
            assertThat(risk.getCode().getText()).isEqualTo("Dog in the house; ask for it to be shut away");
            assertThat(risk.getCategoryFirstRep().getCoding())
                    .extracting(Coding::getCode)
                    .contains("risk-to-visiting-staff", "safety");
            assertThat(risk.getAuthor().getReference()).isEqualTo("Organization/slc-social-work");
            Flag read = staff("dn.hamilton")
                    .read()
                    .resource(Flag.class)
                    .withId(riskAlert)
                    .execute();
            assertThat(read.getSubject().getReference()).isEqualTo("Patient/" + agnes);
            assertValid(read);
        }

        @Test
        void showsTheChildProtectionFlagWithItsCategoryAndWhomToContact() {
            Bundle found = staff("sw.blantyre")
                    .search()
                    .forResource(Flag.class)
                    .where(new ReferenceClientParam("patient").hasId("Patient/" + ryan))
                    .and(new TokenClientParam("category").exactly().code("child-protection"))
                    .and(new TokenClientParam("status").exactly().code("active"))
                    .returnBundle(Bundle.class)
                    .execute();

            assertThat(found.getEntry()).hasSize(1);
            Flag flag = (Flag) found.getEntryFirstRep().getResource();
            assertThat(flag.getIdElement().getIdPart()).isEqualTo(childProtectionFlag);
            assertThat(flag.getCategoryFirstRep().getCoding())
                    .extracting(coding -> coding.getSystem() + "|" + coding.getCode())
                    .contains("urn:ecare:alert-type|child-protection");
            Extension contact = flag.getExtensionByUrl("urn:ecare:fhir:StructureDefinition:alert-contact");
            assertThat(((Reference) contact.getExtensionByUrl("practitioner").getValue()).getReference())
                    .isEqualTo("Practitioner/sw.blantyre");
            assertValid(found);
            Bundle none = staff("sw.blantyre")
                    .search()
                    .forResource(Flag.class)
                    .where(new ReferenceClientParam("patient").hasId("Patient/" + ryan))
                    .and(new TokenClientParam("category").exactly().code("allergy"))
                    .returnBundle(Bundle.class)
                    .execute();
            assertThat(none.getEntry()).isEmpty();
        }

        @Test
        void showsHousingNoFlagAndAnswersItsReadAsMissing() {
            assertThat(byPatient("housing.ek", Flag.class, agnes)).isEmpty();
            assertAnswersAsMissing("Flag", riskAlert, "housing.ek");
            assertThatThrownBy(() -> staff("housing.ek")
                            .read()
                            .resource(Flag.class)
                            .withId(riskAlert)
                            .execute())
                    .isInstanceOf(ResourceNotFoundException.class);
        }

        @Test
        void answersAnItemOfAnotherKindAsMissing() {
            assertThat(get("/fhir/CarePlan/" + riskAlert, "sw.hamilton").statusCode())
                    .isEqualTo(404);
            assertThat(get("/fhir/QuestionnaireResponse/" + riskAlert, "sw.hamilton")
                            .statusCode())
                    .isEqualTo(404);
        }

        @Test
        void refusesASearchWithoutAPatient() {
            assertThat(get("/fhir/Flag", "sw.hamilton").statusCode()).isEqualTo(400);
        }
    }

    // Care plans -----------------------------------------------------------------------------------------------------

    static CarePlan plan(String person) {
        CarePlan plan = new CarePlan();
        plan.setStatus(CarePlan.CarePlanStatus.ACTIVE);
        plan.setIntent(CarePlan.CarePlanIntent.PLAN);
        plan.setSubject(new Reference("Patient/" + person));
        Goal goal = new Goal();
        goal.setId("outcome-1");
        goal.setLifecycleStatus(Goal.GoalLifecycleStatus.ACTIVE);
        goal.setDescription(new CodeableConcept().setText("Stays safely in her own home"));
        goal.setSubject(new Reference("Patient/" + person));
        plan.addContained(goal);
        plan.addGoal(new Reference("#outcome-1"));
        CarePlan.CarePlanActivityDetailComponent detail = plan.addActivity().getDetail();
        detail.setStatus(CarePlan.CarePlanActivityStatus.UNKNOWN);
        detail.setDescription("Homecare visits for personal care");
        detail.setScheduled(new StringType("three times a day"));
        detail.addPerformer(new Reference("Organization/caring-hands"));
        detail.addPerformer(new Reference()
                .setIdentifier(new Identifier().setSystem("urn:ecare:team").setValue("caring-hands-homecare")));
        plan.addExtension(new Extension(
                "urn:ecare:fhir:StructureDefinition:review-date",
                new DateType(
                        LocalDate.now(ZoneId.of("Europe/London")).plusMonths(3).toString())));
        return plan;
    }

    @Nested
    class CarePlans {

        @Test
        void createsACarePlanAndShowsItToTheProviderAsAValidCarePlan() {
            MethodOutcome created =
                    staff("sw.hamilton").create().resource(plan(agnes)).execute();
            String id = created.getId().getIdPart();

            CarePlan seen = staff("homecare.org")
                    .read()
                    .resource(CarePlan.class)
                    .withId(id)
                    .execute();

            assertThat(seen.getContained()).hasSize(1);
            assertThat(((Goal) seen.getContained().get(0)).getDescription().getText())
                    .isEqualTo("Stays safely in her own home");
            assertThat(seen.getActivityFirstRep().getDetail().getPerformer())
                    .extracting(Reference::getReference)
                    .contains("Organization/caring-hands");
            assertThat(seen.getAuthor().getReference()).isEqualTo("Practitioner/sw.hamilton");
            assertValid(seen);
            assertThat(byPatient("homecare.org", CarePlan.class, agnes))
                    .extracting(plan -> plan.getIdElement().getIdPart())
                    .contains(id);
            assertAnswersAsMissing("CarePlan", id, "housing.ek");
        }

        @Test
        void refusesAPlanWithoutOutcomesWith422AndAnUnknownAgencyAsBadInput() {
            CarePlan withoutOutcomes = plan(agnes);
            withoutOutcomes.getGoal().clear();
            withoutOutcomes.getContained().clear();

            assertThatThrownBy(() -> staff("sw.hamilton")
                            .create()
                            .resource(withoutOutcomes)
                            .execute())
                    .isInstanceOfSatisfying(
                            BaseServerResponseException.class,
                            refused -> assertThat(refused.getStatusCode()).isEqualTo(422));
            assertThatThrownBy(() ->
                            staff("housing.ek").create().resource(plan(agnes)).execute())
                    .isInstanceOfSatisfying(
                            BaseServerResponseException.class,
                            refused -> assertThat(refused.getStatusCode()).isEqualTo(403));
        }
    }

    // Service requests -----------------------------------------------------------------------------------------------

    static ServiceRequest stairRailAndBathBoard(String person) {
        ServiceRequest request = new ServiceRequest();
        request.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE);
        request.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        request.setSubject(new Reference("Patient/" + person));
        request.setCode(
                new CodeableConcept(new Coding("urn:ecare:service-request-kind", "aids-and-adaptations", null)));
        request.addOrderDetail(new CodeableConcept(new Coding("urn:ecare:equipment", "stair-rail", null)));
        request.addOrderDetail(new CodeableConcept(new Coding("urn:ecare:equipment", "bath-board", null)));
        request.addSupportingInfo(new Reference()
                .setIdentifier(
                        new Identifier().setSystem("urn:ecare:record-item").setValue(riskAlert)));
        request.setPriority(ServiceRequest.ServiceRequestPriority.ROUTINE);
        request.addPerformer(new Reference()
                .setIdentifier(new Identifier().setSystem("urn:ecare:team").setValue("equipment-and-adaptations")));
        return request;
    }

    static ServiceRequest homecare(String person) {
        ServiceRequest request = new ServiceRequest();
        request.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE);
        request.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        request.setSubject(new Reference("Patient/" + person));
        request.setCode(new CodeableConcept(new Coding("urn:ecare:service-request-kind", "homecare", null)));
        request.addOrderDetail(new CodeableConcept(new Coding("urn:ecare:homecare-task", "personal-care", null)));
        request.setQuantity(new Ratio()
                .setNumerator(new Quantity()
                        .setValue(new BigDecimal("10.5"))
                        .setSystem("http://unitsofmeasure.org")
                        .setCode("h"))
                .setDenominator(new Quantity()
                        .setValue(1)
                        .setSystem("http://unitsofmeasure.org")
                        .setCode("wk")));
        Timing timing = new Timing();
        timing.getRepeat()
                .setFrequency(3)
                .setPeriod(1)
                .setPeriodUnit(Timing.UnitsOfTime.D)
                .setBounds(new Period()
                        .setStartElement(new DateTimeType(LocalDate.now(ZoneId.of("Europe/London"))
                                .plusDays(7)
                                .toString())));
        request.setOccurrence(timing);
        request.setPriority(ServiceRequest.ServiceRequestPriority.URGENT);
        request.addPerformer(new Reference()
                .setIdentifier(new Identifier().setSystem("urn:ecare:team").setValue("caring-hands-homecare")));
        return request;
    }

    static Task step(String username, Task task, String status) {
        Task moved = task.copy();
        moved.setBusinessStatus(new CodeableConcept(new Coding("urn:ecare:service-request-status", status, null)));
        return (Task) staff(username).update().resource(moved).execute().getResource();
    }

    @Nested
    class ServiceRequestsAndTheirTasks {

        @Test
        void submitsARequestThatTheAddressedTeamAcceptsSchedulesStartsAndCompletesThroughItsTask() {
            MethodOutcome created = staff("ot.hamilton")
                    .create()
                    .resource(stairRailAndBathBoard(agnes))
                    .execute();
            ServiceRequest submitted = (ServiceRequest) created.getResource();
            String id = submitted.getIdElement().getIdPart();
            assertThat(id).startsWith("service-request-");
            assertThat(submitted.getStatus()).isEqualTo(ServiceRequest.ServiceRequestStatus.ACTIVE);
            assertValid(submitted);

            Task task = staff("equipment.slc")
                    .read()
                    .resource(Task.class)
                    .withId(id)
                    .execute();
            assertThat(task.getStatus()).isEqualTo(Task.TaskStatus.REQUESTED);
            assertThat(task.getOwner().getIdentifier().getValue()).isEqualTo("equipment-and-adaptations");
            assertValid(task);

            Task accepted = step("equipment.slc", task, "accepted");
            assertThat(accepted.getStatus()).isEqualTo(Task.TaskStatus.ACCEPTED);
            Task scheduling = accepted.copy();
            scheduling.setExecutionPeriod(new Period()
                    .setStartElement(new DateTimeType(LocalDate.now(ZoneId.of("Europe/London"))
                            .plusDays(3)
                            .toString())));
            Task scheduled = step("equipment.slc", scheduling, "scheduled");
            assertThat(scheduled.getBusinessStatus().getCodingFirstRep().getCode())
                    .isEqualTo("scheduled");
            assertThat(scheduled.getExecutionPeriod().hasStart()).isTrue();
            Task started = step("equipment.slc", scheduled, "in-progress");
            Task completed = step("equipment.slc", started, "completed");
            assertThat(completed.getStatus()).isEqualTo(Task.TaskStatus.COMPLETED);
            assertThat(completed.getMeta().getVersionId()).isEqualTo("5");
            assertValid(completed);

            ServiceRequest done = staff("ot.hamilton")
                    .read()
                    .resource(ServiceRequest.class)
                    .withId(id)
                    .execute();
            assertThat(done.getStatus()).isEqualTo(ServiceRequest.ServiceRequestStatus.COMPLETED);
        }

        @Test
        void refusesAStepByATeamTheRequestIsNotAddressedToAndAStaleStep() {
            ServiceRequest submitted = (ServiceRequest) staff("ot.hamilton")
                    .create()
                    .resource(stairRailAndBathBoard(agnes))
                    .execute()
                    .getResource();
            String id = submitted.getIdElement().getIdPart();
            Task task =
                    staff("ot.hamilton").read().resource(Task.class).withId(id).execute();

            assertThatThrownBy(() -> step("ot.hamilton", task, "accepted"))
                    .isInstanceOfSatisfying(BaseServerResponseException.class, refused -> {
                        assertThat(refused.getStatusCode()).isEqualTo(422);
                        assertThat(errorCode(refused)).isEqualTo("refused-by-rule");
                    });
            step("equipment.slc", task, "accepted");
            Task stale = task.copy();
            stale.setBusinessStatus(
                    new CodeableConcept(new Coding("urn:ecare:service-request-status", "declined", null)));
            stale.setStatusReason(new CodeableConcept().setText("No capacity this month"));
            assertThatThrownBy(() -> staff("equipment.slc")
                            .update()
                            .resource(stale)
                            .withId(new org.hl7.fhir.r4.model.IdType("Task", id, "1"))
                            .execute())
                    .isInstanceOfSatisfying(
                            BaseServerResponseException.class,
                            refused -> assertThat(refused.getStatusCode()).isEqualTo(412));
            assertThat(staff("equipment.slc")
                            .read()
                            .resource(Task.class)
                            .withId(id)
                            .execute()
                            .getStatus())
                    .isEqualTo(Task.TaskStatus.ACCEPTED);
        }

        @Test
        void declinesWithTheReasonAndShowsItOnTheTask() {
            ServiceRequest submitted = (ServiceRequest) staff("sw.hamilton")
                    .create()
                    .resource(homecare(agnes))
                    .execute()
                    .getResource();
            assertThat(submitted.getQuantity()).isInstanceOf(Ratio.class);
            assertValid(submitted);
            String id = submitted.getIdElement().getIdPart();
            Task task =
                    staff("homecare.org").read().resource(Task.class).withId(id).execute();
            Task declining = task.copy();
            declining.setStatus(Task.TaskStatus.REJECTED);
            declining.setStatusReason(new CodeableConcept().setText("No carers free in that area"));

            Task declined = (Task)
                    staff("homecare.org").update().resource(declining).execute().getResource();

            assertThat(declined.getStatus()).isEqualTo(Task.TaskStatus.REJECTED);
            assertThat(declined.getStatusReason().getText()).isEqualTo("No carers free in that area");
            assertThat(staff("sw.hamilton")
                            .read()
                            .resource(ServiceRequest.class)
                            .withId(id)
                            .execute()
                            .getStatus())
                    .isEqualTo(ServiceRequest.ServiceRequestStatus.REVOKED);
        }

        @Test
        void searchesByPatientStatusAndPerformerAndShowsHousingNothing() {
            String id = ((ServiceRequest) staff("ot.hamilton")
                            .create()
                            .resource(stairRailAndBathBoard(agnes))
                            .execute()
                            .getResource())
                    .getIdElement()
                    .getIdPart();

            Bundle active = staff("ot.hamilton")
                    .search()
                    .forResource(ServiceRequest.class)
                    .where(new ReferenceClientParam("patient").hasId("Patient/" + agnes))
                    .and(new TokenClientParam("status").exactly().code("active"))
                    .and(new ReferenceClientParam("performer").hasId("equipment-and-adaptations"))
                    .returnBundle(Bundle.class)
                    .execute();
            assertThat(active.getEntry())
                    .extracting(entry -> entry.getResource().getIdElement().getIdPart())
                    .contains(id);
            assertValid(active);
            Bundle queue = staff("equipment.slc")
                    .search()
                    .forResource(Task.class)
                    .where(new ReferenceClientParam("owner").hasId("equipment-and-adaptations"))
                    .returnBundle(Bundle.class)
                    .execute();
            assertThat(queue.getEntry())
                    .extracting(entry -> entry.getResource().getIdElement().getIdPart())
                    .contains(id);

            assertThat(byPatient("housing.ek", ServiceRequest.class, agnes)).isEmpty();
            assertThat(get("/fhir/ServiceRequest/" + id, "housing.ek").statusCode())
                    .isEqualTo(404);
            assertThat(get("/fhir/ServiceRequest/" + id, "housing.ek").body())
                    .isEqualTo(get("/fhir/ServiceRequest/service-request-987654", "housing.ek")
                            .body());
            assertThat(get("/fhir/Task/" + id, "housing.ek").body())
                    .isEqualTo(get("/fhir/Task/not-a-request", "housing.ek").body());
        }

        @Test
        void refusesARequestWithoutATeamOrWithAnUnknownItem() {
            ServiceRequest noTeam = stairRailAndBathBoard(agnes);
            noTeam.getPerformer().clear();
            ServiceRequest unknownItem = stairRailAndBathBoard(agnes);
            unknownItem.addOrderDetail(new CodeableConcept(new Coding("urn:ecare:equipment", "jet-pack", null)));

            assertThatThrownBy(
                            () -> staff("ot.hamilton").create().resource(noTeam).execute())
                    .isInstanceOfSatisfying(
                            BaseServerResponseException.class,
                            refused -> assertThat(refused.getStatusCode()).isEqualTo(422));
            assertThatThrownBy(() ->
                            staff("ot.hamilton").create().resource(unknownItem).execute())
                    .isInstanceOfSatisfying(
                            BaseServerResponseException.class,
                            refused -> assertThat(refused.getStatusCode()).isEqualTo(400));
        }
    }

    @Test
    void theCapabilityStatementNamesEachNewResourceWithWhatItServes() {
        CapabilityStatement statement = FhirClients.client("http://localhost:" + hub.port() + "/fhir")
                .capabilities()
                .ofType(CapabilityStatement.class)
                .execute();

        assertThat(interactions(statement, "Flag"))
                .containsExactlyInAnyOrder("read", "vread", "history-instance", "search-type");
        assertThat(interactions(statement, "Questionnaire")).containsExactlyInAnyOrder("read", "search-type");
        assertThat(interactions(statement, "QuestionnaireResponse"))
                .containsExactlyInAnyOrder("read", "vread", "history-instance", "search-type", "create", "update");
        assertThat(interactions(statement, "CarePlan"))
                .containsExactlyInAnyOrder("read", "vread", "history-instance", "search-type", "create");
        assertThat(interactions(statement, "ServiceRequest"))
                .containsExactlyInAnyOrder("read", "vread", "history-instance", "search-type", "create");
        assertThat(interactions(statement, "Task"))
                .containsExactlyInAnyOrder("read", "vread", "history-instance", "search-type", "update");
        assertValid(statement);
    }

    static List<String> interactions(CapabilityStatement statement, String type) {
        return statement.getRestFirstRep().getResource().stream()
                .filter(candidate -> candidate.getType().equals(type))
                .findFirst()
                .orElseThrow()
                .getInteraction()
                .stream()
                .map(interaction -> interaction.getCode().toCode())
                .toList();
    }
}
