package org.ecarehub.fhir.internal;

import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Every refusal the FHIR interface gives, as an OperationOutcome whose {@code details} carries a stable code of the
 * system {@value #SYSTEM}, so that a client can act on the code rather than parse the text. None carries a stack
 * trace or anything about a person.
 */
final class Outcomes {

    static final String SYSTEM = "urn:ecare:error";

    static final String NOT_FOUND = "not-found";
    static final String INTERNAL_ERROR = "internal-error";
    static final String LOG_UNAVAILABLE = "log-unavailable";
    static final String ACCESS_REFUSED = "access-refused";
    static final String NOT_ROUTED_TO_CALLER = "not-routed-to-caller";
    static final String SCOPE_NOT_GRANTED = "scope-not-granted";
    static final String NOT_AN_API_CALLER = "not-an-api-caller";
    static final String INVALID_SEARCH = "invalid-search";
    static final String INVALID_RESOURCE = "invalid-resource";
    static final String REFUSED_BY_RULE = "refused-by-rule";
    static final String VERSION_CONFLICT = "version-conflict";
    static final String VERSION_REQUIRED = "version-required";

    private Outcomes() {}

    static OperationOutcome outcome(IssueType type, String code, String text) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(IssueSeverity.ERROR)
                .setCode(type)
                .setDetails(new CodeableConcept()
                        .setText(text)
                        .addCoding(new org.hl7.fhir.r4.model.Coding(SYSTEM, code, null)));
        return outcome;
    }

    /** The one answer for a resource that does not exist and for one the caller may not see. */
    static ResourceNotFoundException notFound() {
        String text = "no such resource";
        return new ResourceNotFoundException(text, outcome(IssueType.NOTFOUND, NOT_FOUND, text));
    }

    static ForbiddenOperationException forbidden(String code, String text) {
        return new ForbiddenOperationException(text, outcome(IssueType.FORBIDDEN, code, text));
    }

    static InvalidRequestException invalid(String code, String text) {
        return new InvalidRequestException(text, outcome(IssueType.INVALID, code, text));
    }

    /** A write the hub's rules refuse (a step its status does not allow, a sign-off by someone else): 422. */
    static UnprocessableEntityException refusedByRule(String text) {
        return new UnprocessableEntityException(text, outcome(IssueType.BUSINESSRULE, REFUSED_BY_RULE, text));
    }

    /** An edit of a version that is no longer the latest, named in the resource's {@code meta.versionId}: 409. */
    static ResourceVersionConflictException conflict(String text) {
        return new ResourceVersionConflictException(text, outcome(IssueType.CONFLICT, VERSION_CONFLICT, text));
    }

    /** An edit whose {@code If-Match} names a version that is no longer the latest, or that names none: 412. */
    static PreconditionFailedException preconditionFailed(String code, String text) {
        return new PreconditionFailedException(text, outcome(IssueType.CONFLICT, code, text));
    }

    static AuthenticationException unauthorized(String text) {
        AuthenticationException refused = new AuthenticationException(text);
        refused.setOperationOutcome(outcome(IssueType.LOGIN, NOT_AN_API_CALLER, text));
        return refused;
    }

    static BaseServerResponseException logUnavailable() {
        String text = "the transparency log cannot record this access, so nothing is disclosed";
        UnclassifiedServerFailureException refused = new UnclassifiedServerFailureException(503, text);
        refused.setOperationOutcome(outcome(IssueType.TRANSIENT, LOG_UNAVAILABLE, text));
        return refused;
    }

    static InternalErrorException internalError() {
        String text = "the hub could not answer this request";
        return new InternalErrorException(text, outcome(IssueType.EXCEPTION, INTERNAL_ERROR, text));
    }
}
