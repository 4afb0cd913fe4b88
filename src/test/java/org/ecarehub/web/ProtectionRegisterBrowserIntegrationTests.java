package org.ecarehub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import org.ecarehub.access.Holder;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;
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
 * Registering a child on the child protection register from the keyboard alone, in a real browser on the demo hub: the
 * children and families social worker opens the register from the child's page, gives the reason for working under
 * child protection, fills in the planning meeting's decision and sees the registration and its first step on the
 * register page. Every page is checked by axe-core and photographed under target/screenshots.
 */
@Tag("browser")
class ProtectionRegisterBrowserIntegrationTests {

    @TempDir
    static Path dataDir;

    static RunningHub hub;

    @BeforeAll
    static void startDemoHub() {
        hub = RunningHub.demo(dataDir, TestDatabase.fresh(dataDir));
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

    /** Presses the button or link from the keyboard, as a user without a mouse would, and waits for the next page. */
    static void press(WebDriver driver, By button) {
        WebElement element = driver.findElement(button);
        element.sendKeys(Keys.ENTER);
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(element));
    }

    static void date(WebDriver driver, String prefix, LocalDate date) {
        type(driver, prefix + "-day", String.valueOf(date.getDayOfMonth()));
        type(driver, prefix + "-month", String.valueOf(date.getMonthValue()));
        type(driver, prefix + "-year", String.valueOf(date.getYear()));
    }

    @Test
    void theSocialWorkerRegistersAChildFromTheKeyboardAndSeesTheRegistration() {
        PersonId child = RegisterPeople.knownChild(hub, Holder.team(TeamId.of("children-families-blantyre")));
        LocalDate today = RegisterPeople.today(hub);
        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            signIn(driver, "sw.blantyre");
            driver.get(hub.uri("/people/" + child.value()).toString());
            press(driver, By.id("protection-register-link"));

            assertThat(driver.findElement(By.id("register-purpose-needed")).getText())
                    .contains("child protection");
            accessible(browser, "register-purpose-sw.blantyre");
            type(driver, "justification", "Child protection planning meeting decided to register the child");
            press(driver, By.id("choose-child-protection"));

            assertThat(driver.findElement(By.id("no-registrations")).getText()).isNotBlank();
            accessible(browser, "register-empty-sw.blantyre");
            press(driver, By.id("register-child"));
            accessible(browser, "register-form-sw.blantyre");

            press(driver, By.id("save-registration"));
            assertThat(driver.findElement(By.id("error-summary")).getText())
                    .contains("Choose at least one category of concern");
            accessible(browser, "register-form-errors-sw.blantyre");

            driver.findElement(By.id("concerns")).sendKeys(Keys.SPACE);
            driver.findElement(By.id("concerns-emotional-abuse")).sendKeys(Keys.SPACE);
            date(driver, "registered", today);
            date(driver, "next", today.plusMonths(3));
            press(driver, By.id("save-registration"));

            assertThat(driver.findElement(By.id("register-done")).getText())
                    .contains("on the child protection register");
            WebElement registration = driver.findElement(By.cssSelector("dl[id^='registration-']"));
            assertThat(registration.getText())
                    .contains("On the register")
                    .contains("Neglect, Emotional abuse")
                    .contains("Children and Families Blantyre");
            assertThat(driver.findElement(By.cssSelector("table[id^='history-']"))
                            .getText())
                    .contains("Registered");
            assertThat(driver.findElements(By.id("register-child")))
                    .as("no second registration while the child is on the register")
                    .isEmpty();
            accessible(browser, "register-registered-sw.blantyre");
        }
    }
}
