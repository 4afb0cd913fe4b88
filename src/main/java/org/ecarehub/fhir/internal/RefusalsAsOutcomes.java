package org.ecarehub.fhir.internal;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.interceptor.ExceptionHandlingInterceptor;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jakarta.servlet.ServletException;
import java.io.IOException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.ecarehub.access.AccessRefused;
import org.ecarehub.protection.ProtectionMessageForbidden;
import org.ecarehub.protection.ProtectionMessageRefused;
import org.ecarehub.record.RecordRefused;
import org.ecarehub.record.StaleEdit;
import org.ecarehub.request.ServiceRequestRefused;
import org.ecarehub.request.StaleServiceRequest;
import org.ecarehub.transparency.LogUnavailable;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns whatever a provider throws into an OperationOutcome with a stable code: a refusal of the access decision into
 * 403, a write the record's or the requests' rules refuse into 422, a stale version into 412 or 409, an unwritable
 * transparency log into 503 (fail closed), a form the container would not read into 413 or 400, anything unexpected
 * into 500 without its message, which might hold what the caller should not see.
 */
@Interceptor
final class RefusalsAsOutcomes {

    private static final Logger log = LoggerFactory.getLogger(RefusalsAsOutcomes.class);

    private final RequestLimits limits;

    RefusalsAsOutcomes(RequestLimits limits) {
        this.limits = limits;
    }

    /**
     * Answers a refusal from another interceptor's hook at once, and tells HAPI to stop there ({@code false}): thrown
     * from a hook instead, HAPI would log it at ERROR with its stack trace and its text, which may quote the caller's
     * body.
     */
    static boolean answerNow(ServletRequestDetails request, BaseServerResponseException refusal) {
        try {
            new ExceptionHandlingInterceptor()
                    .handleException(request, refusal, request.getServletRequest(), request.getServletResponse());
        } catch (ServletException | IOException callerGone) {
            // Nobody is left to read the answer; the request stops all the same.
            log.debug("FHIR refusal not written: {}", callerGone.getClass().getName());
        }
        return false;
    }

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException translate(RequestDetails request, Throwable thrown) {
        Throwable cause = thrown;
        // HAPI wraps what a provider throws; the provider's own exception says what happened.
        while ((cause instanceof BaseServerResponseException wrapper
                        && wrapper.getOperationOutcome() == null
                        && wrapper.getCause() != null)
                || (cause instanceof java.lang.reflect.InvocationTargetException && cause.getCause() != null)) {
            cause = cause.getCause();
        }
        if (cause instanceof BaseServerResponseException answer) {
            if (answer.getOperationOutcome() == null) {
                answer.setOperationOutcome(Outcomes.outcome(
                        OperationOutcome.IssueType.PROCESSING, "request-refused", answer.getMessage()));
            }
            return answer;
        }
        if (cause instanceof AccessRefused refused) {
            return Outcomes.forbidden(Outcomes.ACCESS_REFUSED, refused.getMessage());
        }
        if (cause instanceof ProtectionMessageForbidden forbidden) {
            // Its message names the ids the caller gave and says only that the message was not routed to them.
            return Outcomes.forbidden(Outcomes.NOT_ROUTED_TO_CALLER, forbidden.getMessage());
        }
        if (cause instanceof StaleEdit || cause instanceof StaleServiceRequest) {
            // A client that sent If-Match asked for a precondition (RFC 9110); one that named the version in the
            // resource's meta.versionId met a conflict.
            return request.getHeader("If-Match") != null
                    ? Outcomes.preconditionFailed(Outcomes.VERSION_CONFLICT, cause.getMessage())
                    : Outcomes.conflict(cause.getMessage());
        }
        if (cause instanceof RecordRefused
                || cause instanceof ServiceRequestRefused
                || cause instanceof ProtectionMessageRefused) {
            // Their messages name the field or the rule and ids only, never what the record says about a person.
            return Outcomes.refusedByRule(cause.getMessage());
        }
        if (cause instanceof InvalidParameterException form) {
            // Tomcat refuses a form it will not read (too large, badly encoded) when HAPI first asks for parameters.
            return limits.formRefused(form.getErrorCode());
        }
        if (cause instanceof DataFormatException
                && request.getRestOperationType() == RestOperationTypeEnum.SEARCH_TYPE) {
            // HAPI reads a search's values (a date such as 2024-13) before any provider runs; its text quotes them.
            return Outcomes.invalid(Outcomes.INVALID_SEARCH, "a value of the search cannot be read as its type");
        }
        if (cause instanceof LogUnavailable) {
            return Outcomes.logUnavailable();
        }
        log.error("FHIR request failed: {}", cause.getClass().getName());
        return Outcomes.internalError();
    }
}
