package org.ecarehub.web;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.ecarehub.access.PortalHistory;
import org.ecarehub.access.Requester;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.shared.PersonId;
import org.ecarehub.transparency.LogUnavailable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The access history that a portal account may see, as JSON for the portal page and its verifier, as the subject
 * access export, and as CSV. {@code person} is the person whose history is read; without it, the account's own.
 * Another person's id, an unknown id and one outside the viewer's authority all answer the same 404.
 */
@RestController
@RequestMapping("/portal/api/history")
class PortalHistoryApi {

    private final PortalHistory history;
    private final ObjectProvider<PortalRequesters> requesters;
    private final Partnerships partnerships;

    PortalHistoryApi(PortalHistory history, ObjectProvider<PortalRequesters> requesters, Partnerships partnerships) {
        this.history = history;
        this.requesters = requesters;
        this.partnerships = partnerships;
    }

    @GetMapping
    ResponseEntity<?> page(
            HttpServletRequest request,
            @RequestParam(required = false) String person,
            @RequestParam(required = false) String before,
            @RequestParam(required = false) String size) {
        Optional<Requester.Portal> viewer = viewer(request);
        if (viewer.isEmpty()) {
            return notSignedIn();
        }
        long cursor = before == null ? Long.MAX_VALUE : number("before", before);
        int pageSize = size == null ? PortalHistory.PAGE_SIZE : (int) Math.min(Integer.MAX_VALUE, number("size", size));
        return answer(history.page(viewer.get(), subject(viewer.get(), person), cursor, pageSize)
                .map(HistoryJson::page));
    }

    @GetMapping("/export")
    ResponseEntity<?> export(HttpServletRequest request, @RequestParam(required = false) String person) {
        Optional<Requester.Portal> viewer = viewer(request);
        if (viewer.isEmpty()) {
            return notSignedIn();
        }
        return history.export(viewer.get(), subject(viewer.get(), person))
                .<ResponseEntity<?>>map(page -> ResponseEntity.ok()
                        .cacheControl(CacheControl.noStore())
                        .header(HttpHeaders.CONTENT_DISPOSITION, attachment("access-history.json"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(HistoryJson.export(page)))
                .orElseGet(PortalHistoryApi::notFound);
    }

    /** The history as CSV, narrowed by the portal page's filter ({@link HistoryFilter}) when one is given. */
    @GetMapping("/csv")
    ResponseEntity<?> csv(
            HttpServletRequest request,
            @RequestParam(required = false) String person,
            @RequestParam(required = false) String agency,
            @RequestParam(required = false) String category,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        Optional<Requester.Portal> viewer = viewer(request);
        if (viewer.isEmpty()) {
            return notSignedIn();
        }
        HistoryFilter filter = HistoryFilter.parse(partnerships.current().partnership(), agency, category, from, to);
        if (!filter.valid()) {
            throw new PortalHistory.HistoryRequestRejected(String.join("; ", filter.problems()));
        }
        return history.export(viewer.get(), subject(viewer.get(), person))
                .map(filter::applied)
                .<ResponseEntity<?>>map(page -> ResponseEntity.ok()
                        .cacheControl(CacheControl.noStore())
                        .header(HttpHeaders.CONTENT_DISPOSITION, attachment("access-history.csv"))
                        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                        .body(HistoryCsv.of(page)))
                .orElseGet(PortalHistoryApi::notFound);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, Object>> rejected(IllegalArgumentException e) {
        return error(HttpStatus.BAD_REQUEST, "bad-request", e.getMessage());
    }

    @ExceptionHandler(LogUnavailable.class)
    ResponseEntity<Map<String, Object>> unavailable(LogUnavailable e) {
        return error(HttpStatus.SERVICE_UNAVAILABLE, "log-unavailable", "the transparency log cannot be read now");
    }

    private Optional<Requester.Portal> viewer(HttpServletRequest request) {
        PortalRequesters source = requesters.getIfAvailable();
        return source == null ? Optional.empty() : source.of(request);
    }

    /** The person asked for; an id that is no person-index id is answered like any person the viewer may not see. */
    private static PersonId subject(Requester.Portal viewer, String person) {
        if (person == null || person.isBlank()) {
            return viewer.boundTo() == null ? PersonId.random() : viewer.boundTo();
        }
        try {
            return PersonId.of(person.strip());
        } catch (IllegalArgumentException e) {
            return PersonId.random();
        }
    }

    private static ResponseEntity<?> answer(Optional<Map<String, Object>> body) {
        return body.<ResponseEntity<?>>map(json ->
                        ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(json))
                .orElseGet(PortalHistoryApi::notFound);
    }

    private static long number(String name, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new PortalHistory.HistoryRequestRejected(name + " must be a whole number");
        }
    }

    private static String attachment(String name) {
        return ContentDisposition.attachment().filename(name).build().toString();
    }

    private static ResponseEntity<?> notSignedIn() {
        return error(HttpStatus.UNAUTHORIZED, "not-signed-in", "sign in to the portal to see the history");
    }

    private static ResponseEntity<Map<String, Object>> notFound() {
        return error(HttpStatus.NOT_FOUND, "not-found", "no history that this account may see");
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String error, String message) {
        return ResponseEntity.status(status)
                .cacheControl(CacheControl.noStore())
                .body(Map.of("error", error, "message", message));
    }
}
