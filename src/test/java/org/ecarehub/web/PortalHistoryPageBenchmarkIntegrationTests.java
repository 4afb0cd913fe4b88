package org.ecarehub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ecarehub.access.PortalHistoryStory;
import org.ecarehub.demo.DemoStoryPeople;
import org.ecarehub.identity.internal.TotpCodes;
import org.ecarehub.shared.PersonId;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.ecarehub.transparency.EventType;
import org.ecarehub.transparency.LogEvent;
import org.ecarehub.transparency.TransparencyLog;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A measurement for docs/benchmarks.md: the portal's history page, rendered over HTTP for David Thomson, of his
 * mother's history after 10,000 more access events: the whole request (session, the decision and logged reading, the
 * page's query and proofs, the words, the JSON the page carries for the browser's check, Thymeleaf). It asserts what
 * the page holds, not how fast: the figure, printed to standard error, is a benchmark, not a test.
 */
@Tag("database")
class PortalHistoryPageBenchmarkIntegrationTests {

    private static final Pattern OLDER = Pattern.compile("href=\"(/portal/history\\?[^\"]*before=[^\"]*)\"");

    @TempDir
    Path dataDir;

    @Test
    void rendersAPageOfAHistoryOfTenThousandEntries() {
        try (RunningHub hub = RunningHub.demo(dataDir, TestDatabase.fresh(dataDir))) {
            PersonId agnes = DemoStoryPeople.ids(hub).get("Agnes Thomson");
            TransparencyLog log = hub.bean(TransparencyLog.class);
            Instant start = Instant.now().minusSeconds(86_400);
            for (int batch = 0; batch < 10; batch++) {
                List<LogEvent> events = new ArrayList<>(1000);
                for (int i = 0; i < 1000; i++) {
                    events.add(new LogEvent(
                            EventType.ACCESS,
                            start.plusSeconds(batch * 1000L + i),
                            LogEvent.Who.staff("sw.hamilton", "slc-social-work", List.of("social-worker")),
                            new LogEvent.What("read", List.of("care-plan"), List.of("care-plan-" + i), null),
                            agnes,
                            new LogEvent.Why(
                                    "direct-care",
                                    "allow",
                                    List.of("legitimate-relationship"),
                                    "own-agency",
                                    null,
                                    null,
                                    null,
                                    1)));
                }
                log.appendAll(events);
            }
            PortalHistoryStory.awaitAllSequenced(hub, agnes);

            HttpClient david = RunningHub.browser();
            HttpResponse<String> signIn = PageForms.post(
                    hub,
                    david,
                    "/portal/sign-in",
                    "/portal/sign-in",
                    "username=david.thomson&password=demo&code="
                            + TotpCodes.next("david.thomson", PortalBrowsing.DEMO_SECRET));
            assertThat(PageForms.location(signIn)).endsWith("/portal");

            String first = "/portal/history?person=" + agnes.value();
            String path = first;
            long[] millis = new long[20];
            for (int i = 0; i < millis.length; i++) {
                long began = System.nanoTime();
                HttpResponse<String> page = hub.get(david, path);
                millis[i] = (System.nanoTime() - began) / 1_000_000;
                assertThat(page.statusCode()).isEqualTo(200);
                assertThat(page.body().split("ecare-history-entry\"", -1).length - 1)
                        .isEqualTo(PortalHistoryPages.LISTED);
                Matcher older = OLDER.matcher(page.body());
                assertThat(older.find()).as("a link to older entries").isTrue();
                path = i % 2 == 0 ? older.group(1).replace("&amp;", "&") : first;
            }
            Arrays.sort(millis);
            System.err.println("portal history page (HTML) of 50 over 10,000 events: median "
                    + millis[millis.length / 2] + " ms, max " + millis[millis.length - 1] + " ms");
        }
    }
}
