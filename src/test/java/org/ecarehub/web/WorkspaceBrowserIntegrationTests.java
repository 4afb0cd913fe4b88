package org.ecarehub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.ecarehub.access.BreakGlassGrants;
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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The practitioner workspace's journeys in a real browser on the demo hub, each page checked by axe-core and
 * photographed under target/screenshots.
 */
@Tag("browser")
class WorkspaceBrowserIntegrationTests {

    @TempDir
    static Path dataDir;

    static RunningHub hub;

    @BeforeAll
    static void startDemoHub() throws InterruptedException {
        hub = RunningHub.demo(dataDir, TestDatabase.fresh(dataDir));
        // The demo's replayed history opened duty.sw's break-glass for Agnes for a few seconds: the journey below
        // opens one of its own.
        BreakGlassGrants grants = hub.bean(BreakGlassGrants.class);
        Clock clock = hub.bean(Clock.class);
        Instant until = Instant.now().plusSeconds(30);
        while (!grants.personsFor(Username.of("duty.sw"), clock.instant()).isEmpty()
                && Instant.now().isBefore(until)) {
            Thread.sleep(200);
        }
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    static void signIn(WebDriver driver, String username) {
        driver.get(hub.uri("/sign-in").toString());
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys("demo");
        driver.findElement(By.id("sign-in")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(browser -> !browser.getCurrentUrl().endsWith("/sign-in"));
    }

    static void accessible(Browser browser, String screenshot) {
        assertThat(browser.seriousAccessibilityViolations()).as(screenshot).isEmpty();
        browser.screenshot(screenshot);
    }

    static void search(WebDriver driver, String given, String family, String day, String month, String year) {
        driver.get(hub.uri("/people").toString());
        type(driver, "given", given);
        type(driver, "family", family);
        type(driver, "dob-day", day);
        type(driver, "dob-month", month);
        type(driver, "dob-year", year);
        submit(driver, "search");
    }

    static void type(WebDriver driver, String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        if (text != null) {
            field.sendKeys(text);
        }
    }

    /** Sends a form from the keyboard, as a user without a mouse would, and waits for the answer. */
    static void submit(WebDriver driver, String buttonId) {
        WebElement button = driver.findElement(By.id(buttonId));
        button.sendKeys(org.openqa.selenium.Keys.ENTER);
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(button));
    }

    @Test
    void theKeyWorkerFindsAgnesAndSeesHerPage() {
        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            signIn(driver, "sw.hamilton");
            driver.get(hub.uri("/people").toString());
            accessible(browser, "workspace-find-empty");

            search(driver, "Agnes", "Thomson", null, null, null);

            accessible(browser, "workspace-find-results-sw.hamilton");
            driver.findElement(By.linkText("Agnes Thomson")).click();
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/people/"));
            assertThat(driver.findElement(By.id("person-name")).getText()).isEqualTo("Agnes Thomson");
            assertThat(driver.findElement(By.id("relationships")).getText()).contains("Key worker");
            assertThat(driver.findElements(By.id("break-glass-banner"))).isEmpty();
            accessible(browser, "workspace-person-agnes-sw.hamilton");

            driver.findElement(By.id("record-consent-link")).click();
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/consents/new"));
            accessible(browser, "workspace-consent-form-sw.hamilton");
            submit(driver, "record-consent");
            assertThat(driver.findElement(By.id("error-summary")).getText())
                    .contains("Choose whether consent was given, refused or withdrawn");
            accessible(browser, "workspace-consent-errors-sw.hamilton");
        }
    }

    @Test
    void housingIsToldAgnesIsKnownAndOfferedBreakGlass() {
        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            signIn(driver, "housing.ek");

            search(driver, "Agnes", "Thomson", "14", "3", "1941");

            assertThat(driver.findElement(By.id("known")).getText())
                    .contains("known to the partnership")
                    .doesNotContain("Burnbank");
            assertThat(driver.findElement(By.id("offer-break-glass")).getAttribute("href"))
                    .contains("/break-glass/");
            accessible(browser, "workspace-known-to-the-partnership-housing.ek");

            driver.findElement(By.id("offer-break-glass")).click();
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/break-glass/"));
            submit(driver, "open-break-glass");

            assertThat(driver.findElement(By.id("error-summary")).getText())
                    .contains("Give a reason of at least 20 characters");
            accessible(browser, "workspace-break-glass-errors-housing.ek");
        }
    }

    @Test
    void theDutySocialWorkerBreaksTheGlassAndTheGuardianClosesTheReview() {
        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            signIn(driver, "duty.sw");
            search(driver, "Agnes", "Thomson", "14", "3", "1941");
            driver.findElement(By.id("offer-break-glass")).click();
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/break-glass/"));
            accessible(browser, "workspace-break-glass-form-duty.sw");

            type(driver, "reason", "Homecare found no answer at 19:00; checking key holder and risks");
            driver.findElement(By.cssSelector("input[name='purpose'][value='emergency']"))
                    .click();
            submit(driver, "open-break-glass");

            assertThat(driver.getCurrentUrl()).contains("/people/");
            String banner = driver.findElement(By.id("break-glass-banner")).getText();
            assertThat(banner)
                    .contains("You opened break-glass at")
                    .contains("Homecare found no answer at 19:00")
                    .contains("this access is reviewed");
            accessible(browser, "workspace-person-agnes-break-glass-duty.sw");
        }
        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            signIn(driver, "caldicott.slc");
            driver.findElement(By.id("nav-reviews")).click();
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/reviews"));
            accessible(browser, "workspace-review-queue-caldicott.slc");

            driver.findElement(By.cssSelector("#review-table a[href^='/reviews/']"))
                    .click();
            new WebDriverWait(driver, Duration.ofSeconds(10))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("claim")));
            submit(driver, "claim");
            accessible(browser, "workspace-review-claimed-caldicott.slc");
            type(driver, "note", "Spoke to duty.sw; the visit check was needed. Proportionate.");
            submit(driver, "close");

            assertThat(driver.findElement(By.id("review-done")).getText()).contains("The review is closed.");
            accessible(browser, "workspace-review-closed-caldicott.slc");
        }
    }

    @Test
    void switchesThePurposeOfUseAndShowsItInTheHeader() {
        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            signIn(driver, "sw.blantyre");
            assertThat(driver.findElement(By.id("current-purpose")).getText()).isEqualTo("Direct care");

            driver.findElement(By.id("change-purpose")).click();
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/purpose"));
            accessible(browser, "workspace-purpose-sw.blantyre");
            driver.findElement(By.cssSelector("input[name='purpose'][value='child-protection']"))
                    .click();
            submit(driver, "choose-purpose");

            assertThat(driver.findElement(By.id("error-summary")).getText()).contains("Say why you need to work");
            accessible(browser, "workspace-purpose-errors-sw.blantyre");
            type(driver, "justification", "Case conference preparation for the Kerr children");
            submit(driver, "choose-purpose");

            assertThat(driver.findElement(By.id("current-purpose")).getText()).isEqualTo("Child protection");
            driver.get(hub.uri("/people").toString());
            assertThat(driver.findElement(By.id("current-purpose")).getText()).isEqualTo("Child protection");
        }
    }
}
