package org.ecarehub.fhir.internal;

import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.UriParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.ecarehub.access.Requester;
import org.ecarehub.record.Assessment;
import org.ecarehub.record.Assessments;
import org.ecarehub.record.ItemDraft;
import org.ecarehub.record.ItemStatus;
import org.ecarehub.record.ItemView;
import org.ecarehub.record.RecordItem;
import org.ecarehub.record.RecordItemId;
import org.ecarehub.record.RecordKind;
import org.ecarehub.record.Records;
import org.ecarehub.shared.PersonId;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Flag, CarePlan, Questionnaire and QuestionnaireResponse, only through {@link Records} and {@link Assessments}, which
 * decide and log: an item the caller may not see answers exactly as one that never existed, and a search shows only
 * what the decision allowed.
 */
final class RecordProviders {

    private RecordProviders() {}

    /** The item a read names, when the caller may see it and it is of the kind the resource type serves. */
    static ItemView visible(Records records, Requester requester, IdType id, RecordKind kind) {
        RecordItemId item = RecordResources.itemId(id).orElseThrow(Outcomes::notFound);
        return records.item(requester, item)
                .filter(view -> view.item().kind() == kind)
                .orElseThrow(Outcomes::notFound);
    }

    /** The person a search names by {@code patient}; a malformed id is asked about as a person nobody knows. */
    static PersonId person(ReferenceParam patient) {
        return InvolvementProviders.patient(patient).orElse(PersonId.of("unknown"));
    }

    /** The version an edit was made from: the {@code If-Match} header's, else the resource's {@code meta.versionId}. */
    static int expectedVersion(IdType id, IBaseResource resource) {
        String version = id.hasVersionIdPart()
                ? id.getVersionIdPart()
                : resource.getMeta().getVersionId();
        if (version == null || version.isBlank()) {
            throw Outcomes.preconditionFailed(
                    Outcomes.VERSION_REQUIRED,
                    "an update names the version it was made from, in If-Match (W/\"3\") or meta.versionId");
        }
        try {
            return Integer.parseInt(version.strip());
        } catch (NumberFormatException notAVersion) {
            throw Outcomes.preconditionFailed(Outcomes.VERSION_CONFLICT, "there is no version '" + version + "'");
        }
    }

    static MethodOutcome written(IBaseResource resource, boolean created) {
        MethodOutcome outcome = new MethodOutcome(resource.getIdElement());
        outcome.setResource(resource);
        outcome.setCreated(created);
        return outcome;
    }

    static final class Flags implements IResourceProvider {

        private final Records records;
        private final FhirCallers callers;

        Flags(Records records, FhirCallers callers) {
            this.records = records;
            this.callers = callers;
        }

        @Override
        public Class<? extends IBaseResource> getResourceType() {
            return Flag.class;
        }

        @Read
        public Flag read(@IdParam IdType id, RequestDetails request) {
            Requester requester = callers.requester(request, callers.reading(request, "Flag"));
            return RecordResources.flag(visible(records, requester, id, RecordKind.ALERT));
        }

        @Search
        public List<Flag> search(
                @RequiredParam(name = Flag.SP_PATIENT) ReferenceParam patient,
                @OptionalParam(name = "status") TokenParam status,
                @OptionalParam(name = "category") TokenParam category,
                RequestDetails request) {
            Requester requester = callers.requester(request, callers.reading(request, "Flag"));
            return records.read(requester, person(patient), Set.of(RecordKind.ALERT)).items().stream()
                    .map(RecordResources::flag)
                    .filter(flag -> status == null || flag.getStatus().toCode().equals(status.getValue()))
                    .filter(flag -> category == null
                            || flag.getCategory().stream()
                                    .flatMap(concept -> concept.getCoding().stream())
                                    .anyMatch(coding -> coding.getCode().equals(category.getValue())
                                            && (category.getSystem() == null
                                                    || category.getSystem().equals(coding.getSystem()))))
                    .toList();
        }
    }

    static final class CarePlans implements IResourceProvider {

        private final Records records;
        private final FhirCallers callers;

        CarePlans(Records records, FhirCallers callers) {
            this.records = records;
            this.callers = callers;
        }

        @Override
        public Class<? extends IBaseResource> getResourceType() {
            return CarePlan.class;
        }

        @Read
        public CarePlan read(@IdParam IdType id, RequestDetails request) {
            Requester requester = callers.requester(request, callers.reading(request, "CarePlan"));
            return RecordResources.carePlan(visible(records, requester, id, RecordKind.CARE_PLAN));
        }

        @Search
        public List<CarePlan> search(
                @RequiredParam(name = CarePlan.SP_PATIENT) ReferenceParam patient, RequestDetails request) {
            Requester requester = callers.requester(request, callers.reading(request, "CarePlan"));
            return records.read(requester, person(patient), Set.of(RecordKind.CARE_PLAN)).items().stream()
                    .map(RecordResources::carePlan)
                    .toList();
        }

        /** A new care plan owned by the writer's agency; its outcomes are contained Goals. */
        @Create
        public MethodOutcome create(@ResourceParam CarePlan plan, RequestDetails request) {
            Requester requester = callers.requester(request, callers.writing(request, "CarePlan"));
            PersonId person = Parsing.patient(plan.getSubject(), "CarePlan.subject");
            RecordItem item = records.add(requester, person, ItemDraft.of(RecordResources.carePlan(plan)));
            return written(RecordResources.carePlan(item), true);
        }
    }

    /** The Single Shared Assessment's Questionnaire: static, about nobody, so read without a decision. */
    static final class Questionnaires implements IResourceProvider {

        private final FhirCallers callers;

        Questionnaires(FhirCallers callers) {
            this.callers = callers;
        }

