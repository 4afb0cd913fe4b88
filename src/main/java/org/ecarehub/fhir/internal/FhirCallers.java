package org.ecarehub.fhir.internal;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
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

    private static final String CALLER = FhirCallers.class.getName() + ".caller";

    private final Callers callers;

    FhirCallers(Callers callers) {
        this.callers = callers;
    }

    /**
     * The interactions SMART v2 scopes tell apart, {@code c r u s}: an agency system needs a scope granting the
     * interaction's letter on the resource type; staff need none (their roles decide).
     */
    enum Interaction {
        CREATE("create"),
        READ("read"),
        UPDATE("update"),
        SEARCH("search");

        private final String verb;

        Interaction(String verb) {
            this.verb = verb;
        }

        boolean grantedTo(ApiCaller.AgencySystem system, String resourceType) {
            return switch (this) {
                case CREATE -> system.mayCreate(resourceType);
                case READ -> system.mayRead(resourceType);
                case UPDATE -> system.mayUpdate(resourceType);
                case SEARCH -> system.maySearch(resourceType);
            };
        }
    }

    /**
     * The caller, allowed to read resources of this type in this request: to search them (SMART v2 {@code s}) when the
     * request is a search, else to read them by id ({@code r}); a refusal is 403 {@code scope-not-granted}.
     */
    ApiCaller reading(RequestDetails request, String resourceType) {
        return allowed(request, resourceType, isSearch(request) ? Interaction.SEARCH : Interaction.READ);
    }

    /** The caller, allowed to search resources of this type ({@code s}), whatever the request is. */
    ApiCaller searching(RequestDetails request, String resourceType) {
        return allowed(request, resourceType, Interaction.SEARCH);
    }

    /**
     * The caller, allowed to write resources of this type in this request: staff always (the access decision then says
     * what they may write), an agency system under a scope granting create ({@code c}) for a create and update
     * ({@code u}) for an update; any other request that writes needs both.
     */
    ApiCaller writing(RequestDetails request, String resourceType) {
        RestOperationTypeEnum operation = request.getRestOperationType();
        if (operation == RestOperationTypeEnum.CREATE) {
            return allowed(request, resourceType, Interaction.CREATE);
        }
        if (operation != RestOperationTypeEnum.UPDATE && operation != RestOperationTypeEnum.PATCH) {
            allowed(request, resourceType, Interaction.CREATE);
        }
        return allowed(request, resourceType, Interaction.UPDATE);
    }

    /**
     * Whether the caller may read resources of this type by id: what a resource added to an answer by reference (an
     * {@code _include}, a batch entry's read) needs. Staff always may; their roles decide each resource.
     */
    boolean mayRead(RequestDetails request, String resourceType) {
        return may(request, resourceType, Interaction.READ);
    }

    /**
     * Whether the caller may search resources of this type: what resources found by their reference to others (an
     * {@code _revinclude}, a batch entry's search, an export) need.
     */
    boolean maySearch(RequestDetails request, String resourceType) {
        return may(request, resourceType, Interaction.SEARCH);
    }

    /** Whether the caller may create resources of this type (a batch entry's create). */
    boolean mayCreate(RequestDetails request, String resourceType) {
        return may(request, resourceType, Interaction.CREATE);
    }

    /** Whether the caller may update resources of this type (a batch entry's update). */
    boolean mayUpdate(RequestDetails request, String resourceType) {
        return may(request, resourceType, Interaction.UPDATE);
    }

    /** The caller, allowed this interaction on this type; a refusal is 403 {@code scope-not-granted}. */
    ApiCaller allowed(RequestDetails request, String resourceType, Interaction interaction) {
        ApiCaller caller = caller(request);
        if (caller instanceof ApiCaller.AgencySystem system && !interaction.grantedTo(system, resourceType)) {
            throw Outcomes.forbidden(
                    Outcomes.SCOPE_NOT_GRANTED,
                    "the token's scopes do not let it " + interaction.verb + " " + resourceType + " resources");
        }
        return caller;
    }

    private boolean may(RequestDetails request, String resourceType, Interaction interaction) {
        return !(caller(request) instanceof ApiCaller.AgencySystem system)
                || interaction.grantedTo(system, resourceType);
    }

    private static boolean isSearch(RequestDetails request) {
        RestOperationTypeEnum operation = request.getRestOperationType();
        return operation == RestOperationTypeEnum.SEARCH_TYPE
                || operation == RestOperationTypeEnum.SEARCH_SYSTEM
                || operation == RestOperationTypeEnum.GET_PAGE;
    }

    /**
     * The caller of this request, described once and kept with the request: the interceptors and the provider all ask.
     *
     * @throws ca.uhn.fhir.rest.server.exceptions.AuthenticationException 401 when the token names no API caller
     */
    ApiCaller caller(RequestDetails request) {
        Object known = request.getUserData().get(CALLER);
        if (known instanceof ApiCaller caller) {
            return caller;
        }
        ApiCaller caller = describe(request);
        request.getUserData().put(CALLER, caller);
        return caller;
    }

    private ApiCaller describe(RequestDetails request) {
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
