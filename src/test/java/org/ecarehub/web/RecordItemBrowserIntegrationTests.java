package org.ecarehub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.ecarehub.demo.DemoStoryPeople;
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
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Adding and keeping record items in a real browser on the demo hub, from the keyboard: Agnes's key worker adds an
 * alert (refused empty first), adds a care plan and reviews it (refused without a note first). Every page is checked
 * by axe-core and photographed under target/screenshots.
 */
@Tag("browser")
class RecordItemBrowserIntegrationTests {

    @TempDir
    static Path dataDir;

    static RunningHub hub;
    static PersonId agnes;

    @BeforeAll
    static void startDemoHub() {
        hub = RunningHub.demo(dataDir, TestDatabase.fresh(dataDir));
        agnes = DemoStoryPeople.ids(hub).get("Agnes Thomson");
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

    static void type(WebDriver driver, String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    static void typeDate(WebDriver driver, String prefix, LocalDate date) {
        type(driver, prefix + "-day", String.valueOf(date.getDayOfMonth()));
        type(driver, prefix + "-month", String.valueOf(date.getMonthValue()));
        type(driver, prefix + "-year", String.valueOf(date.getYear()));
    }

    /** Sends a form from the keyboard, as a user without a mouse would, and waits for the answer. */
    static void submit(WebDriver driver, String buttonId) {
        WebElement button = driver.findElement(By.id(buttonId));
        button.sendKeys(Keys.ENTER);
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(button));
    }

    static void follow(WebDriver driver, String linkId) {
        WebElement link = driver.findElement(By.id(linkId));
        link.sendKeys(Keys.ENTER);
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(link));
    }

    /** Chooses a radio button from the keyboard: focus it and press space. */
    static void choose(WebDriver driver, String id) {
        driver.findElement(By.id(id)).sendKeys(Keys.SPACE);
    }

    @Test
    void theKeyWorkerAddsAnAlertAndAddsAndReviewsACarePlan() {
        LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            signIn(driver, "sw.hamilton");
            driver.get(hub.uri("/people/" + agnes.value()).toString());

            follow(driver, "add-alert");
            accessible(browser, "item-alert-new-sw.hamilton");
            submit(driver, "save-alert");
            assertThat(driver.findElement(By.id("error-summary")).getText())
                    .contains("Choose what kind of alert it is")
                    .contains("Enter what the alert warns of");
            accessible(browser, "item-alert-errors-sw.hamilton");
            choose(driver, "type-communication-needs");
            type(driver, "text", "Hard of hearing: face her and speak clearly");
            submit(driver, "save-alert");
            assertThat(driver.findElement(By.id("item-done")).getText())
                    .contains("The item is added to the person's record.");
            accessible(browser, "item-alert-added-sw.hamilton");

            follow(driver, "person-link");
            assertThat(driver.findElement(By.id("alerts-section")).getText())
                    .contains("Communication needs: Hard of hearing: face her and speak clearly");

            follow(driver, "add-care-plan");
            accessible(browser, "item-care-plan-new-sw.hamilton");
            type(driver, "outcomes", "Stay in her own home\nKeep going to the lunch club");
            type(driver, "action-0-what", "Help with meals");
            new Select(driver.findElement(By.id("action-0-agency"))).selectByValue("caring-hands");
            new Select(driver.findElement(By.id("action-0-team"))).selectByValue("caring-hands-homecare");
            type(driver, "action-0-when", "three times a day");
            typeDate(driver, "review", today.plusMonths(3));
            submit(driver, "save-care-plan");
            assertThat(driver.findElement(By.id("item-title")).getText()).startsWith("Care plan, review by");
            accessible(browser, "item-care-plan-added-sw.hamilton");

            follow(driver, "review-plan-link");
            accessible(browser, "item-care-plan-review-sw.hamilton");
            typeDate(driver, "next", today.plusMonths(6));
            submit(driver, "save-review");
            assertThat(driver.findElement(By.id("error-summary")).getText()).contains("Enter what the review found");
            accessible(browser, "item-care-plan-review-errors-sw.hamilton");
            type(driver, "note", "Meals are going well; lunch club twice a week");
            submit(driver, "save-review");

            assertThat(driver.findElement(By.id("item-done")).getText())
                    .contains("The review is saved as a new version.");
            assertThat(driver.findElement(By.id("item-content")).getText())
                    .contains("Meals are going well; lunch club twice a week");
            assertThat(driver.findElement(By.id("history")).getText()).contains("Reviewed on");
            accessible(browser, "item-care-plan-reviewed-sw.hamilton");
        }
    }
}
