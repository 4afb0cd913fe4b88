package org.ecarehub.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.ecarehub.access.HistoryEntry;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.shared.AgencyId;
import org.junit.jupiter.api.Test;

class HistoryFilterTests {

    static HistoryEntry read(String agency, String category, Instant logged, String event) {
        return new HistoryEntry(
                HistoryEntry.Kind.SHOWN,
                null,
                new HistoryEntry.Access(
                        3,
                        logged,
                        "access",
                        "staff",
                        agency,
                        List.of("social-worker"),
                        null,
                        "read",
                        List.of(category),
                        "direct-care",
                        "implied-consent",
                        null,
                        null,
                        true),
                new HistoryEntry.Proof(event, new byte[16], logged.toEpochMilli(), 1, null, null),
                null);
    }

    static HistoryEntry withheld() {
        return new HistoryEntry(
                HistoryEntry.Kind.WITHHELD,
                null,
                null,
                null,
                new HistoryEntry.Notice("third-party", LocalDate.parse("2027-05-01")));
    }

    static HistoryFilter only(String agency, Category category, String from, String to) {
        return new HistoryFilter(
                agency == null ? null : AgencyId.of(agency),
                category,
                from == null ? null : LocalDate.parse(from),
                to == null ? null : LocalDate.parse(to),
                List.of());
    }

    @Test
    void saysWhatItDoesNotUnderstandAndFiltersNothingByIt() {
        HistoryFilter filter =
                HistoryFilter.parse(Partnership.empty(), "nowhere-council", "gossip", "yesterday", "2026-13-40");
        assertThat(filter.valid()).isFalse();
        assertThat(filter.problems())
                .containsExactly(
                        "Choose an agency from the list",
                        "Choose a kind of information from the list",
                        "Enter the start of the period as a date, for example 2026-11-01",
                        "Enter the end of the period as a date, for example 2026-11-01");
        assertThat(filter.any()).isFalse();
        assertThat(HistoryFilter.parse(Partnership.empty(), null, "care-plan", "2026-11-02", "2026-11-01")
                        .problems())
                .containsExactly("The end of the period must be on or after its start");
        assertThat(HistoryFilter.parse(Partnership.empty(), " ", "", null, null))
                .isEqualTo(HistoryFilter.NONE);
    }

    @Test
    void keepsAnAccessByItsAgencyCategoryAndDayOnScottishTime() {
        // 23:30 UTC on 31 October 2026 is still 31 October in Scotland (GMT); in summer 23:30 UTC is the next day.
        HistoryEntry lateInOctober = read("slc-social-work", "care-plan", Instant.parse("2026-10-31T23:30:00Z"), "{}");
        HistoryEntry summerNight = read("slc-social-work", "care-plan", Instant.parse("2026-06-30T23:30:00Z"), "{}");
        assertThat(only("slc-social-work", Category.CARE_PLAN, "2026-10-31", "2026-10-31")
                        .keeps(lateInOctober))
                .isTrue();
        assertThat(only(null, null, "2026-07-01", null).keeps(summerNight)).isTrue();
        assertThat(only("nhs-lanarkshire", null, null, null).keeps(lateInOctober))
                .isFalse();
        assertThat(only(null, Category.HEALTH_DETAIL, null, null).keeps(lateInOctober))
                .isFalse();
        assertThat(only(null, null, "2026-11-01", null).keeps(lateInOctober)).isFalse();
        assertThat(only(null, null, null, "2026-10-30").keeps(lateInOctober)).isFalse();
    }

    @Test
    void filtersAReplayedEntryByTheStorysTime() {
        String replayed = "{\"type\":\"access\",\"what\":{\"action\":\"read\",\"categories\":[\"care-plan\"],"
                + "\"occurredAt\":\"2026-10-03T19:12:00Z\",\"replayed\":true}}";
        HistoryEntry entry = read("slc-social-work", "care-plan", Instant.parse("2026-11-26T09:00:00Z"), replayed);
        assertThat(only(null, null, "2026-10-03", "2026-10-03").keeps(entry)).isTrue();
        assertThat(only(null, null, "2026-11-26", null).keeps(entry)).isFalse();
        HistoryLine line = new HistoryWords(Partnership.empty()).line(4, entry).orElseThrow();
        assertThat(line.replayed()).isTrue();
        assertThat(line.when()).isEqualTo(Instant.parse("2026-10-03T19:12:00Z"));
        assertThat(line.index()).isEqualTo(4);
    }

    @Test
    void listsAWithholdingNoticeOnlyWhenNothingIsFiltered() {
        assertThat(HistoryFilter.NONE.keeps(withheld())).isTrue();
        assertThat(only(null, null, "2020-01-01", null).keeps(withheld())).isFalse();
        assertThat(only("slc-social-work", null, null, null).keeps(withheld())).isFalse();
        assertThat(HistoryFilter.NONE.keeps(new HistoryEntry(HistoryEntry.Kind.NOT_SHOWN, null, null, null, null)))
                .isFalse();
    }

    @Test
    void putsTheBreakGlassReasonInWordsOnTheLineAndInThePdf() throws Exception {
        HistoryLine line = new HistoryWords(Partnership.empty())
                .line(0, HistoryCsvTests.breakGlass("Checking key holder and risks"))
                .orElseThrow();
        assertThat(line.action()).isEqualTo("Opened emergency access to the record (break-glass)");
        assertThat(line.basis()).startsWith("Emergency access (break-glass)");
        assertThat(line.reason()).isEqualTo("Checking key holder and risks");
        assertThat(line.categories()).isEqualTo("The record as a whole");
        HistoryLine notice =
                new HistoryWords(Partnership.empty()).line(1, withheld()).orElseThrow();
        assertThat(notice.notice())
                .contains("third party")
                .contains("1 May 2027")
                .doesNotContain("third-party");

        PdfReader reader = new PdfReader(HistoryPdf.of("Every entry you may see.", List.of(line, notice)));
        String text = new PdfTextExtractor(reader).getTextFromPage(1).replaceAll("\\s+", " ");
        reader.close();
        assertThat(text)
                .contains("Who has seen the record")
                .contains("Checking key holder and risks")
                .contains("1 May 2027");
    }
}
