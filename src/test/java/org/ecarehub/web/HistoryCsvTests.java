package org.ecarehub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.ecarehub.access.HistoryEntry;
import org.ecarehub.access.HistoryPage;
import org.ecarehub.transparency.TransparencyLog;
import org.junit.jupiter.api.Test;

class HistoryCsvTests {

    static HistoryEntry breakGlass(String reason) {
        return new HistoryEntry(
                HistoryEntry.Kind.SHOWN,
                null,
                new HistoryEntry.Access(
                        7,
                        Instant.parse("2026-11-20T19:10:00Z"),
                        "break-glass",
                        "staff",
                        "slc-social-work",
                        List.of("out-of-hours-social-worker"),
                        null,
                        "open",
                        List.of(),
                        "direct-care",
                        "break-glass",
                        reason,
                        null,
                        true),
                null,
                null);
    }

    static String csv(HistoryEntry... entries) {
        return HistoryCsv.of(
                new HistoryPage(List.of(entries), null, null, new TransparencyLog.LogPublicKey(new byte[0], "k")));
    }

    @Test
    void neutralisesEveryCellThatASpreadsheetWouldReadAsAFormula() {
        for (String formula : List.of("=HYPERLINK(\"x\")", "+1", "-1+2", "@SUM(A1)", "\tTAB", "\rCR")) {
            String line = csv(breakGlass(formula)).split("\r\n", -1)[1];
            assertThat(line).as(formula).doesNotContain("," + formula).contains("'" + formula.substring(0, 1));
        }
        assertThat(HistoryCsv.cell("=1+1")).isEqualTo("'=1+1");
        assertThat(HistoryCsv.cell("@x")).isEqualTo("'@x");
        assertThat(HistoryCsv.cell("\t1")).isEqualTo("'\t1");
        assertThat(HistoryCsv.cell("\r1")).isEqualTo("\"'\r1\"");
        assertThat(HistoryCsv.cell("-2")).isEqualTo("'-2");
        assertThat(HistoryCsv.cell("=a,b")).isEqualTo("\"'=a,b\"");
    }

    @Test
    void leavesOrdinaryTextAloneAndQuotesWhatRfc4180Needs() {
        assertThat(HistoryCsv.cell("Homecare found no answer")).isEqualTo("Homecare found no answer");
        assertThat(HistoryCsv.cell("a \"key\" holder, checked")).isEqualTo("\"a \"\"key\"\" holder, checked\"");
        assertThat(HistoryCsv.cell("")).isEmpty();
    }

    @Test
    void writesTheShownEntriesAndTheNoticesButNoHiddenEvent() {
        String csv = csv(
                breakGlass("Homecare found no answer at 19:00; checking key holder and risks"),
                new HistoryEntry(
                        HistoryEntry.Kind.WITHHELD,
                        null,
                        null,
                        null,
                        new HistoryEntry.Notice("third-party", LocalDate.of(2027, 5, 1))),
                new HistoryEntry(HistoryEntry.Kind.NOT_SHOWN, null, null, null, null));
        String[] lines = csv.split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).isEqualTo(HistoryCsv.HEADER);
        assertThat(lines[1]).startsWith("2026-11-20T19:10:00Z,break-glass,slc-social-work,");
        assertThat(lines[1]).contains(",Homecare found no answer at 19:00; checking key holder and risks,");
        assertThat(lines[2]).endsWith(",third-party,2027-05-01");
    }
}
