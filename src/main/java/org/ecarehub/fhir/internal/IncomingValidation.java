package org.ecarehub.fhir.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every resource a create or update sends is read strictly and validated against FHIR R4 before a provider sees it: a
 * body HAPI cannot read as a resource (an unknown element, a value of the wrong type) or a resource of another type
 * than the endpoint's is 400 {@value #UNREADABLE}; a resource R4 does not allow (a missing required element, a code
 * outside a required value set, a broken invariant) is 422 {@value #NOT_VALID_R4}, with one issue for each problem.
 * HAPI's validator takes seconds and about 160 MB of heap to load the R4 definitions, so it is built on the first
 * write, once, and never on start-up (decision 0041).
 */
@Component
@Interceptor
final class IncomingValidation implements FhirExtension {

    static final String UNREADABLE = Outcomes.INVALID_RESOURCE;
    static final String NOT_VALID_R4 = "not-valid-r4";

    private static final Logger log = LoggerFactory.getLogger(IncomingValidation.class);
    private static final Set<RestOperationTypeEnum> WRITES =
            Set.of(RestOperationTypeEnum.CREATE, RestOperationTypeEnum.UPDATE);
    /** Enough to fix a resource by; a resource with more problems than this is not worth listing in full. */
    private static final int MOST_ISSUES = 100;

    private final FhirContext fhir = FhirContext.forR4Cached();
    private volatile FhirValidator validator;

    /** Right after {@link RequestLimits}: only a body within the limits is worth parsing. */
    @Override
    public int order() {
        return Integer.MIN_VALUE + 1;
    }

    @Override
    public List<Object> interceptors() {
        return List.of(this);
    }

    /** Once the handler is chosen, so that the operation and the endpoint's resource type are known. */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public boolean check(ServletRequestDetails details) {
        if (!WRITES.contains(details.getRestOperationType())) {
            return true;
        }
        try {
            byte[] body = details.loadRequestContents();
            if (body == null || body.length == 0) {
                // HAPI answers a write without a body itself, with a 400 that says so.
                return true;
            }
            IBaseResource resource = readStrictly(details, body);
            String sent = fhir.getResourceType(resource);
            String expected = details.getResourceName();
            if (expected != null && !expected.equals(sent)) {
                throw unreadable("the body is a " + sent + ", but this endpoint takes a " + expected);
            }
            validate(resource);
            return true;
        } catch (BaseServerResponseException refused) {
            return RefusalsAsOutcomes.answerNow(details, refused);
        }
    }

    /** Refuses, 422 with an issue for each problem, a resource that FHIR R4 does not allow. */
    void validate(IBaseResource resource) {
        List<SingleValidationMessage> problems;
        try {
            problems = validator().validateWithResult(resource).getMessages().stream()
                    .filter(message -> message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                    .toList();
        } catch (RuntimeException validatorFailed) {
            // Fail closed: a resource the validator cannot get through is not stored. Its text may hold what was sent.
            log.warn("FHIR validation failed: {}", validatorFailed.getClass().getName());
            throw notValid(List.of(), "the resource could not be validated against FHIR R4");
        }
        if (!problems.isEmpty()) {
            throw notValid(problems, "the resource is not valid FHIR R4: " + problems.size() + " problem(s)");
        }
    }

    private IBaseResource readStrictly(RequestDetails details, byte[] body) {
        Charset charset = details.getCharset() == null ? StandardCharsets.UTF_8 : details.getCharset();
        String text = new String(body, charset);
        EncodingEnum encoding = RestfulServerUtils.determineRequestEncodingNoDefault(details);
        if (encoding == null) {
            encoding = EncodingEnum.detectEncodingNoDefault(text);
        }
        if (encoding != EncodingEnum.JSON && encoding != EncodingEnum.XML) {
            throw unreadable("the body must be a FHIR resource in JSON or XML");
        }
        IParser parser = encoding.newParser(fhir).setParserErrorHandler(new StrictErrorHandler());
        try {
            return parser.parseResource(text);
        } catch (DataFormatException notAResource) {
            // HAPI's text names the element or value of the caller's own body that it could not read.
            throw unreadable("the body is not a FHIR R4 resource the hub can read: " + notAResource.getMessage());
        } catch (RuntimeException notAResource) {
            throw unreadable("the body is not a FHIR R4 resource the hub can read");
        }
    }

    private FhirValidator validator() {
        FhirValidator built = validator;
        if (built == null) {
            synchronized (this) {
                built = validator;
                if (built == null) {
                    built = newValidator(fhir);
                    validator = built;
                }
            }
        }
        return built;
    }

    /**
     * R4's own profiles, value sets and common code systems, and the Questionnaire the hub serves, all in memory:
     * nothing is fetched from a network. With the Questionnaire at hand, HAPI's validator checks a
     * QuestionnaireResponse that names it against it (each linkId is a question, each answer of the question's type and
     * options, a question answered once unless it repeats), so such a response is 422 with one issue per problem.
     */
    private static FhirValidator newValidator(FhirContext fhir) {
        FhirInstanceValidator instance = new FhirInstanceValidator(new ValidationSupportChain(
                new ServedQuestionnaire(fhir),
                new DefaultProfileValidationSupport(fhir),
                new InMemoryTerminologyServerValidationSupport(fhir),
                new CommonCodeSystemsTerminologyService(fhir),
                new SnapshotGeneratingValidationSupport(fhir)));
        // The hub's own extensions (urn:ecare:fhir:StructureDefinition:...) have no published definitions to check.
        instance.setAnyExtensionsAllowed(true);
        FhirValidator validator = fhir.newValidator();
        validator.registerValidatorModule(instance);
        return validator;
    }

    /**
     * The hub's Questionnaire, by its canonical URL with or without its version, for the validator to check a
     * QuestionnaireResponse against (HAPI's pre-populated support did not resolve a {@code urn:} canonical).
     */
    private static final class ServedQuestionnaire implements IValidationSupport {

        private final FhirContext fhir;
        private final Questionnaire questionnaire = AssessmentResources.questionnaire();

        ServedQuestionnaire(FhirContext fhir) {
            this.fhir = fhir;
        }

        @Override
        public FhirContext getFhirContext() {
            return fhir;
        }

        @Override
        public <T extends IBaseResource> T fetchResource(Class<T> type, String uri) {
            boolean served = AssessmentResources.QUESTIONNAIRE_URL.equals(uri)
                    || (AssessmentResources.QUESTIONNAIRE_URL + "|" + AssessmentResources.QUESTIONNAIRE_VERSION)
                            .equals(uri);
            if (!served || type == null || !type.isAssignableFrom(Questionnaire.class)) {
                return null;
            }
            return type.cast(questionnaire.copy());
        }
    }

    private static InvalidRequestException unreadable(String text) {
        return new InvalidRequestException(text, Outcomes.outcome(IssueType.STRUCTURE, UNREADABLE, text));
    }

    private static UnprocessableEntityException notValid(List<SingleValidationMessage> problems, String text) {
        OperationOutcome outcome = new OperationOutcome();
        if (problems.isEmpty()) {
            outcome.addIssue()
                    .setSeverity(IssueSeverity.ERROR)
                    .setCode(IssueType.INVALID)
                    .setDetails(details(text));
        }
        problems.stream().limit(MOST_ISSUES).forEach(problem -> {
            OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue()
                    .setSeverity(
                            problem.getSeverity() == ResultSeverityEnum.FATAL
                                    ? IssueSeverity.FATAL
                                    : IssueSeverity.ERROR)
                    .setCode(IssueType.INVALID)
                    .setDetails(details(problem.getMessage()));
            if (problem.getLocationString() != null
                    && !problem.getLocationString().isBlank()) {
                issue.addExpression(problem.getLocationString());
            }
        });
        return new UnprocessableEntityException(text, outcome);
    }

    private static CodeableConcept details(String text) {
        return new CodeableConcept().setText(text).addCoding(new Coding(Outcomes.SYSTEM, NOT_VALID_R4, null));
    }
}
