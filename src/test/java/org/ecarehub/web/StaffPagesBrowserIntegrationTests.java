package org.ecarehub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

@Tag("browser")
class StaffPagesBrowserIntegrationTests {

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
        driver.findElement(By.id("sign-in")).click();
        // The click only sends the form; the answer (a bcrypt check away) may come after the next line asks.
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(browser -> !browser.getCurrentUrl().endsWith("/sign-in"));
    }

    @Test
    void signsInAndShowsTheAccountAgencyAndRolesOnAnAccessiblePage() {
        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();

            signIn(driver, "sw.hamilton");

            assertThat(driver.getCurrentUrl()).endsWith("/home");
            assertThat(driver.findElement(By.id("username")).getText()).isEqualTo("sw.hamilton");
            assertThat(driver.findElement(By.id("agency")).getText()).contains("South Lanarkshire");
            assertThat(driver.findElement(By.id("roles")).getText()).isNotBlank();
            assertThat(browser.seriousAccessibilityViolations()).isEmpty();
            assertThat(Files.exists(browser.screenshot("home-sw.hamilton"))).isTrue();
        }
    }

    @Test
    void runsGovukFrontendUnderTheContentSecurityPolicy() {
        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();

            driver.get(hub.uri("/").toString());

            String bodyClass = driver.findElement(By.tagName("body")).getAttribute("class");
            assertThat(bodyClass).contains("js-enabled").contains("govuk-frontend-supported");
            List<String> violations = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .map(entry -> entry.getMessage())
                    .filter(message -> message.contains("Content Security Policy"))
                    .toList();
            assertThat(violations).isEmpty();
            assertThat(browser.seriousAccessibilityViolations()).isEmpty();
            browser.screenshot("start-page");
        }
    }

    @Test
    void signsOutWithTheButtonInTheNavigation() {
        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            signIn(driver, "dn.hamilton");

            driver.findElement(By.cssSelector("form[action$='/sign-out'] button"))
                    .click();
            // The click only starts the sign-out; asking for /home before it is answered would race it.
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("signed-out"));
            driver.get(hub.uri("/home").toString());

            assertThat(driver.getCurrentUrl()).contains("/sign-in");
        }
    }
}
