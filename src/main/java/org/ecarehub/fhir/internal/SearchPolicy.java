package org.ecarehub.fhir.internal;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.ResourceBinding;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.method.BaseMethodBinding;
import ca.uhn.fhir.rest.server.method.IParameter;
import ca.uhn.fhir.rest.server.method.SearchMethodBinding;
import ca.uhn.fhir.rest.server.method.SearchParameter;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;

/**
 * Refuses, with 400 {@code invalid-search}, every search parameter, modifier and control the server does not
 * implement, whether or not anything would match: HAPI's plain server ignores what it does not know (every
 * {@code _}-parameter, every modifier, every chain), so a search such as {@code _has:Flag:patient:category=...} would
 * be answered as if the condition were not there. The parameters a type accepts are read from its search methods, the
 * same source the capability statement is generated from, so the two cannot disagree.
 *
 * <p>Controls allowed ({@link Paging}): {@code _count}, {@code _offset}, {@code _summary=count}, {@code _total},
 * {@code _sort} by {@code _lastUpdated} on the types that carry it, {@code _include} and {@code _revinclude} (with
 * {@code :iterate}) for the pairs a method declares, and {@code _format}, {@code _pretty}. Totals and counts are taken
 * after the decision, so they count only what the caller may see (decision 0044).
 */
@Interceptor
final class SearchPolicy {

    /** The types whose resources carry {@code meta.lastUpdated}, the one key a search may be sorted by. */
    static final Set<String> SORTABLE =
            Set.of("Flag", "CarePlan", "QuestionnaireResponse", "ServiceRequest", "Task", "Communication");

    static final Set<String> SORTS = Set.of("_lastUpdated", "-_lastUpdated");

    /** What a read, a version read, a history or an operation may carry besides its own parameters. */
    private static final Set<String> OUTPUT_CONTROLS = Set.of("_format", "_pretty");

