package org.ecarehub.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ecarehub.partnership.Category;
import org.ecarehub.shared.PersonId;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.ecarehub.transparency.EventProofs;
import org.ecarehub.transparency.LoggedEvent;
import org.ecarehub.transparency.PersonEvents;
import org.ecarehub.transparency.SignedTreeHead;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The access history that Agnes Thomson's son (welfare attorney), her daughter (nominated next of kin) and Lisa Kerr
 * (parent of Ryan) see, on a demo hub with the accesses of {@link PortalHistoryStory}: within each one's authority,
 * withholdings obeyed, every entry shown provable against the signed log, and the reading itself logged.
 */
@Tag("database")
class PortalHistoryIntegrationTests {

    @TempDir
    static Path dataDir;

    static RunningHub hub;
    static PortalHistoryStory story;
    static PortalHistory history;

    @BeforeAll
    static void tellTheStory() {
        hub = RunningHub.demo(dataDir, TestDatabase.fresh(dataDir));
        story = PortalHistoryStory.tell(hub);
        history = hub.bean(PortalHistory.class);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    static Requester.Portal david() {
        return new Requester.Portal("david.thomson", story.david);
    }

    static Requester.Portal fiona() {
        return new Requester.Portal("fiona.thomson", story.fiona);
    }

    static List<HistoryEntry> shown(HistoryPage page) {
        return page.entries().stream()
                .filter(entry -> entry.kind() == HistoryEntry.Kind.SHOWN)
                .toList();
    }

    @Test
    void showsDavidTheBreakGlassWithItsReasonAndTheAccessesOfHisMother() {
        HistoryPage page =
                history.page(david(), story.agnes, Long.MAX_VALUE, 50).orElseThrow();

        assertThat(shown(page))
                .filteredOn(entry -> entry.access().type().equals("break-glass"))
                .singleElement()
                .satisfies(entry -> {
                    assertThat(entry.access().agency()).isEqualTo("slc-social-work");
                    assertThat(entry.access().basis()).isEqualTo("break-glass");
                    assertThat(entry.access().breakGlassReason()).isEqualTo(PortalHistoryStory.BREAK_GLASS_REASON);
                    assertThat(entry.access().account())
                            .as("role only by default")
                            .isNull();
                });
        assertThat(shown(page))
                .filteredOn(entry -> entry.access().type().equals("access")
                        && "duty.sw".equals(accountOf(entry))
                        && entry.access().allowed())
                .isNotEmpty()
                .allSatisfy(entry -> assertThat(entry.access().basis()).isEqualTo("break-glass"));
        assertThat(shown(page))
                .filteredOn(entry -> !entry.access().allowed())
                .isNotEmpty()
                .allSatisfy(entry -> assertThat(entry.access().basis()).isEqualTo("refused"));
    }

    @Test
    void tellsDavidOfTheAccessWithheldForSeriousHarmAndNothingOfTheOneWithheldForCrime() {
        HistoryPage page =
                history.page(david(), story.agnes, Long.MAX_VALUE, 500).orElseThrow();

        assertThat(page.entries())
                .filteredOn(entry -> entry.kind() == HistoryEntry.Kind.WITHHELD)
                .singleElement()
                .satisfies(entry -> {
                    assertThat(entry.notice().exemption()).isEqualTo("serious-harm");
                    assertThat(entry.access()).isNull();
                    assertThat(entry.proof()).isNull();
                });
        assertThat(shown(page))
                .extracting(entry -> entry.access().eventId())
                .doesNotContain(story.reportRead, story.housingRead);
        assertThat(page.entries())
                .noneMatch(entry ->
                        entry.notice() != null && entry.notice().exemption().equals("crime"));
        assertThat(shown(page))
                .as("an access naming an item withheld with a notice is shown: the record tells of the item already")
                .anyMatch(entry -> entry.proof().event().contains(story.neighboursReport.reference()));
    }

    @Test
    void provesEveryShownEntryAgainstTheSignedTreeHeadAndKeepsThePersonsChainWhole() {
        HistoryPage page =
                history.page(david(), story.agnes, Long.MAX_VALUE, 500).orElseThrow();
        SignedTreeHead head = page.head();
        var key = SignedTreeHead.ed25519PublicKey(page.key().der());

        List<HistoryEntry> proven = shown(page).stream()
                .filter(entry -> entry.proof().auditPath() != null)
                .toList();
        assertThat(proven).hasSizeGreaterThan(3);
        for (HistoryEntry entry : proven) {
            assertThat(EventProofs.problems(
                            entry.proof().timestampMillis(),
                            entry.proof().eventType(),
                            entry.proof().salt(),
                            entry.proof().event(),
                            entry.link().leafIndex(),
                            entry.proof().leafInput(),
                            entry.proof().auditPath(),
                            head,
                            key))
                    .as("entry %s", entry.access().eventId())
                    .isEmpty();
        }
        HistoryEntry first = proven.get(0);
        byte[] salt = first.proof().salt().clone();
        salt[0] ^= 1;
        assertThat(EventProofs.problems(
                        first.proof().timestampMillis(),
                        first.proof().eventType(),
                        salt,
                        first.proof().event(),
                        first.link().leafIndex(),
                        first.proof().leafInput(),
                        first.proof().auditPath(),
                        head,
                        key))
                .isNotEmpty();

        assertThat(page.next()).isNull();
        Map<PersonId, List<HistoryEntry.Link>> chains = new HashMap<>();
        page.entries().stream()
                .map(HistoryEntry::link)
                .filter(link -> link != null)
                .forEach(link -> chains.computeIfAbsent(link.person(), person -> new ArrayList<>())
                        .add(link));
        chains.values().forEach(chain -> {
            chain.sort(Comparator.comparingLong(HistoryEntry.Link::sequence));
            for (int i = 0; i < chain.size(); i++) {
                assertThat(chain.get(i).sequence()).isEqualTo(i + 1);
                assertThat(chain.get(i).previousLeaf())
                        .isEqualTo(i == 0 ? -1 : chain.get(i - 1).leafIndex());
            }
        });
    }

    @Test
    void pagesNewestFirstWithACursorThatContinuesWhereThePageStopped() {
        HistoryPage all =
                history.page(david(), story.agnes, Long.MAX_VALUE, 500).orElseThrow();
        HistoryPage first =
                history.page(david(), story.agnes, Long.MAX_VALUE, 3).orElseThrow();
        assertThat(first.entries()).hasSize(3);
        assertThat(first.next()).isNotNull();
        HistoryPage second = history.page(david(), story.agnes, first.next(), 3).orElseThrow();

        List<Long> ids = new ArrayList<>();
        first.entries().stream()
                .filter(entry -> entry.link() != null)
                .map(entry -> entry.link().sequence())
                .forEach(ids::add);
        second.entries().stream()
                .filter(entry -> entry.link() != null)
                .map(entry -> entry.link().sequence())
                .forEach(ids::add);
        assertThat(ids).isSortedAccordingTo(Comparator.reverseOrder()).doesNotHaveDuplicates();
        assertThat(all.entries().stream()
                        .filter(entry -> entry.link() != null)
                        .mapToLong(entry -> entry.link().sequence())
                        .min())
                .hasValue(1);
        assertThatThrownBy(() -> history.page(david(), story.agnes, Long.MAX_VALUE, 0))
                .isInstanceOf(PortalHistory.HistoryRequestRejected.class);
        assertThatThrownBy(() -> history.page(david(), story.agnes, 0, 10))
                .isInstanceOf(PortalHistory.HistoryRequestRejected.class);
    }

    /** Who acted, from the event the entry proves: the page itself names a role only. */
    private static String accountOf(HistoryEntry entry) {
        return tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .readTree(entry.proof().event())
                .path("who")
                .path("account")
                .asString();
    }

    @Test
    void showsFionaOnlyAccessesWithinTheCategoriesSheWasNominatedFor() {
        HistoryPage page =
                history.page(fiona(), story.agnes, Long.MAX_VALUE, 500).orElseThrow();
        Set<String> hers = Set.of("contacts", "care-plan", "service-provision");

        assertThat(shown(page))
                .isNotEmpty()
                .allSatisfy(entry -> assertThat(hers).containsAll(entry.access().categories()));
        assertThat(page.entries())
                .filteredOn(entry -> entry.kind() == HistoryEntry.Kind.NOT_SHOWN)
                .isNotEmpty()
                .allSatisfy(entry -> assertThat(entry.access()).isNull());
    }

    @Test
    void showsLisaNoProtectionAccessAboutRyanNorAnyProtectionCategory() {
        HistoryPage page = history.page(new Requester.Portal("lisa.kerr", story.lisa), story.ryan, Long.MAX_VALUE, 500)
                .orElseThrow();

        assertThat(page.entries()).anyMatch(entry -> entry.kind() == HistoryEntry.Kind.NOT_SHOWN);
        assertThat(shown(page)).allSatisfy(entry -> {
            assertThat(entry.access().categories()).doesNotContain(Category.PROTECTION.code());
            assertThat(entry.access().purpose()).isNotIn("child-protection", "adult-protection");
            assertThat(entry.proof().event()).doesNotContain("child-protection");
        });
        assertThat(page.entries())
                .as("W3's withholding neither confirms nor denies")
                .noneMatch(entry -> entry.kind() == HistoryEntry.Kind.WITHHELD);
    }

    @Test
    void answersAnUnboundAccountAnotherPersonsIdAndAnUnknownIdAlikeWithNothing() {
        assertThat(history.page(new Requester.Portal("stranger", null), story.agnes, Long.MAX_VALUE, 50))
                .isEmpty();
        assertThat(history.page(david(), story.ryan, Long.MAX_VALUE, 50)).isEmpty();
        assertThat(history.page(david(), PersonId.random(), Long.MAX_VALUE, 50)).isEmpty();
        assertThat(history.export(david(), story.ryan)).isEmpty();
    }

    @Test
    void logsEachReadingOfTheHistoryAsAnAccessByThePortalAccount() {
        int before = readingsBy("david.thomson");
        history.page(david(), story.agnes, Long.MAX_VALUE, 10).orElseThrow();
        assertThat(readingsBy("david.thomson")).isGreaterThan(before);
        history.page(david(), story.ryan, Long.MAX_VALUE, 10);
        assertThat(hub.bean(PersonEvents.class).about(List.of(story.ryan), 500))
                .filteredOn(event -> "david.thomson".equals(event.account()))
                .isNotEmpty()
                .allSatisfy(event -> assertThat(event.decision()).isEqualTo("deny"));
    }

    private static int readingsBy(String account) {
        List<LoggedEvent> events = hub.bean(PersonEvents.class).about(List.of(story.agnes), 500);
        return (int) events.stream()
                .filter(event -> account.equals(event.account()))
                .filter(event -> event.items().contains("access-history"))
                .count();
    }

    @Test
    void exportsEverythingDavidMaySeeWithEveryProofToOneTreeHead() {
        HistoryPage page = history.export(david(), story.agnes).orElseThrow();
        assertThat(page.next()).isNull();
        assertThat(shown(page)).anyMatch(entry -> entry.access().type().equals("break-glass"));
        assertThat(page.entries())
                .filteredOn(entry -> entry.link() != null)
                .extracting(entry -> entry.link().sequence())
                .contains(1L);
    }
}
