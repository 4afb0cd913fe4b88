package org.ecarehub.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.ecarehub.demo.DemoStoryPeople;
import org.ecarehub.identity.internal.TotpCodes;
import org.ecarehub.shared.PersonId;
import org.ecarehub.support.Browser;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The portal's "Who has seen the record" page in headless Chromium on the demo hub: the entries in words, each marked
 * verified only by the browser's own check, the filters, the chart, and the CSV and PDF downloads of the same entries.
 */
@Tag("browser")
class PortalHistoryBrowserIntegrationTests {

    static final String BREAK_GLASS_REASON = "Homecare found no answer at 19:00; checking key holder and risks";

    @TempDir
    static Path dataDir;

    static RunningHub hub;
    static Map<String, PersonId> people;

    @BeforeAll
    static void startDemoHub() {
        hub = RunningHub.demo(dataDir, TestDatabase.fresh(dataDir));
        people = DemoStoryPeople.ids(hub);
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    static void signInAs(WebDriver driver, String username) {
        PortalBrowsing.signInAs(hub, driver, username);
    }

    static void open(WebDriver driver, String path) {
        driver.get(hub.uri(path).toString());
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(browser ->
                        "true".equals(browser.findElement(By.tagName("body")).getDomAttribute("data-history-checked")));
    }

    static List<WebElement> entries(WebDriver driver) {
        return driver.findElements(By.cssSelector(".ecare-history-entry"));
    }

    static String agnes() {
        return people.get("Agnes Thomson").value();
    }

    /** A client signed in to the portal over plain HTTP: it runs no script, as a browser without JavaScript. */
    static HttpClient signedIn(String username) {
        HttpClient client = RunningHub.browser();
        HttpResponse<String> signIn = PageForms.post(
                hub,
                client,
                "/portal/sign-in",
                "/portal/sign-in",
                "username=" + username + "&password=demo&code=" + TotpCodes.next(username, PortalBrowsing.DEMO_SECRET));
        assertThat(PageForms.location(signIn)).endsWith("/portal");
        return client;
    }

    @Test
    void davidSeesDutySwsBreakGlassInHisMothersHistoryWithItsReasonAndAVerifiedMark() {
        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            signInAs(driver, "david.thomson");
            PortalBrowserIntegrationTests.choose(driver, people.get("Agnes Thomson"));
            driver.findElement(By.id("nav-portal-history")).click();
            new WebDriverWait(driver, Duration.ofSeconds(30))
                    .until(page -> "true"
                            .equals(page.findElement(By.tagName("body")).getDomAttribute("data-history-checked")));
            PortalBrowserIntegrationTests.accessible(browser, "portal-history-agnes-david.thomson");
            // Reached from the navigation with no person in the URL: the downloads are of the chosen person too.
            assertThat(driver.findElement(By.id("download-csv")).getAttribute("href"))
                    .contains("person=" + agnes());
            assertThat(driver.findElement(By.id("download-pdf")).getAttribute("href"))
                    .contains("person=" + agnes());
            WebElement breakGlass = null;
            for (int page = 0; page < 20 && breakGlass == null; page++) {
                breakGlass = entries(driver).stream()
                        .filter(entry -> entry.getText().contains(BREAK_GLASS_REASON))
                        .filter(entry -> entry.getText().contains("break-glass"))
                        .findFirst()
                        .orElse(null);
                if (breakGlass == null) {
                    String older = driver.findElement(By.id("older")).getAttribute("href");
                    open(driver, older.substring(older.indexOf("/portal/")));
                }
            }
            assertThat(breakGlass).as("duty.sw's break-glass with its reason").isNotNull();
            assertThat(breakGlass.getText()).contains("replayed").contains("Emergency access (break-glass)");
            assertThat(breakGlass
                            .findElement(By.cssSelector("[data-verification]"))
                            .getText())
                    .isEqualTo("verified");
            assertThat(driver.findElement(By.cssSelector("[data-log-key-id]")).getText())
                    .isNotBlank();
            assertThat(driver.findElement(By.id("log-key")).isDisplayed()).isTrue();
            assertThat(entries(driver))
                    .allSatisfy(entry -> assertThat(entry.findElement(By.cssSelector("[data-verification]"))
                                    .getText())
                            .isIn("verified", "not verified"));
        }
    }

