package org.ecarehub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.ecarehub.notification.NotificationChoices;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/** The email choice page at {@code /portal/notifications}: accessible, saved, and refused without its CSRF token. */
@Tag("database")
class PortalNotificationsBrowserIntegrationTests {

    static final String DEMO_SECRET = PortalBrowsing.DEMO_SECRET;

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

    static void signInAs(WebDriver driver, String username) {
        PortalBrowsing.signInAs(hub, driver, username);
    }

    static boolean emailsOn(String account) {
        return hub.bean(NotificationChoices.class).emailsOn(Username.of(account));
    }

    @Test
    void davidTurnsEmailsOnFromTheNavigationAndTheChoiceIsSaved() {
        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            signInAs(driver, "david.thomson");
            driver.findElement(By.id("nav-portal-notifications")).click();
            assertThat(driver.findElement(By.id("emails-off")).isSelected()).isTrue();
            assertThat(browser.seriousAccessibilityViolations()).isEmpty();

            driver.findElement(By.cssSelector("label[for='emails-on']")).click();
            driver.findElement(By.id("save-notifications")).click();

            assertThat(driver.findElement(By.id("notifications-saved")).getText())
                    .contains("Your choice is saved.");
            assertThat(driver.findElement(By.id("emails-on")).isSelected()).isTrue();
            assertThat(emailsOn("david.thomson")).isTrue();
            assertThat(browser.seriousAccessibilityViolations()).isEmpty();
            browser.screenshot("portal-notifications");
        }
    }

    @Test
    void refusesTheFormWithoutItsCsrfToken() {
        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            signInAs(driver, "fiona.thomson");
            driver.get(hub.uri("/portal/notifications").toString());
            ((JavascriptExecutor) driver)
                    .executeScript("document.querySelectorAll(\"input[name='_csrf']\").forEach(e => e.remove());");

            driver.findElement(By.cssSelector("label[for='emails-on']")).click();
            driver.findElement(By.id("save-notifications")).click();

            assertThat(driver.findElements(By.id("notifications-saved"))).isEmpty();
            assertThat(emailsOn("fiona.thomson")).isFalse();
        }
    }

    @Test
    void anUnboundOrSignedOutVisitorCannotReachThePage() {
        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            driver.get(hub.uri("/portal/notifications").toString());

            assertThat(driver.findElements(By.id("save-notifications"))).isEmpty();
        }
    }
}