    private static final Set<String> PAGE_CONTROLS = Set.of("_count", "_offset");

    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,9}");

    /**
     * Once HAPI has chosen the method, after the scope check ({@link SystemScopes}) and before the validation of a
     * body: a refusal is answered at once, not thrown from the hook (which HAPI would log with its text).
     */
    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = -50)
    public boolean check(ServletRequestDetails request) {
        try {
            check(request, request.getRestOperationType());
            return true;
        } catch (BaseServerResponseException refused) {
            return RefusalsAsOutcomes.answerNow(request, refused);
        }
    }

    void check(RequestDetails request, RestOperationTypeEnum operation) {
        if (operation == null) {
            return;
        }
        switch (operation) {
            case SEARCH_TYPE -> checkSearch(request);
            case READ, VREAD -> checkControls(request, Set.of());
            case HISTORY_INSTANCE -> checkControls(request, PAGE_CONTROLS);
            case EXTENDED_OPERATION_INSTANCE -> {
                if (EverythingProvider.OPERATION.equals(request.getOperation())) {
                    checkControls(request, PAGE_CONTROLS);
                }
            }
            default -> {
                // Writes, metadata and other operations carry no search parameters of their own.
            }
        }
    }

    /**
     * HAPI's generated statement lists as a type's revincludes every include elsewhere that could point at it; only
     * those a search of the type declares are served, so only those are claimed.
     */
    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void claimOnlyServedIncludes(IBaseConformance statement, RequestDetails request) {
        if (!(statement instanceof CapabilityStatement capabilities)) {
            return;
        }
        for (CapabilityStatement.CapabilityStatementRestComponent rest : capabilities.getRest()) {
            for (CapabilityStatement.CapabilityStatementRestResourceComponent resource : rest.getResource()) {
                Declared declared = Declared.of(request, resource.getType());
                resource.getSearchInclude()
                        .removeIf(include -> !declared.includes().contains(include.getValue()));
                resource.getSearchRevInclude()
                        .removeIf(include -> !declared.revIncludes().contains(include.getValue()));
            }
        }
    }

    private static void checkControls(RequestDetails request, Set<String> allowed) {
        for (Map.Entry<String, String[]> parameter : request.getParameters().entrySet()) {
            String name = parameter.getKey();
            if (OUTPUT_CONTROLS.contains(name)) {
                continue;
            }
            if (!allowed.contains(name)) {
                throw refused("this interaction takes no parameter '" + name + "'");
            }
            checkNumber(name, parameter.getValue());
        }
    }

    private static void checkSearch(RequestDetails request) {
        String type = request.getResourceName();
        Declared declared = Declared.of(request, type);
        for (Map.Entry<String, String[]> parameter : request.getParameters().entrySet()) {
            String key = parameter.getKey();
            String[] values = parameter.getValue();
            int colon = key.indexOf(':');
            String name = colon < 0 ? key : key.substring(0, colon);
            String modifier = colon < 0 ? null : key.substring(colon + 1);
            if (name.startsWith("_has")) {
                throw refused("_has is not supported: a search names the person and filters their own resources");
            }
            if (name.contains(".")) {
                throw refused("chained parameters such as '" + name + "' are not supported");
            }
            if (OUTPUT_CONTROLS.contains(name) && modifier == null) {
                continue;
            }
            switch (name) {
                case "_include", "_revinclude" -> checkIncludes(declared, name, modifier, values);
                case "_count", "_offset" -> {
                    requireNoModifier(key, modifier);
                    checkNumber(name, values);
                }
                case "_summary" -> {
                    requireNoModifier(key, modifier);
                    requireOne(name, values);
                    if (!values[0].equals("count") && !values[0].equals("false")) {
                        throw refused("_summary is count or false");
                    }
                }
                case "_total" -> {
                    requireNoModifier(key, modifier);
                    requireOne(name, values);
                    if (!Set.of("none", "estimate", "accurate").contains(values[0])) {
                        throw refused("_total is none, estimate or accurate; the total given is always accurate");
                    }
                }
                case "_sort" -> {
                    requireNoModifier(key, modifier);
                    requireOne(name, values);
                    if (!SORTABLE.contains(type) || !SORTS.contains(values[0])) {
                        throw refused(
                                SORTABLE.contains(type)
                                        ? "_sort is _lastUpdated or -_lastUpdated"
                                        : type + " searches are not sorted");
                    }
                }
                default -> checkParameter(declared, type, key, name, modifier, values);
            }
        }
        if (declared.names().containsKey("patient")
                && declared.names().containsKey("subject")
                && request.getParameters().containsKey("patient")
                && request.getParameters().containsKey("subject")) {
            throw refused("a " + type + " search names the person once, as patient or subject");
        }
    }

    private static void checkParameter(
            Declared declared, String type, String key, String name, String modifier, String[] values) {
        RestSearchParameterTypeEnum parameterType = declared.names().get(name);
        if (parameterType == null) {
            throw refused(type + " is not searched by '" + name + "'");
        }
        requireNoModifier(key, modifier);
        // A date is given as a range by two values (sent=ge2024-01-01&sent=lt2024-02-01); nothing else takes more than
        // one, and no value is a list of alternatives.
        int most = parameterType == RestSearchParameterTypeEnum.DATE ? 2 : 1;
        if (values.length > most) {
            throw refused("'" + name + "' is given " + (most == 1 ? "once" : "at most twice"));
        }
        for (String value : values) {
            if (value.replace("\\,", "").contains(",")) {
                throw refused("'" + name + "' takes one value, not a list of alternatives");
            }
        }
    }

    private static void checkIncludes(Declared declared, String name, String modifier, String[] values) {
        if (modifier != null && !modifier.equals("iterate")) {
            throw refused(name + " takes only the modifier :iterate");
        }
        Set<String> allowed = name.equals("_include") ? declared.includes() : declared.revIncludes();
        for (String value : values) {
            if (!allowed.contains(value)) {
                throw refused(name + " '" + value + "' is not supported here; the capability statement lists those"
                        + " that are");
            }
        }
    }

    private static void checkNumber(String name, String[] values) {
        requireOne(name, values);
        if (!NUMBER.matcher(values[0]).matches()) {
            throw refused(name + " is a whole number, 0 or more");
        }
    }

    private static void requireOne(String name, String[] values) {
        if (values.length != 1) {
            throw refused(name + " is given once");
        }
    }

    private static void requireNoModifier(String key, String modifier) {
        if (modifier != null) {
            throw refused("the modifier in '" + key + "' is not supported");
        }
    }

    private static RuntimeException refused(String text) {
        return Outcomes.invalid(Outcomes.INVALID_SEARCH, text);
    }

    /** What a type's search methods declare: parameters by name and type, and the includes each direction allows. */
    private record Declared(
            Map<String, RestSearchParameterTypeEnum> names, Set<String> includes, Set<String> revIncludes) {

        static Declared of(RequestDetails request, String type) {
            Map<String, RestSearchParameterTypeEnum> names = new HashMap<>();
            Set<String> includes = new HashSet<>();
            Set<String> revIncludes = new HashSet<>();
            if (request.getServer() instanceof RestfulServer server) {
                for (ResourceBinding binding : server.getResourceBindings()) {
                    if (!binding.getResourceName().equals(type)) {
                        continue;
                    }
                    for (BaseMethodBinding method : binding.getMethodBindings()) {
                        if (!(method instanceof SearchMethodBinding)) {
                            continue;
                        }
                        for (IParameter parameter : method.getParameters()) {
                            if (parameter instanceof SearchParameter search) {
                                names.put(search.getName(), search.getParamType());
                            }
                        }
                        includes.addAll(method.getIncludes());
                        revIncludes.addAll(method.getRevIncludes());
                    }
                }
            }
            return new Declared(names, includes, revIncludes);
        }
    }
}
