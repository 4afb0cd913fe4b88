package org.ecarehub.web;

import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Accesses per month by agency among the entries a page lists, as the rows of a table with a bar each: the table is
 * what assistive technology reads, the bar a drawing of the same number (an SVG rectangle's width, since the portal's
 * Content-Security-Policy allows no inline style).
 */
public record HistoryChart(List<Bar> bars) {

    /** The widest bar, in the SVG's user units. */
    public static final int WIDTH = 200;

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.UK);

    public HistoryChart {
        bars = List.copyOf(bars);
    }

    /** @param width the bar's length, from 1 to {@link #WIDTH}, in proportion to the busiest month and agency */
    public record Bar(String month, String agency, int accesses, int width) {}

    static HistoryChart of(List<HistoryLine> lines, Function<String, String> agencyNames) {
        Map<YearMonth, Map<String, Integer>> counts = new TreeMap<>(Comparator.reverseOrder());
        for (HistoryLine line : lines) {
            if (line.withheld()) {
                continue;
            }
            YearMonth month = YearMonth.from(line.when().atZone(Dates.PARTNERSHIP_ZONE));
            String agency = line.agency() == null ? "No agency (you, or eCare Hub)" : agencyNames.apply(line.agency());
            counts.computeIfAbsent(month, key -> new TreeMap<>()).merge(agency, 1, Integer::sum);
        }
        int most = counts.values().stream()
                .flatMap(byAgency -> byAgency.values().stream())
                .max(Integer::compare)
                .orElse(1);
        List<Bar> bars = new ArrayList<>();
        counts.forEach((month, byAgency) -> byAgency.forEach((agency, accesses) ->
                bars.add(new Bar(MONTH.format(month), agency, accesses, Math.max(1, accesses * WIDTH / most)))));
        return new HistoryChart(bars);
    }
}
