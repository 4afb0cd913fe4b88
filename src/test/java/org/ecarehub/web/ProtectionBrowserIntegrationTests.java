package org.ecarehub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
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
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A protection message from the keyboard alone, in a real browser on the demo hub: the police concern hub raises a
 * concern about the Kerr children, linking their mother and the man posing risk; the children's social worker finds
 * it first in the protection inbox and acknowledges it for the team. Every page is checked by axe-core and
 * photographed under target/screenshots.
 */
@Tag("browser")
class ProtectionBrowserIntegrationTests {

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

    static void signIn(WebDriver driver, String username) {
        driver.get(hub.uri("/sign-in").toString());
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys("demo");
        driver.findElement(By.id("password")).sendKeys(Keys.ENTER);
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

    /** Presses the button from the keyboard, as a user without a mouse would, and waits for the next page. */
    static void press(WebDriver driver, By button) {
        WebElement element = driver.findElement(button);
        element.sendKeys(Keys.ENTER);
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(element));
    }

    /** Chooses a radio button with the space bar. */
    static void choose(WebDriver driver, String name, String value) {
        driver.findElement(By.cssSelector("input[name='" + name + "'][value='" + value + "']"))
                .sendKeys(Keys.SPACE);
    }

    static void person(WebDriver driver, int row, String name, String role) {
        type(driver, "person-" + row, people.get(name).value());
        // A select takes the typed start of an option's text, as a keyboard user picks one.
        driver.findElement(By.id("role-" + row)).sendKeys(role);
    }

    @Test
    void thePoliceRaiseAConcernAndTheSocialWorkerAcknowledgesItFromTheKeyboard() {
        String messagePath;
        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            signIn(driver, "police.hub");
            driver.get(hub.uri("/protection/messages/new?about="
                            + people.get("Ryan Kerr").value())
                    .toString());
            accessible(browser, "protection-raise-police.hub");

            press(driver, By.id("raise-concern"));
            assertThat(driver.findElement(By.id("error-summary")).getText()).isNotBlank();
            accessible(browser, "protection-raise-errors-police.hub");

            choose(driver, "kind", "child");
            choose(driver, "priority", "urgent");
            type(
                    driver,
                    "concern",
                    "Officers attended a domestic incident at the home overnight; both children present.");
            person(driver, 1, "Ryan Kerr", "Subject");
            person(driver, 2, "Ellie Kerr", "Subject");
            person(driver, 3, "Lisa Kerr", "Parent");
            person(driver, 4, "Mark Boyle", "Posing");
            type(driver, "justification", "Domestic incident with children present, for the concern hub's referral");
            press(driver, By.id("raise-concern"));

            assertThat(driver.findElement(By.id("protection-done")).getText()).isNotBlank();
            assertThat(driver.findElement(By.id("routings")).getText())
                    .contains("Children and Families Blantyre")
                    .contains("Health Visiting Blantyre");
            accessible(browser, "protection-message-raised-police.hub");
            messagePath =
                    driver.getCurrentUrl().replaceFirst("^https?://[^/]+", "").replaceFirst("\\?.*$", "");
        }

        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            signIn(driver, "sw.blantyre");
            driver.get(hub.uri("/purpose").toString());
            choose(driver, "purpose", "child-protection");
            type(driver, "justification", "Responding to the police concern about the Kerr children");
            press(driver, By.id("choose-purpose"));

            driver.get(hub.uri("/protection").toString());
            accessible(browser, "protection-inbox-sw.blantyre");
            WebElement link = driver.findElement(By.cssSelector("#protection-messages a[href='" + messagePath + "']"));
            link.sendKeys(Keys.ENTER);
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(link));
            accessible(browser, "protection-message-sw.blantyre");

            press(driver, By.cssSelector("button[id^='acknowledge-']"));
            assertThat(driver.findElement(By.id("protection-done")).getText()).isNotBlank();
            assertThat(driver.findElement(By.id("timeline")).getText()).containsIgnoringCase("acknowledged");
            assertThat(driver.findElements(By.cssSelector("button[id^='acknowledge-']")))
                    .as("nothing left for the team to acknowledge")
                    .isEmpty();
            accessible(browser, "protection-message-acknowledged-sw.blantyre");
        }
    }
}
