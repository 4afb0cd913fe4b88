package org.ecarehub.fhir.internal;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.ecarehub.access.AccessRefused;
import org.ecarehub.transparency.LogUnavailable;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns whatever a provider throws into an OperationOutcome with a stable code: a refusal of the access decision into
 * 403, an unwritable transparency log into 503 (fail closed), anything unexpected into 500 without its message, which
 * might hold what the caller should not see.
 */
@Interceptor
final class RefusalsAsOutcomes {

    private static final Logger log = LoggerFactory.getLogger(RefusalsAsOutcomes.class);

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException translate(RequestDetails request, Throwable thrown) {
        Throwable cause = thrown;
        // HAPI wraps what a provider throws; the provider's own exception says what happened.
        while (cause instanceof BaseServerResponseException wrapper
                && wrapper.getOperationOutcome() == null
                && wrapper.getCause() != null) {
            cause = wrapper.getCause();
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
        if (cause instanceof LogUnavailable) {
            return Outcomes.logUnavailable();
        }
        log.error("FHIR request failed: {}", cause.getClass().getName());
        return Outcomes.internalError();
    }
}
