package org.ecarehub.fhir.internal;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ecarehub.access.AccessDecision;
import org.ecarehub.access.AccessDecisions;
import org.ecarehub.access.Requester;
import org.ecarehub.identity.ApiCaller;
import org.ecarehub.partnership.Action;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Purpose;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bulk export, {@code $export} in the FHIR Bulk Data Access IG's asynchronous pattern, for subject access work
 * (decision 0042): a kick-off with {@code Prefer: respond-async} answers 202 with the status URL in
 * {@code Content-Location}; the status answers 202 with {@code X-Progress} while the job runs, then 200 with the
 * manifest; each file is NDJSON; {@code DELETE} on the status URL cancels. Everything a request names is checked before
 * a job exists: one type not exported, not in the token's scopes or not exportable by the roles refuses the whole
 * request. A job, its status and its files are the caller's alone: anyone else is answered as for a job that never
 * existed.
 */
@Component
final class ExportProvider implements FhirExtension {

    static final String KICK_OFF = "$export";
    static final String STATUS = "$export-poll-status";
    static final String FILE = "$export-file";
    static final String JOB = "_jobId";
    static final String FILE_TYPE = "type";
    static final String NDJSON = "application/fhir+ndjson";
    /** An export request the hub cannot run as asked; nothing was started. */
    static final String INVALID_EXPORT = "invalid-export";

    private static final Set<String> OUTPUT_FORMATS = Set.of(NDJSON, "application/ndjson", "ndjson");
    private static final Set<String> KICK_OFF_PARAMETERS =
            Set.of("_type", "_since", "_outputFormat", "_format", "_pretty");
    private static final int MAX_ID = 36;

    private final FhirCallers callers;
    private final ExportJobs jobs;
    private final ObjectProvider<AccessDecisions> decisions;
    private final String base;

    ExportProvider(
            FhirCallers callers,
            ExportJobs jobs,
            ObjectProvider<AccessDecisions> decisions,
            @Value("${ecare.base-url:http://localhost:8080}") String baseUrl) {
        this.callers = callers;
        this.jobs = jobs;
        this.decisions = decisions;
        // From the configured address, never the Host header, which the caller controls (decision 0015).
        this.base = SubscriptionNotifications.stripSlash(baseUrl) + "/fhir";
    }

    @Override
    public List<Object> plainProviders() {
        // The statement must not promise an export that no module can answer.
        return jobs.available() ? List.of(this) : List.of();
    }

    /** Every person's data the caller may export, of the types asked for: {@code GET /fhir/$export}. */
    @Operation(name = KICK_OFF, idempotent = true, manualResponse = true)
    public void exportAll(ServletRequestDetails request) {
        kickOff(request, "system");
    }

    /** The same, as the Patient-level kick-off: {@code GET /fhir/Patient/$export}. */
    @Operation(name = KICK_OFF, type = Patient.class, idempotent = true, manualResponse = true)
    public void exportPatients(ServletRequestDetails request) {
        kickOff(request, "patient");
    }

    /** A job's status, its manifest once complete, or with {@code DELETE} its cancellation. */
    @Operation(name = STATUS, idempotent = true, manualResponse = true, deleteEnabled = true)
    public void status(ServletRequestDetails request) throws IOException {
        ExportJobs.Owner caller = ExportJobs.Owner.of(callers.caller(request));
        String id = single(request, JOB);
        HttpServletResponse response = request.getServletResponse();
        if (request.getRequestType() == RequestTypeEnum.DELETE) {
            if (id == null || !jobs.cancel(id, caller)) {
                throw Outcomes.notFound();
            }
            response.setStatus(202);
            return;
        }
        ExportJobs.Job job = (id == null ? null : jobs.find(id, caller).orElse(null));
        if (job == null) {
            throw Outcomes.notFound();
        }
        if (job.status().equals("failed")) {
            throw Outcomes.internalError();
        }
        if (!job.status().equals("complete")) {
            response.setStatus(202);
            response.setHeader("X-Progress", job.progress() == null ? job.status() : job.progress());
            response.setHeader("Retry-After", "2");
            return;
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("transactionTime", job.startedAt().toString());
        manifest.put("request", kickOffUrl(job));
        manifest.put("requiresAccessToken", true);
        List<Map<String, Object>> output = new ArrayList<>();
        for (ExportJobs.ExportFile file : jobs.files(job.id())) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("type", file.resourceType());
            entry.put(
                    "url",
                    base + "/" + FILE + "?" + JOB + "=" + job.id() + "&" + FILE_TYPE + "=" + file.resourceType());
            entry.put("count", file.count());
            output.add(entry);
        }
        manifest.put("output", output);
        manifest.put("error", List.of());
        response.setStatus(200);
        response.setContentType("application/json;charset=UTF-8");
        response.getWriter().write(JsonMapper.builder().build().writeValueAsString(manifest));
    }

    /** One NDJSON file of the caller's complete job. */
    @Operation(name = FILE, idempotent = true, manualResponse = true)
    public void file(ServletRequestDetails request) throws IOException {
        ExportJobs.Owner caller = ExportJobs.Owner.of(callers.caller(request));
        String id = single(request, JOB);
        String type = single(request, FILE_TYPE);
        if (id == null || type == null) {
            throw Outcomes.notFound();
        }
        String content = jobs.content(id, type, caller).orElseThrow(Outcomes::notFound);
        HttpServletResponse response = request.getServletResponse();
        response.setStatus(200);
        response.setContentType(NDJSON);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(content);
    }

