package org.ecarehub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.ecarehub.demo.DemoStoryPeople;
import org.ecarehub.identity.PortalAccounts;
import org.ecarehub.identity.PortalRegistration;
import org.ecarehub.identity.internal.TotpCodes;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;
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
 * The person's portal in a real browser on the demo hub: David, Fiona and Lisa sign in with password and code and see
 * what their authorities cover, withheld items as the exemption allows, and nothing of anyone else. Every portal page
 * is checked by axe-core and photographed under target/screenshots.
 */
@Tag("browser")
class PortalBrowserIntegrationTests {

    static final String DEMO_SECRET = PortalBrowsing.DEMO_SECRET;

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

    static void signIn(WebDriver driver, String username, String password, String code) {
        PortalBrowsing.signIn(hub, driver, username, password, code);
    }

    static void signInAs(WebDriver driver, String username) {
        PortalBrowsing.signInAs(hub, driver, username);
    }

    static void accessible(Browser browser, String screenshot) {
        assertThat(browser.seriousAccessibilityViolations()).as(screenshot).isEmpty();
        browser.screenshot(screenshot);
    }

    static void choose(WebDriver driver, PersonId person) {
        PortalBrowsing.choose(driver, person);
    }

    static List<String> categories(WebDriver driver) {
        return driver.findElements(By.cssSelector(".ecare-portal-item")).stream()
                .map(item -> item.getAttribute("data-category"))
                .distinct()
                .sorted()
                .toList();
    }

    static String text(WebDriver driver) {
        return driver.findElement(By.id("main-content")).getText();
    }

