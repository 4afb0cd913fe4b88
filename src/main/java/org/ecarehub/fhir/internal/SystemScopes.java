package org.ecarehub.fhir.internal;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ecarehub.identity.ApiCaller;
import org.springframework.stereotype.Component;

/**
 * SMART system scopes on top of POLICY.md, for every type and interaction in one place: an agency system's request is
 * refused 403 {@code scope-not-granted} once HAPI has chosen the method and before it runs, unless the token grants
 * the interaction's letter on the type (read {@code r}, search {@code s}, create {@code c}, update {@code u}); so
 * nothing is decided, logged or disclosed for it. Staff tokens carry no scopes: their roles decide. What answers with
 * resources of several types checks each type itself, through {@link FhirCallers}: a batch's entries, an export's
 * types, a search's includes.
 */
@Component
@Interceptor
final class SystemScopes implements FhirExtension {

    /** Operations that reach one type as one interaction. */
    private static final Map<String, Operation> OPERATIONS = Map.of(
            "$everything", new Operation("Patient", FhirCallers.Interaction.READ),
            "$match", new Operation("Patient", FhirCallers.Interaction.SEARCH));

    /** Operations that check the scopes of every type they reach themselves. */
    private static final Set<String> CHECKED_BY_PROVIDER =
            Set.of(ExportProvider.KICK_OFF, ExportProvider.STATUS, ExportProvider.FILE);

    private static final String DESCRIBES_THE_SERVER = "OperationDefinition";

    private record Operation(String resourceType, FhirCallers.Interaction interaction) {}

    private final FhirCallers callers;

    SystemScopes(FhirCallers callers) {
        this.callers = callers;
    }

    @Override
    public int order() {
        // Before the interceptors that read a request's parameters or resources: a refused scope needs neither.
        return -100;
    }

    @Override
    public List<Object> interceptors() {
        return List.of(this);
    }

    /**
     * Once HAPI has chosen the method (so the operation and type are known), before the incoming resource is validated
     * ({@link IncomingValidation}, the same pointcut, later): a caller without the scope learns nothing about its body.
     */
    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = -100)
    public boolean check(ServletRequestDetails request) {
        try {
            checkScope(request, request.getRestOperationType());
            return true;
        } catch (BaseServerResponseException refused) {
            return RefusalsAsOutcomes.answerNow(request, refused);
        }
    }

    private void checkScope(RequestDetails request, RestOperationTypeEnum operation) {
        if (operation == RestOperationTypeEnum.METADATA
                || operation == RestOperationTypeEnum.TRANSACTION
                || !(callers.caller(request) instanceof ApiCaller.AgencySystem)) {
            return;
        }
        String type = request.getResourceName();
        if ("Subscription".equals(type)
                && (operation == RestOperationTypeEnum.CREATE
                        || operation == RestOperationTypeEnum.UPDATE
                        || operation == RestOperationTypeEnum.DELETE)) {
            // Served by no scope and by nobody: the provider answers 405, the partnership file holds subscriptions
            // (decision 0030); that answer discloses nothing and changes nothing, whatever the token.
            return;
        }
        if (operation == RestOperationTypeEnum.READ && DESCRIBES_THE_SERVER.equals(type)) {
            // HAPI's definitions of the operations served: part of the capability statement, about nobody.
            return;
        }
        switch (operation) {
            case READ, VREAD, HISTORY_INSTANCE -> callers.allowed(request, type, FhirCallers.Interaction.READ);
            case SEARCH_TYPE, HISTORY_TYPE -> callers.allowed(request, type, FhirCallers.Interaction.SEARCH);
            case CREATE -> callers.allowed(request, type, FhirCallers.Interaction.CREATE);
            case UPDATE, PATCH -> callers.allowed(request, type, FhirCallers.Interaction.UPDATE);
            case EXTENDED_OPERATION_SERVER, EXTENDED_OPERATION_TYPE, EXTENDED_OPERATION_INSTANCE -> operation(request);
            default ->
                // Deny by default: an interaction this table does not name is granted by no scope.
                throw refused(String.valueOf(operation.getCode()));
        }
    }

    private void operation(RequestDetails request) {
        String name = request.getOperation();
        if (name == null) {
            throw refused("an unnamed operation");
        }
        if (CHECKED_BY_PROVIDER.contains(name)) {
            return;
        }
        Operation known = OPERATIONS.get(name);
        if (known == null) {
            throw refused(name);
        }
        callers.allowed(request, known.resourceType(), known.interaction());
    }

    private static RuntimeException refused(String interaction) {
        return Outcomes.forbidden(
                Outcomes.SCOPE_NOT_GRANTED, "no scope an agency system holds grants " + interaction + " here");
    }
}