    private void kickOff(ServletRequestDetails request, String level) {
        if (request.getRequestType() != RequestTypeEnum.GET) {
            throw Outcomes.invalid(INVALID_EXPORT, "an export is kicked off with GET, its parameters in the URL");
        }
        ApiCaller caller = callers.caller(request);
        String prefer = request.getHeader("Prefer");
        if (prefer == null || !prefer.toLowerCase(Locale.ROOT).contains("respond-async")) {
            throw Outcomes.invalid(INVALID_EXPORT, "an export runs asynchronously: send Prefer: respond-async");
        }
        Map<String, String[]> parameters = request.getParameters();
        for (String name : parameters.keySet()) {
            if (!KICK_OFF_PARAMETERS.contains(name)) {
                throw Outcomes.invalid(
                        INVALID_EXPORT,
                        "an export takes only _type, _since and _outputFormat (no _typeFilter, patient or _elements);"
                                + " nothing was started");
            }
        }
        String format = single(request, "_outputFormat");
        if (parameters.containsKey("_outputFormat") && (format == null || !OUTPUT_FORMATS.contains(format))) {
            throw Outcomes.invalid(INVALID_EXPORT, "an export is written as " + NDJSON + " only; nothing was started");
        }
        Instant since = since(parameters.get("_since"));
        List<String> types = types(parameters.get("_type"));
        if (caller instanceof ApiCaller.AgencySystem) {
            for (String type : types) {
                // An export finds every resource of the type and reads it: both letters.
                if (!callers.maySearch(request, type) || !callers.mayRead(request, type)) {
                    throw Outcomes.forbidden(
                            Outcomes.SCOPE_NOT_GRANTED,
                            "the token's scopes do not let it read and search " + type
                                    + " resources, so it may not export them; nothing was started");
                }
            }
        }
        if (caller.purpose() != Purpose.SUBJECT_ACCESS) {
            throw Outcomes.forbidden(
                    Outcomes.ACCESS_REFUSED,
                    "a bulk export is made for a subject access request: state the purpose subject-access");
        }
        Requester requester = callers.requester(request, caller);
        AccessDecisions decided = decisions.getObject();
        for (String type : types) {
            Category category = ExportJobs.EXPORTABLE.get(type);
            AccessDecision attempt = decided.mayAttempt(requester, Action.EXPORT, category);
            if (!attempt.allowed()) {
                decided.logWithoutPerson(requester, Action.EXPORT, category, attempt);
                // Rules 1 to 3 are about the caller only, so their reason tells nothing about anyone else.
                throw Outcomes.forbidden(Outcomes.ACCESS_REFUSED, attempt.reason() + "; nothing was started");
            }
        }
        String id = jobs.start(ExportJobs.Owner.of(caller), level, types, since);
        HttpServletResponse response = request.getServletResponse();
        response.setStatus(202);
        response.setHeader("Content-Location", base + "/" + STATUS + "?" + JOB + "=" + id);
    }

    /**
     * The instant of {@code _since}: a FHIR instant, to the second at least and with its zone (the Bulk Data IG's
     * form), given once; null when absent.
     */
    private static Instant since(String[] values) {
        if (values == null) {
            return null;
        }
        if (values.length != 1) {
            throw Outcomes.invalid(INVALID_EXPORT, "_since is given once; nothing was started");
        }
        try {
            // The database keeps microseconds and would round a finer instant up, past what changed at it.
            return OffsetDateTime.parse(values[0]).toInstant().truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException notAnInstant) {
            throw Outcomes.invalid(
                    INVALID_EXPORT,
                    "_since is an instant with its zone, such as 2024-03-10T12:00:00Z or 2024-03-10T12:00:00+01:00;"
                            + " nothing was started");
        }
    }

    /** The types asked for, each one exported; all of them when none is named. */
    private static List<String> types(String[] values) {
        if (values == null) {
            return List.copyOf(ExportJobs.EXPORTABLE.keySet());
        }
        Set<String> types = new LinkedHashSet<>();
        for (String value : values) {
            for (String part : value.split(",", -1)) {
                String type = part.strip();
                if (!ExportJobs.EXPORTABLE.containsKey(type)) {
                    throw Outcomes.invalid(
                            INVALID_EXPORT,
                            "_type may name only " + String.join(", ", ExportJobs.EXPORTABLE.keySet())
                                    + "; one type that is not exported refuses the whole request, and nothing was"
                                    + " started");
                }
                types.add(type);
            }
        }
        return List.copyOf(types);
    }

    private String kickOffUrl(ExportJobs.Job job) {
        return base + (job.kickOff().equals("patient") ? "/Patient/" : "/") + KICK_OFF + "?_type="
                + String.join(",", job.types())
                + (job.since() == null ? "" : "&_since=" + job.since());
    }

    private static String single(ServletRequestDetails request, String name) {
        String[] values = request.getParameters().get(name);
        if (values == null || values.length != 1 || values[0].isBlank() || values[0].length() > MAX_ID + 40) {
            return null;
        }
        return values[0];
    }
}
