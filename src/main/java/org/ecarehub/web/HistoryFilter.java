package org.ecarehub.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.ecarehub.access.HistoryEntry;
import org.ecarehub.access.HistoryPage;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.shared.AgencyId;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What a person asked to narrow their access history to: one agency, one category, a period of days (inclusive, on
 * Scottish time). Applied to the entries the viewer may see, after the access decision has decided them; a filter
 * never widens what is read. Each value is null when not asked for.
 *
 * @param problems what could not be understood, as sentences for the error summary; a filter with problems reads nothing
 */
public record HistoryFilter(AgencyId agency, Category category, LocalDate from, LocalDate to, List<String> problems) {

    public HistoryFilter {
        problems = List.copyOf(problems);
    }

    static final HistoryFilter NONE = new HistoryFilter(null, null, null, null, List.of());

    /** The filter the form asked for; an agency or category the partnership does not know is a problem, not ignored. */
    static HistoryFilter parse(Partnership partnership, String agency, String category, String from, String to) {
        List<String> problems = new ArrayList<>();
        AgencyId agencyId = null;
        if (present(agency)) {
            agencyId = partnership.agencies().stream()
                    .map(known -> known.id())
                    .filter(id -> id.value().equals(agency.strip()))
                    .findFirst()
                    .orElse(null);
            if (agencyId == null) {
                problems.add("Choose an agency from the list");
            }
        }
        Category chosen = null;
        if (present(category)) {
            chosen = Category.fromCode(category.strip()).orElse(null);
            if (chosen == null) {
                problems.add("Choose a kind of information from the list");
            }
        }
        LocalDate fromDay = day(from, "from", problems);
        LocalDate toDay = day(to, "to", problems);
        if (fromDay != null && toDay != null && toDay.isBefore(fromDay)) {
            problems.add("The end of the period must be on or after its start");
        }
        return new HistoryFilter(agencyId, chosen, fromDay, toDay, problems);
    }

    private static LocalDate day(String value, String which, List<String> problems) {
        if (!present(value)) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            problems.add("Enter the " + ("from".equals(which) ? "start" : "end")
                    + " of the period as a date, for example 2026-11-01");
            return null;
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    public boolean any() {
        return agency != null || category != null || from != null || to != null;
    }

    public boolean valid() {
        return problems.isEmpty();
    }

    /**
     * Whether the entry is listed under this filter: an access by the agency, categories and time the page shows for
     * it; a withholding notice only when nothing is filtered, since it has no agency, category or time to match.
     */
    boolean keeps(HistoryEntry entry) {
        if (entry.kind() == HistoryEntry.Kind.WITHHELD) {
            return !any();
        }
        return entry.kind() == HistoryEntry.Kind.SHOWN
                && entry.access() != null
                && matches(entry.access().agency(), entry.access().categories(), HistoryWords.happenedAt(entry));
    }

    /** The page's entries this filter keeps, the rest left out; the proofs of those kept are unchanged. */
    HistoryPage applied(HistoryPage page) {
        return new HistoryPage(
                page.entries().stream().filter(this::keeps).toList(), page.next(), page.head(), page.key());
    }

    private boolean matches(String agencyCode, List<String> categories, Instant when) {
        if (agency != null && !agency.value().equals(agencyCode)) {
            return false;
        }
        if (category != null && !categories.contains(category.code())) {
            return false;
        }
        LocalDate day = LocalDate.ofInstant(when, Dates.PARTNERSHIP_ZONE);
        return (from == null || !day.isBefore(from)) && (to == null || !day.isAfter(to));
    }

    /** The filter's query parameters on a path, for the next page's link and the downloads. */
    String on(String path, String person, Long before) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
        if (person != null) {
            uri.queryParam("person", person);
        }
        if (agency != null) {
            uri.queryParam("agency", agency.value());
        }
        if (category != null) {
            uri.queryParam("category", category.code());
        }
        if (from != null) {
            uri.queryParam("from", from.toString());
        }
        if (to != null) {
            uri.queryParam("to", to.toString());
        }
        if (before != null) {
            uri.queryParam("before", before);
        }
        return uri.build().encode().toUriString();
    }
}