    @Test
    void lisaDoesNotSeeTheWithheldProtectionAccessesOfHerChildren() {
        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            signInAs(driver, "lisa.kerr");
            open(driver, "/portal/history?person=" + people.get("Ryan Kerr").value());
            PortalBrowserIntegrationTests.accessible(browser, "portal-history-ryan-lisa.kerr");
            assertThat(driver.findElement(By.id("main-content")).getText()).doesNotContain("Child protection");
            assertThat(entries(driver)).isNotEmpty().allSatisfy(entry -> {
                assertThat(entry.getAttribute("data-categories")).doesNotContain("protection");
                assertThat(entry.getText()).doesNotContain("Police Scotland");
            });
            // The withheld accesses are in the chain the page carries, as bare links, never as listed entries.
            String carried =
                    driver.findElement(By.cssSelector("[data-history-page]")).getAttribute("data-history-page");
            assertThat(carried).contains("\"kind\":\"not-shown\"").doesNotContain("child-protection");
        }
    }

    @Test
    void aPageLoadedWithoutJavaScriptShowsNoVerifiedMark() {
        HttpClient client = signedIn("david.thomson");
        HttpResponse<String> page = hub.get(client, "/portal/history?person=" + agnes());
        assertThat(page.statusCode()).isEqualTo(200);
        String html = page.body();
        assertThat(html).contains("ecare-history-entry").contains(BREAK_GLASS_REASON.replace("'", "&#39;"));
        // Every mark is empty and hidden until the browser's own check fills it in.
        assertThat(html.split("data-verification", -1).length - 1).isPositive();
        assertThat(Pattern.compile("data-verification[^>]*>[^<]").matcher(html).find())
                .as("a mark with text")
                .isFalse();
        assertThat(html).contains("<strong class=\"govuk-tag\" data-verification hidden></strong>");
    }

    @Test
    void filtersNarrowTheList() {
        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            signInAs(driver, "david.thomson");
            open(driver, "/portal/history?person=" + agnes());
            List<String> agencies = entries(driver).stream()
                    .map(entry -> entry.getAttribute("data-agency"))
                    .filter(agency -> agency != null && !agency.isEmpty())
                    .distinct()
                    .toList();
            assertThat(agencies).as("agencies in Agnes's history").hasSizeGreaterThan(1);
            int everything = entries(driver).size();

            new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("agency")))
                    .selectByValue(agencies.get(0));
            driver.findElement(By.id("apply-filter")).click();
            new WebDriverWait(driver, Duration.ofSeconds(30))
                    .until(page -> page.getCurrentUrl().contains("agency=" + agencies.get(0)));
            new WebDriverWait(driver, Duration.ofSeconds(30))
                    .until(page -> "true"
                            .equals(page.findElement(By.tagName("body")).getDomAttribute("data-history-checked")));
            PortalBrowserIntegrationTests.accessible(browser, "portal-history-filtered");
            assertThat(entries(driver))
                    .isNotEmpty()
                    .allSatisfy(entry ->
                            assertThat(entry.getAttribute("data-agency")).isEqualTo(agencies.get(0)));
            assertThat(entries(driver).size()).isLessThan(everything);
            assertThat(driver.findElements(By.cssSelector(".ecare-history-withheld")))
                    .isEmpty();

            open(driver, "/portal/history?person=" + agnes() + "&category=care-plan");
            assertThat(entries(driver))
                    .isNotEmpty()
                    .allSatisfy(entry -> assertThat(Arrays.asList(
                                    entry.getAttribute("data-categories").split(" ")))
                            .contains("care-plan"));

            open(driver, "/portal/history?person=" + agnes() + "&from=2999-01-01");
            assertThat(entries(driver)).isEmpty();
            assertThat(driver.findElement(By.id("none-listed")).getText()).contains("No entries");

            driver.get(hub.uri("/portal/history?person=" + agnes() + "&from=yesterday&category=gossip")
                    .toString());
            assertThat(driver.findElement(By.id("error-summary")).getText())
                    .contains("Enter the start of the period as a date")
                    .contains("Choose a kind of information from the list");
            assertThat(entries(driver)).isEmpty();
            PortalBrowserIntegrationTests.accessible(browser, "portal-history-bad-filter");
        }
    }

    @Test
    void theChartCountsTheListedAccessesPerMonthByAgency() {
        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            signInAs(driver, "david.thomson");
            open(driver, "/portal/history?person=" + agnes());
            int counted = driver.findElements(By.cssSelector("#history-chart tbody tr")).stream()
                    .mapToInt(row -> Integer.parseInt(
                            row.findElements(By.tagName("td")).get(2).getText()))
                    .sum();
            assertThat(counted).isEqualTo(entries(driver).size()).isPositive();
        }
    }

    @Test
    void theCsvAndPdfDownloadsHoldTheSameFilteredEntries() throws Exception {
        HttpClient client = signedIn("david.thomson");
        HttpResponse<String> everything = hub.get(client, "/portal/api/history/csv?person=" + agnes());
        assertThat(everything.statusCode()).isEqualTo(200);
        List<String> allRows = rows(everything.body());
        String agency = allRows.stream()
                .map(row -> row.split(",", -1)[2])
                .filter(code -> !code.isEmpty())
                .findFirst()
                .orElseThrow();

        HttpResponse<String> filtered =
                hub.get(client, "/portal/api/history/csv?person=" + agnes() + "&agency=" + agency);
        List<String> filteredRows = rows(filtered.body());
        assertThat(filteredRows)
                .isNotEmpty()
                .allSatisfy(row -> assertThat(row.split(",", -1)[2]).isEqualTo(agency));
        assertThat(filteredRows.size()).isLessThan(allRows.size());
        assertThat(hub.get(client, "/portal/api/history/csv?person=" + agnes() + "&from=soon")
                        .statusCode())
                .isEqualTo(400);

        HttpResponse<byte[]> pdf = client.send(
                HttpRequest.newBuilder(hub.uri("/portal/history/pdf?person=" + agnes()))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        String text = pdfText(pdf.body()).replaceAll("\\s+", " ");
        assertThat(text)
                .contains("Who has seen the record")
                .contains("key holder")
                .contains("replayed");

        HttpResponse<byte[]> narrowed = client.send(
                HttpRequest.newBuilder(hub.uri("/portal/history/pdf?person=" + agnes() + "&category=gossip"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(narrowed.statusCode()).isEqualTo(400);

        HttpResponse<byte[]> someoneElse = client.send(
                HttpRequest.newBuilder(hub.uri("/portal/history/pdf?person="
                                + people.get("Ryan Kerr").value()))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(someoneElse.statusCode()).isEqualTo(404);
    }

    private static List<String> rows(String csv) {
        List<String> rows = new ArrayList<>(Arrays.asList(csv.split("\r\n")));
        assertThat(rows.get(0)).isEqualTo(HistoryCsv.HEADER);
        rows.remove(0);
        // Withholding notices have no agency; only accesses are compared.
        rows.removeIf(row -> row.startsWith(","));
        return rows;
    }

    private static String pdfText(byte[] pdf) throws Exception {
        PdfReader reader = new PdfReader(pdf);
        try {
            PdfTextExtractor extractor = new PdfTextExtractor(reader);
            StringBuilder text = new StringBuilder();
            for (int page = 1; page <= reader.getNumberOfPages(); page++) {
                text.append(extractor.getTextFromPage(page)).append('\n');
            }
            return text.toString();
        } finally {
            reader.close();
        }
    }
}
