package org.ecarehub.fhir.internal;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntryTransactionMethodEnum;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.History;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateAndListParam;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.UriParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.ecarehub.access.AccessRefused;
import org.ecarehub.access.AgencySystemRules;
import org.ecarehub.access.Requester;
import org.ecarehub.record.Assessment;
import org.ecarehub.record.Assessments;
import org.ecarehub.record.ItemDraft;
import org.ecarehub.record.ItemStatus;
import org.ecarehub.record.ItemVersion;
import org.ecarehub.record.ItemView;
import org.ecarehub.record.PersonUnseen;
import org.ecarehub.record.RecordItem;
import org.ecarehub.record.RecordItemId;
import org.ecarehub.record.RecordKind;
import org.ecarehub.record.Records;
import org.ecarehub.shared.PersonId;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
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

    /**
     * The person a search names by {@code patient} or its alias {@code subject} ({@link SearchPolicy} refuses both at
     * once): each is narrowed to the same decided set, so that no alias reaches more than the other.
     */
    static PersonId person(ReferenceParam patient, ReferenceParam subject, String type) {
        ReferenceParam named = patient != null ? patient : subject;
        if (named == null) {
            throw Outcomes.invalid(
                    Outcomes.INVALID_SEARCH, "a " + type + " search names the person, by patient or subject");
        }
        return person(named);
    }

    /**
     * Every version of the item the caller may see, the latest first, each as the item stood then, with the decision
     * that let the caller see the item; an item the caller may not see answers 404 as a missing one.
     */
    static List<ItemView> versions(Records records, Requester requester, IdType id, RecordKind kind) {
        ItemView seen = visible(records, requester, new IdType(id.getIdPart()), kind);
        RecordItem item = seen.item();
        List<ItemView> versions = new java.util.ArrayList<>();
        for (ItemVersion version : records.history(requester, item.id())) {
            RecordItem then = version.number() == item.version()
                    ? item
                    : new RecordItem(
                            item.id(),
                            item.person(),
                            item.kind(),
                            item.category(),
                            item.sensitivity(),
                            item.owner(),
                            version.status(),
                            null,
                            version,
                            item.created());
            versions.add(0, new ItemView(then, seen.decision()));
        }
        return versions;
    }

    /** The version a version read names, as the caller may see it; any other, like a hidden item, is 404. */
    static ItemView version(Records records, Requester requester, IdType id, RecordKind kind) {
        String wanted = id.getVersionIdPart();
        return versions(records, requester, id, kind).stream()
                .filter(view -> String.valueOf(view.item().version()).equals(wanted))
                .findFirst()
                .orElseThrow(Outcomes::notFound);
    }

    /** The item a read or a version read names. */
    static ItemView read(Records records, Requester requester, IdType id, RecordKind kind) {
        return id.hasVersionIdPart() ? version(records, requester, id, kind) : visible(records, requester, id, kind);
    }

    /** A version in a history Bundle, which says how it was written: created by its first version, else updated. */
    static <T extends IBaseResource> T historyEntry(T resource) {
        ResourceMetadataKeyEnum.ENTRY_TRANSACTION_METHOD.put(
                resource,
                "1".equals(resource.getIdElement().getVersionIdPart())
                        ? BundleEntryTransactionMethodEnum.POST
                        : BundleEntryTransactionMethodEnum.PUT);
        return resource;
    }

    /** The code of a write naming a person who does not exist or whom the writer may not see: one answer for both. */
    static final String SUBJECT_UNSEEN = "subject-unseen";

    /** The rules whose refusal of a write is about the writer and what they write, never about the person. */
    private static final Set<String> RULES_ABOUT_THE_WRITER =
            Set.of("active", "purpose", "role", "sealed", AgencySystemRules.ON_BEHALF_OF_OWN_STAFF);

    /**
     * Adds a record item about the person a resource names. A person the index does not know and one the decision
     * refuses by a rule about the person (no legitimate relationship) answer alike, 422 {@value #SUBJECT_UNSEEN}, so
     * that a create is no test of whether a person exists; a refusal about the writer alone stays a 403.
     */
    static RecordItem adding(java.util.function.Supplier<RecordItem> add) {
        try {
            return add.get();
        } catch (PersonUnseen unseen) {
            throw subjectUnseen();
        } catch (AccessRefused refused) {
            if (refused.decision().decidingRules().stream().allMatch(RULES_ABOUT_THE_WRITER::contains)) {
                throw refused;
            }
            throw subjectUnseen();
        }
    }

    private static RuntimeException subjectUnseen() {
        String text = "the subject names no person whose record you may add to";
        return new UnprocessableEntityException(
                text, Outcomes.outcome(OperationOutcome.IssueType.PROCESSING, SUBJECT_UNSEEN, text));
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

    /** Whether a token search's code (with or without its system) is among the concepts' codings. */
    static boolean codedAs(List<CodeableConcept> concepts, TokenParam token) {
        return concepts.stream()
                .flatMap(concept -> concept.getCoding().stream())
                .anyMatch(coding -> token.getValue().equals(coding.getCode())
                        && (token.getSystem() == null || token.getSystem().equals(coding.getSystem())));
    }

    /** Whether a time falls in a date search's range ({@code ge}, {@code lt}, a day); no range takes every time. */
    static boolean within(Date at, DateRangeParam range) {
        if (range == null) {
            return true;
        }
        if (at == null) {
            return false;
        }
        Date from = range.getLowerBoundAsInstant();
        Date until = range.getUpperBoundAsInstant();
        return (from == null || !at.before(from)) && (until == null || !at.after(until));
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
        private final Includes includes;

        Flags(Records records, FhirCallers callers, Includes includes) {
            this.records = records;
            this.callers = callers;
            this.includes = includes;
        }

        @Override
        public Class<? extends IBaseResource> getResourceType() {
            return Flag.class;
        }

        @Read(version = true)
        public Flag read(@IdParam IdType id, RequestDetails request) {
            Requester requester = callers.requester(request, callers.reading(request, "Flag"));
            return RecordResources.flag(RecordProviders.read(records, requester, id, RecordKind.ALERT));
        }

        @History
        public List<Flag> history(@IdParam IdType id, RequestDetails request) {
            Requester requester = callers.requester(request, callers.reading(request, "Flag"));
            return versions(records, requester, id, RecordKind.ALERT).stream()
                    .map(RecordResources::flag)
                    .map(RecordProviders::historyEntry)
                    .toList();
        }

        @Search
        public IBundleProvider search(
                @OptionalParam(name = Flag.SP_PATIENT) ReferenceParam patient,
                @OptionalParam(name = Flag.SP_SUBJECT) ReferenceParam subject,
                @OptionalParam(name = "status") TokenParam status,
                @OptionalParam(name = "category") TokenParam category,
                @OptionalParam(name = Flag.SP_DATE) DateAndListParam date,
                @IncludeParam(allow = {"Flag:patient", "Flag:subject"}) Set<Include> included,
                RequestDetails request) {
            PeriodSearch.check(date);
            Requester requester = callers.requester(request, callers.reading(request, "Flag"));
            List<Flag> found =
                    records.read(requester, person(patient, subject, "Flag"), Set.of(RecordKind.ALERT)).items().stream()
                            .map(RecordResources::flag)
                            .filter(flag ->
                                    status == null || flag.getStatus().toCode().equals(status.getValue()))
                            .filter(flag -> category == null || codedAs(flag.getCategory(), category))
                            .filter(flag -> PeriodSearch.matches(flag.getPeriod(), date))
                            .toList();
            return Paging.page(request, found, shown -> includes.of(request, included, Set.of(), shown));
        }
    }

    static final class CarePlans implements IResourceProvider {

        private final Records records;
        private final FhirCallers callers;
        private final Includes includes;

        CarePlans(Records records, FhirCallers callers, Includes includes) {
            this.records = records;
            this.callers = callers;
            this.includes = includes;
        }

        @Override
        public Class<? extends IBaseResource> getResourceType() {
            return CarePlan.class;
        }

        @Read(version = true)
        public CarePlan read(@IdParam IdType id, RequestDetails request) {
            Requester requester = callers.requester(request, callers.reading(request, "CarePlan"));
            return RecordResources.carePlan(RecordProviders.read(records, requester, id, RecordKind.CARE_PLAN));
        }

        @History
        public List<CarePlan> history(@IdParam IdType id, RequestDetails request) {
            Requester requester = callers.requester(request, callers.reading(request, "CarePlan"));
            return versions(records, requester, id, RecordKind.CARE_PLAN).stream()
                    .map(RecordResources::carePlan)
                    .map(RecordProviders::historyEntry)
                    .toList();
        }

        @Search
        public IBundleProvider search(
                @OptionalParam(name = CarePlan.SP_PATIENT) ReferenceParam patient,
                @OptionalParam(name = CarePlan.SP_SUBJECT) ReferenceParam subject,
                @OptionalParam(name = CarePlan.SP_STATUS) TokenParam status,
                @OptionalParam(name = CarePlan.SP_DATE) DateAndListParam date,
                @IncludeParam(allow = {"CarePlan:patient", "CarePlan:subject"}) Set<Include> included,
                RequestDetails request) {
            PeriodSearch.check(date);
            Requester requester = callers.requester(request, callers.reading(request, "CarePlan"));
            List<CarePlan> found = records
                    .read(requester, person(patient, subject, "CarePlan"), Set.of(RecordKind.CARE_PLAN))
                    .items()
                    .stream()
                    .map(RecordResources::carePlan)
                    .filter(plan -> status == null || plan.getStatus().toCode().equals(status.getValue()))
                    .filter(plan -> PeriodSearch.matches(plan.getPeriod(), date))
                    .toList();
            return Paging.page(request, found, shown -> includes.of(request, included, Set.of(), shown));
        }

        /** A new care plan owned by the writer's agency; its outcomes are contained Goals. */
        @Create
        public MethodOutcome create(@ResourceParam CarePlan plan, RequestDetails request) {
            Requester requester = callers.requester(request, callers.writing(request, "CarePlan"));
            PersonId person = Parsing.patient(plan.getSubject(), "CarePlan.subject");
            RecordItem item =
                    adding(() -> records.add(requester, person, ItemDraft.of(RecordResources.carePlan(plan))));
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
        public IBundleProvider search(
                @OptionalParam(name = Questionnaire.SP_URL) UriParam url, RequestDetails request) {
            callers.reading(request, "Questionnaire");
            Questionnaire questionnaire = AssessmentResources.questionnaire();
            boolean matches = url == null
                    || questionnaire.getUrl().equals(url.getValue())
                    || (questionnaire.getUrl() + "|" + questionnaire.getVersion()).equals(url.getValue());
            return Paging.page(request, matches ? List.of(questionnaire) : List.of());
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
        private final Includes includes;

        QuestionnaireResponses(
                Records records,
                Assessments assessments,
                FhirCallers callers,
                TransactionOperations transactions,
                Includes includes) {
            this.records = records;
            this.assessments = assessments;
            this.callers = callers;
            this.transactions = transactions;
            this.includes = includes;
        }

        @Override
        public Class<? extends IBaseResource> getResourceType() {
            return QuestionnaireResponse.class;
        }

        @Read(version = true)
        public QuestionnaireResponse read(@IdParam IdType id, RequestDetails request) {
            Requester requester = callers.requester(request, callers.reading(request, "QuestionnaireResponse"));
            return AssessmentResources.response(RecordProviders.read(records, requester, id, RecordKind.ASSESSMENT));
        }

        /** Every version the caller may see: another agency sees a signed assessment's signed versions, no drafts. */
        @History
        public List<QuestionnaireResponse> history(@IdParam IdType id, RequestDetails request) {
            Requester requester = callers.requester(request, callers.reading(request, "QuestionnaireResponse"));
            return versions(records, requester, id, RecordKind.ASSESSMENT).stream()
                    .map(AssessmentResources::response)
                    .map(RecordProviders::historyEntry)
                    .toList();
        }

        @Search
        public IBundleProvider search(
                @OptionalParam(name = QuestionnaireResponse.SP_PATIENT) ReferenceParam patient,
                @OptionalParam(name = QuestionnaireResponse.SP_SUBJECT) ReferenceParam subject,
                @OptionalParam(name = QuestionnaireResponse.SP_STATUS) TokenParam status,
                @OptionalParam(name = QuestionnaireResponse.SP_AUTHORED) DateRangeParam authored,
                @IncludeParam(allow = {"QuestionnaireResponse:patient", "QuestionnaireResponse:subject"})
                        Set<Include> included,
                RequestDetails request) {
            Requester requester = callers.requester(request, callers.reading(request, "QuestionnaireResponse"));
            PersonId person = person(patient, subject, "QuestionnaireResponse");
            Predicate<QuestionnaireResponse> wanted =
                    response -> status == null || response.getStatus().toCode().equals(status.getValue());
            List<QuestionnaireResponse> found = assessments.of(requester, person).stream()
                    .map(AssessmentResources::response)
                    .filter(wanted)
                    .filter(response -> within(response.getAuthored(), authored))
                    .toList();
            return Paging.page(request, found, shown -> includes.of(request, included, Set.of(), shown));
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
            RecordItem started = adding(() -> assessments.start(requester, person, assessment));
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