        @Override
        public Class<? extends IBaseResource> getResourceType() {
            return Questionnaire.class;
        }

        @Read
        public Questionnaire read(@IdParam IdType id, RequestDetails request) {
            callers.reading(request, "Questionnaire");
            if (!AssessmentResources.QUESTIONNAIRE_ID.equals(id.getIdPart())) {
                throw Outcomes.notFound();
            }
            return AssessmentResources.questionnaire();
        }

        @Search
        public List<Questionnaire> search(
                @OptionalParam(name = Questionnaire.SP_URL) UriParam url, RequestDetails request) {
            callers.reading(request, "Questionnaire");
            Questionnaire questionnaire = AssessmentResources.questionnaire();
            boolean matches = url == null
                    || questionnaire.getUrl().equals(url.getValue())
                    || (questionnaire.getUrl() + "|" + questionnaire.getVersion()).equals(url.getValue());
            return matches ? List.of(questionnaire) : List.of();
        }
    }

    /**
     * Each Single Shared Assessment as a QuestionnaireResponse: a draft is created {@code in-progress} and updated
     * while it is one; its assessor signs it off with an update to {@code completed}, which signs the content that
     * update carries, atomically.
     */
    static final class QuestionnaireResponses implements IResourceProvider {

        private final Records records;
        private final Assessments assessments;
        private final FhirCallers callers;
        private final TransactionOperations transactions;

        QuestionnaireResponses(
                Records records, Assessments assessments, FhirCallers callers, TransactionOperations transactions) {
            this.records = records;
            this.assessments = assessments;
            this.callers = callers;
            this.transactions = transactions;
        }

        @Override
        public Class<? extends IBaseResource> getResourceType() {
            return QuestionnaireResponse.class;
        }

        @Read
        public QuestionnaireResponse read(@IdParam IdType id, RequestDetails request) {
            Requester requester = callers.requester(request, callers.reading(request, "QuestionnaireResponse"));
            return AssessmentResources.response(visible(records, requester, id, RecordKind.ASSESSMENT));
        }

        @Search
        public List<QuestionnaireResponse> search(
                @OptionalParam(name = QuestionnaireResponse.SP_PATIENT) ReferenceParam patient,
                @OptionalParam(name = QuestionnaireResponse.SP_SUBJECT) ReferenceParam subject,
                @OptionalParam(name = QuestionnaireResponse.SP_STATUS) TokenParam status,
                RequestDetails request) {
            Requester requester = callers.requester(request, callers.reading(request, "QuestionnaireResponse"));
            ReferenceParam named = patient != null ? patient : subject;
            if (named == null) {
                throw Outcomes.invalid(
                        Outcomes.INVALID_SEARCH,
                        "a QuestionnaireResponse search names the person, by patient or subject");
            }
            Predicate<QuestionnaireResponse> wanted =
                    response -> status == null || response.getStatus().toCode().equals(status.getValue());
            return assessments.of(requester, person(named)).stream()
                    .map(AssessmentResources::response)
                    .filter(wanted)
                    .toList();
        }

        /** Starts a draft assessment, the caller its assessor; a response is created only {@code in-progress}. */
        @Create
        public MethodOutcome create(@ResourceParam QuestionnaireResponse response, RequestDetails request) {
            Requester requester = callers.requester(request, callers.writing(request, "QuestionnaireResponse"));
            if (response.getStatus() != QuestionnaireResponse.QuestionnaireResponseStatus.INPROGRESS) {
                throw Outcomes.refusedByRule("an assessment starts as a draft, status in-progress; its assessor signs"
                        + " it off by updating it to completed");
            }
            PersonId person = Parsing.patient(response.getSubject(), "QuestionnaireResponse.subject");
            Assessment assessment = AssessmentResources.assessment(response);
            RecordItem started = assessments.start(requester, person, assessment);
            return written(AssessmentResources.response(started), true);
        }

        /**
         * Saves a draft ({@code in-progress}) or signs it off ({@code completed}), from the version the client names;
         * a signed or superseded assessment is never changed.
         */
        @Update
        public MethodOutcome update(
                @IdParam IdType id, @ResourceParam QuestionnaireResponse response, RequestDetails request) {
            Requester requester = callers.requester(request, callers.writing(request, "QuestionnaireResponse"));
            int expected = expectedVersion(id, response);
            ItemView seen = visible(records, requester, id, RecordKind.ASSESSMENT);
            RecordItemId item = seen.item().id();
            if (!Optional.ofNullable(response.getSubject().getReference())
                    .equals(Optional.of("Patient/" + seen.item().person().value()))) {
                throw Outcomes.refusedByRule("an assessment's subject cannot change");
            }
            Assessment assessment = AssessmentResources.assessment(response);
            RecordItem written = switch (response.getStatus()) {
                case INPROGRESS -> assessments.save(requester, item, expected, assessment);
                case COMPLETED -> signOff(requester, seen, expected, assessment);
                default ->
                    throw Outcomes.refusedByRule("an assessment is saved as in-progress or signed off as"
                            + " completed; the hub marks it amended when a later one supersedes it");
            };
            return written(AssessmentResources.response(written), false);
        }

        /**
         * Signs what the update carries: when it differs from the draft as stored, the draft is saved first, in the
         * same transaction, so a refused sign-off leaves the draft as it was.
         */
        private RecordItem signOff(Requester requester, ItemView seen, int expected, Assessment assessment) {
            RecordItem draft = seen.item();
            if (draft.status() != ItemStatus.DRAFT || assessment.equals(draft.content())) {
                return assessments.signOff(requester, draft.id(), expected);
            }
            return transactions.execute(status -> {
                RecordItem saved = assessments.save(requester, draft.id(), expected, assessment);
                return assessments.signOff(requester, draft.id(), saved.version());
            });
        }
    }
}
