package org.ecarehub.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ecarehub.identity.AgencySystemCaller;
import org.ecarehub.identity.Callers;
import org.ecarehub.person.Actor;
import org.ecarehub.person.ImportReport;
import org.ecarehub.person.PersonFileImports;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/person-files}: an agency's system sends a person file (text/csv) for the person index, as {@code
 * ./ecare import persons} does; the answer counts what became of the rows and lists every problem with its file and
 * line. The rules are the person module's: this adapter says who is calling and shows the answer.
 */
@RestController
class PersonFilesApi {

    static final int MAX_FILE_NAME = 300;

    private final Callers callers;
    private final PersonFileImports imports;

    PersonFilesApi(Callers callers, PersonFileImports imports) {
        this.callers = callers;
        this.imports = imports;
    }

    @PostMapping(path = "/api/person-files")
    ResponseEntity<Map<String, Object>> importFile(
            Authentication authentication,
            @RequestParam(name = "file", defaultValue = "person-file.csv") String file,
            @RequestParam(name = "strict", defaultValue = "false") boolean strict,
            @RequestBody(required = false) byte[] content) {
        AgencySystemCaller caller = callers.agencySystem(authentication).orElse(null);
        if (caller == null) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN)
                    .body(Map.of(
                            "error",
                            "agency-systems-only",
                            "message",
                            "person files come from an agency's own system, with its token"));
        }
        String name = file.length() > MAX_FILE_NAME ? file.substring(0, MAX_FILE_NAME) : file;
        ImportReport report = imports.importFile(
                name,
                content == null ? new byte[0] : content,
                Actor.agencySystem(caller.agency().id(), caller.configurationVersion()),
                strict);
        HttpStatus status = switch (report.status()) {
            case DONE -> HttpStatus.OK;
            case REFUSED -> HttpStatus.UNPROCESSABLE_CONTENT;
            case STOPPED -> HttpStatus.SERVICE_UNAVAILABLE;
        };
        return ResponseEntity.status(status)
                .cacheControl(CacheControl.noStore())
                .body(json(report));
    }

    static Map<String, Object> json(ImportReport report) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("file", report.file());
        body.put("strict", report.strict());
        body.put("status", report.status().name().toLowerCase(java.util.Locale.ROOT));
        body.put("read", report.read());
        body.put("stored", report.stored());
        body.put("unchanged", report.unchanged());
        body.put("linked", report.linked());
        body.put("review", report.review());
        body.put("newPersons", report.newPersons());
        body.put("rejected", report.rejected());
        List<Map<String, Object>> problems = report.problems().stream()
                .map(problem -> {
                    Map<String, Object> one = new LinkedHashMap<>();
                    one.put("file", problem.file());
                    one.put("line", problem.line());
                    one.put("message", problem.message());
                    return one;
                })
                .toList();
        body.put("problems", problems);
        return body;
    }
}
