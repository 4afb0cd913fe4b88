package org.ecarehub.web;

import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.ecarehub.access.HistoryEntry;
import org.ecarehub.access.HistoryPage;
import org.ecarehub.access.PortalHistory;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.shared.PersonId;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * "Who has seen the record": the access history of the chosen person (or the person the URL names; the access module
 * answers for either, so another person's id shows the same "nothing here" as an unknown one), in plain words, with the
 * proofs for the browser's own check, filters, a chart and the PDF. Decision 0038 says how a filtered page reads.
 */
@Controller
class PortalHistoryPages {

    /** The entries a page aims to list before it offers older ones. */
    static final int LISTED = PortalHistory.PAGE_SIZE;

    /** The readings one filtered page may take, each decided and logged, before it offers older entries instead. */
    static final int READINGS = 4;

    /** The events one reading of a filtered page covers. */
    static final int FILTERED_READING = 250;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PortalViewer viewer;
    private final PortalHistory history;
    private final Partnerships partnerships;

    PortalHistoryPages(PortalViewer viewer, PortalHistory history, Partnerships partnerships) {
        this.viewer = viewer;
        this.history = history;
        this.partnerships = partnerships;
    }

    @GetMapping("/portal/history")
    String history(
            @RequestParam(name = "person", required = false) String person,
            @RequestParam(name = "before", required = false) String before,
            @RequestParam(name = "agency", required = false) String agency,
            @RequestParam(name = "category", required = false) String category,
            @RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to,
            Authentication authentication,
            HttpSession session,
            Model model) {
        PortalViewing viewing = viewer.viewing(authentication, session);
        Partnership partnership = partnerships.current().partnership();
        HistoryFilter filter = HistoryFilter.parse(partnership, agency, category, from, to);
        List<String> problems = new ArrayList<>(filter.problems());
        long cursor = Long.MAX_VALUE;
        if (before != null && !before.isBlank()) {
            try {
                cursor = Long.parseLong(before.strip());
            } catch (NumberFormatException e) {
                problems.add("The link to older entries was not understood: start again from the newest");
            }
            if (cursor <= 0) {
                problems.add("The link to older entries was not understood: start again from the newest");
            }
        }
        Optional<PersonId> asked = subject(viewing, person);
        HistoryWords words = new HistoryWords(partnership);
        List<HistoryBlock> blocks = new ArrayList<>();
        Long next = null;
        boolean found = false;
        if (problems.isEmpty() && asked.isPresent()) {
            int listed = 0;
            for (int reading = 0; reading < READINGS; reading++) {
                Optional<HistoryPage> page = history.page(
                        viewing.requester(),
                        asked.get(),
                        cursor,
                        filter.any() ? FILTERED_READING : PortalHistory.PAGE_SIZE);
                if (page.isEmpty()) {
                    break;
                }
                found = true;
                List<HistoryLine> lines = lines(words, filter, page.get());
                blocks.add(new HistoryBlock(
                        JSON.writeValueAsString(HistoryJson.page(page.get())),
                        page.get().next() != null,
                        lines));
                listed += lines.size();
                next = page.get().next();
                if (next == null || listed >= LISTED) {
                    break;
                }
                cursor = next;
            }
        }
        List<HistoryLine> all =
                blocks.stream().flatMap(block -> block.lines().stream()).toList();
        // The links name the person read, so that the downloads and older pages stay on them whatever the session
        // chooses meanwhile (the CSV's default is the account's own record, not the chosen one).
        String shownPerson = asked.map(PersonId::value).orElse(null);
        model.addAttribute("viewing", viewing);
        model.addAttribute("problems", problems);
        model.addAttribute("filter", filter);
        model.addAttribute("found", found);
        model.addAttribute("blocks", blocks);
        model.addAttribute("listed", all.size());
        model.addAttribute("chart", HistoryChart.of(all, words::agency));
        model.addAttribute("chartWidth", HistoryChart.WIDTH);
        model.addAttribute("person", shownPerson);
        model.addAttribute("older", next == null ? null : filter.on("/portal/history", shownPerson, next));
        model.addAttribute("csv", filter.on("/portal/api/history/csv", shownPerson, null));
        model.addAttribute("pdf", filter.on("/portal/history/pdf", shownPerson, null));
        model.addAttribute("agencies", partnership.agencies());
        model.addAttribute("categories", List.of(Category.values()));
        model.addAttribute("categoryWords", new CategoryWords());
        return "portal-history";
    }

    /**
     * The same entries as the page, every one the viewer may see under the filter, as PDF: read as one export,
     * decided and logged once.
     */
    @GetMapping("/portal/history/pdf")
    ResponseEntity<byte[]> pdf(
            @RequestParam(name = "person", required = false) String person,
            @RequestParam(name = "agency", required = false) String agency,
            @RequestParam(name = "category", required = false) String category,
            @RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to,
            Authentication authentication,
            HttpSession session) {
        PortalViewing viewing = viewer.viewing(authentication, session);
        Partnership partnership = partnerships.current().partnership();
        HistoryFilter filter = HistoryFilter.parse(partnership, agency, category, from, to);
        if (!filter.valid()) {
            return plain(HttpStatus.BAD_REQUEST, String.join(". ", filter.problems()));
        }
        Optional<HistoryPage> export =
                subject(viewing, person).flatMap(asked -> history.export(viewing.requester(), asked));
        if (export.isEmpty()) {
            return plain(HttpStatus.NOT_FOUND, "There is no history here for you to see.");
        }
        List<HistoryLine> lines = lines(new HistoryWords(partnership), filter, export.get());
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("access-history.pdf")
                                .build()
                                .toString())
                .contentType(MediaType.APPLICATION_PDF)
                .body(HistoryPdf.of(described(filter, new HistoryWords(partnership)), lines));
    }

    /** The entries of a reading that the filter keeps, in words, the latest first by when they happened. */
    private static List<HistoryLine> lines(HistoryWords words, HistoryFilter filter, HistoryPage page) {
        List<HistoryLine> lines = new ArrayList<>();
        List<HistoryEntry> entries = page.entries();
        for (int i = 0; i < entries.size(); i++) {
            if (filter.keeps(entries.get(i))) {
                words.line(i, entries.get(i)).ifPresent(lines::add);
            }
        }
        // A replayed story's steps were logged in one go at seeding, so the story's order is its times', not the log's.
        lines.sort(Comparator.comparing(
                (HistoryLine line) -> line.when() == null ? Instant.MAX : line.when(), Comparator.reverseOrder()));
        return lines;
    }

    private static String described(HistoryFilter filter, HistoryWords words) {
        if (!filter.any()) {
            return "Every entry you may see.";
        }
        List<String> parts = new ArrayList<>();
        if (filter.agency() != null) {
            parts.add("by " + words.agency(filter.agency().value()));
        }
        if (filter.category() != null) {
            parts.add("about " + HistoryWords.category(filter.category().code()));
        }
        if (filter.from() != null) {
            parts.add("from " + Dates.day(filter.from()));
        }
        if (filter.to() != null) {
            parts.add("to " + Dates.day(filter.to()));
        }
        return "Only the entries " + String.join(", ", parts) + ".";
    }

    /** The person the page asks about: the one named, or the chosen one; nobody for an unbound account. */
    private static Optional<PersonId> subject(PortalViewing viewing, String person) {
        if (!viewing.account().bound()) {
            return Optional.empty();
        }
        if (person == null || person.isBlank()) {
            return Optional.ofNullable(viewing.person());
        }
        try {
            return Optional.of(PersonId.of(person.strip()));
        } catch (IllegalArgumentException notAnId) {
            // Answered like any person the viewer may not see, after a logged refusal, as the record page does.
            return Optional.of(PersonId.random());
        }
    }

    private static ResponseEntity<byte[]> plain(HttpStatus status, String message) {
        return ResponseEntity.status(status)
                .cacheControl(CacheControl.noStore())
                .contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
                .body(message.getBytes(StandardCharsets.UTF_8));
    }

    /** The categories' words for the filter's list. */
    public static final class CategoryWords {

        public String of(Category category) {
            String words = HistoryWords.category(category.code());
            return Character.toUpperCase(words.charAt(0)) + words.substring(1);
        }
    }
}