    @Test
    void davidSeesHisMothersRecordWithinHisWelfarePowersAndTheNeighboursReportOnlyAsWithheld() {
        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            driver.get(hub.uri("/portal/sign-in").toString());
            accessible(browser, "portal-sign-in");
            signInAs(driver, "david.thomson");
            accessible(browser, "portal-home-david.thomson");

            choose(driver, people.get("Agnes Thomson"));
            accessible(browser, "portal-record-agnes-david.thomson");
            assertThat(driver.findElement(By.id("record-of")).getText()).isEqualTo("Agnes Thomson");
            assertThat(categories(driver))
                    .contains("alerts", "assessment", "care-plan", "service-provision")
                    .doesNotContain("protection", "social-work-note");
            String page = text(driver);
            assertThat(page).doesNotContain("Neighbour's report").doesNotContain("late husband");
            assertThat(driver.findElements(By.cssSelector(".ecare-withheld")))
                    .singleElement()
                    .extracting(WebElement::getText)
                    .asString()
                    .contains("third party");
        }
    }

    @Test
    void fionaSeesOnlyContactsCarePlanAndServices() {
        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            signInAs(driver, "fiona.thomson");
            choose(driver, people.get("Agnes Thomson"));
            accessible(browser, "portal-record-agnes-fiona.thomson");
            assertThat(categories(driver)).isNotEmpty().isSubsetOf("contacts", "care-plan", "service-provision");
            assertThat(text(driver)).doesNotContain("Old age psychiatry").doesNotContain("Neighbour's report");
        }
    }

    @Test
    void lisaSeesHerChildrensRecordsWithoutTheProtectionCategory() {
        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            signInAs(driver, "lisa.kerr");
            for (String child : List.of("Ryan Kerr", "Ellie Kerr")) {
                driver.get(hub.uri("/portal").toString());
                choose(driver, people.get(child));
                accessible(browser, "portal-record-" + child.replace(' ', '-') + "-lisa.kerr");
                assertThat(categories(driver)).doesNotContain("protection");
                assertThat(text(driver)).doesNotContain("protection message");
            }
        }
    }

    @Test
    void anotherPersonsIdInTheUrlIsAnsweredAsNothingThere() {
        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            signInAs(driver, "david.thomson");
            driver.get(
                    hub.uri("/portal/record?person=" + people.get("Ryan Kerr").value())
                            .toString());
            String someoneElse = text(driver);
            driver.get(hub.uri("/portal/record?person=" + PersonId.random().value())
                    .toString());
            String nobody = text(driver);
            assertThat(someoneElse).isEqualTo(nobody).contains("There is nothing here for you to see.");
            // Fiona's nomination does not reach Lisa's children either, whatever the URL says.
            assertThat(driver.findElements(By.cssSelector(".ecare-portal-item")))
                    .isEmpty();
        }
    }

    @Test
    void anUnboundAccountSeesNothing() {
        PortalRegistration registered = hub.bean(PortalAccounts.class)
                .register(Username.of("ann.unbound"), "ann@example.org", "heather on the braes in june");
        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            signIn(
                    driver,
                    "ann.unbound",
                    "heather on the braes in june",
                    TotpCodes.next("ann.unbound", registered.totpSecret()));
            assertThat(driver.findElement(By.id("unbound")).getText()).contains("does not show anyone's record");
            accessible(browser, "portal-home-unbound");
            driver.get(hub.uri("/portal/record?person="
                            + people.get("Agnes Thomson").value())
                    .toString());
            assertThat(text(driver)).contains("There is nothing here for you to see.");
            assertThat(driver.findElements(By.cssSelector(".ecare-portal-item")))
                    .isEmpty();
            driver.get(hub.uri("/portal/verification").toString());
            accessible(browser, "portal-verification-unbound");
        }
    }

    @Test
    void aWrongCodeAWrongPasswordAndAnUnknownAccountGetTheSameMessage() {
        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            signIn(driver, "david.thomson", "demo", TotpCodes.wrong(DEMO_SECRET));
            String wrongCode = driver.findElement(By.id("error-summary")).getText();
            accessible(browser, "portal-sign-in-failed");
            signIn(driver, "david.thomson", "not-the-password", TotpCodes.next("david.thomson", DEMO_SECRET));
            String wrongPassword = driver.findElement(By.id("error-summary")).getText();
            signIn(driver, "nobody.here", "demo", TotpCodes.wrong(DEMO_SECRET));
            String unknown = driver.findElement(By.id("error-summary")).getText();
            assertThat(wrongCode).isEqualTo(wrongPassword).isEqualTo(unknown).contains("We could not sign you in");
        }
    }

    @Test
    void aPortalFormWithoutItsCsrfTokenIsRefused() {
        HttpClient client = RunningHub.browser();
        HttpResponse<String> signIn = hub.postForm(
                client,
                "/portal/sign-in",
                "username=david.thomson&password=demo&code=" + TotpCodes.next("david.thomson", DEMO_SECRET));
        assertThat(signIn.statusCode()).isEqualTo(403);
        HttpResponse<String> register = hub.postForm(
                client, "/portal/register", "username=eve.someone&email=eve@example.org&password=heather+on+the+braes");
        assertThat(register.statusCode()).isEqualTo(403);
        assertThat(hub.bean(PortalAccounts.class).find(Username.of("eve.someone")))
                .isEmpty();
    }

    @Test
    void theRegistrationPageIsAccessible() {
        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            driver.get(hub.uri("/portal/register").toString());
            accessible(browser, "portal-register");
        }
    }

    @Test
    void aNewAccountIsBoundByStaffFromTheQueueAndThenSeesItsOwnRecord() {
        String secret;
        try (Browser person = Browser.start();
                Browser staff = Browser.start()) {
            WebDriver holder = person.driver();
            holder.get(hub.uri("/portal/register").toString());
            holder.findElement(By.id("username")).sendKeys("agnes.own");
            holder.findElement(By.id("email")).sendKeys("agnes@example.org");
            holder.findElement(By.id("password")).sendKeys("short");
            holder.findElement(By.id("register")).click();
            assertThat(holder.findElement(By.id("error-summary")).getText())
                    .contains("A password needs at least 12 characters");
            holder.findElement(By.id("password")).sendKeys("heather on the braes in june");
            holder.findElement(By.id("register")).click();
            new WebDriverWait(holder, Duration.ofSeconds(10))
                    .until(browser ->
                            !browser.findElements(By.id("totp-secret")).isEmpty());
            secret = holder.findElement(By.id("totp-secret")).getText();
            assertThat(holder.findElement(By.id("otpauth-uri")).getText()).contains("secret=" + secret);
            accessible(person, "portal-registered");

            signIn(holder, "agnes.own", "heather on the braes in june", TotpCodes.next("agnes.own", secret));
            holder.findElement(By.id("ask-verification")).click();
            holder.findElement(By.id("name")).sendKeys("Agnes Thomson");
            holder.findElement(By.id("birth-day")).sendKeys("14");
            holder.findElement(By.id("birth-month")).sendKeys("3");
            holder.findElement(By.id("birth-year")).sendKeys("1941");
            holder.findElement(By.id("request-verification")).click();
            new WebDriverWait(holder, Duration.ofSeconds(10))
                    .until(browser -> browser.getCurrentUrl().endsWith("/portal?requested"));
            assertThat(holder.findElement(By.id("unbound")).getText()).contains("Your request is with the partnership");

            WebDriver worker = staff.driver();
            worker.get(hub.uri("/sign-in").toString());
            worker.findElement(By.id("username")).sendKeys("sw.hamilton");
            worker.findElement(By.id("password")).sendKeys("demo");
            worker.findElement(By.id("sign-in")).click();
            // The queue only once signed in: asked for before the sign-in's answer, it is the sign-in page.
            new WebDriverWait(worker, Duration.ofSeconds(10))
                    .until(browser -> !browser.getCurrentUrl().endsWith("/sign-in"));
            worker.get(hub.uri("/verification").toString());
            accessible(staff, "verification-queue-sw.hamilton");
            worker.findElements(By.cssSelector("#verification-queue a")).stream()
                    .filter(link -> link.getText().equals("Agnes Thomson"))
                    .findFirst()
                    .orElseThrow()
                    .click();
            accessible(staff, "verification-request-sw.hamilton");
            worker.findElement(By.id("candidate-0")).click();
            worker.findElement(By.id("bind")).click();
            new WebDriverWait(worker, Duration.ofSeconds(10))
                    .until(browser -> browser.getCurrentUrl().endsWith("/verification?bound"));
            assertThat(worker.findElement(By.id("decided")).getText()).contains("bound");

            holder.get(hub.uri("/portal/record").toString());
            assertThat(holder.findElement(By.id("record-of")).getText()).isEqualTo("Agnes Thomson");
            assertThat(holder.findElements(By.cssSelector(".ecare-portal-item")))
                    .isNotEmpty();
        }
    }
}
