package org.ecarehub.fhir.internal;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.ecarehub.access.Requester;
import org.ecarehub.identity.ApiCaller;
import org.ecarehub.identity.Callers;
import org.ecarehub.identity.PurposeRefused;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who is calling this FHIR request, with its purpose of use (the contract's {@code X-Purpose-Of-Use}, checked by
 * identity against the caller's roles) and, for an agency system, the scopes its token grants.
 */
@Component
class FhirCallers {

    static final String PURPOSE_HEADER = "X-Purpose-Of-Use";
    /** The words a user gives for a protection purpose (POLICY.md rule 7), when their system passes them on. */
    static final String JUSTIFICATION_HEADER = "X-Purpose-Justification";

    private final Callers callers;

    FhirCallers(Callers callers) {
        this.callers = callers;
    }

    /** The caller, allowed to read resources of this type; a refusal is an OperationOutcome with a stable code. */
    ApiCaller reading(RequestDetails request, String resourceType) {
        ApiCaller caller = caller(request);
        if (caller instanceof ApiCaller.AgencySystem system && !system.mayRead(resourceType)) {
            throw Outcomes.forbidden(
                    Outcomes.SCOPE_NOT_GRANTED, "the token's scopes do not let it read " + resourceType + " resources");
        }
        return caller;
    }

    /**
     * The caller, allowed to create and update resources of this type: staff always (the access decision then says
     * what they may write), an agency system only under a scope that grants writing it (SMART v1 {@code write}, v2
     * {@code c} and {@code u}).
     */
    ApiCaller writing(RequestDetails request, String resourceType) {
        ApiCaller caller = caller(request);
        if (caller instanceof ApiCaller.AgencySystem system
                && system.scopes().stream().noneMatch(scope -> grantsWriting(scope, resourceType))) {
            throw Outcomes.forbidden(
                    Outcomes.SCOPE_NOT_GRANTED,
                    "the token's scopes do not let it create or update " + resourceType + " resources");
        }
        return caller;
    }

    static boolean grantsWriting(String scope, String resourceType) {
        int slash = scope.indexOf('/');
        int dot = scope.lastIndexOf('.');
        if (!scope.startsWith("system/") || dot < slash) {
            return false;
        }
        String type = scope.substring(slash + 1, dot);
        String access = scope.substring(dot + 1);
        return (type.equals("*") || type.equals(resourceType))
                && (access.equals("write")
                        || access.equals("*")
                        || access.matches("c?r?u?d?s?") && access.contains("c") && access.contains("u"));
    }

    private ApiCaller caller(RequestDetails request) {
        try {
            return callers.apiCaller(
                            SecurityContextHolder.getContext().getAuthentication(), request.getHeader(PURPOSE_HEADER))
                    .orElseThrow(
                            () -> Outcomes.unauthorized("the token names no active staff account or agency system"));
        } catch (PurposeRefused refused) {
            throw refused.unknownCode()
                    ? Outcomes.invalid(refused.code(), refused.getMessage())
                    : Outcomes.forbidden(refused.code(), refused.getMessage());
        }
    }

    /** The caller as the access decision sees it. */
    Requester requester(RequestDetails request, ApiCaller caller) {
        String justification = request.getHeader(JUSTIFICATION_HEADER);
        if (caller instanceof ApiCaller.AgencySystem system) {
            return new Requester.AgencySystem(
                    system.system().agency().id(),
                    system.system().clientId(),
                    system.actingFor().map(staff -> staff.account().username()).orElse(null),
                    system.purpose(),
                    justification);
        }
        ApiCaller.Staff staff = (ApiCaller.Staff) caller;
        return new Requester.Staff(staff.caller().account().username(), staff.purpose(), justification);
    }
}
