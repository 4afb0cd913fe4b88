package org.ecarehub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.ecarehub.access.Requester;
import org.ecarehub.demo.DemoStoryPeople;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.record.Assessment;
import org.ecarehub.record.Assessments;
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
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The record and request journeys in a real browser on the demo hub: a Single Shared Assessment written and signed off
 * by Agnes's key worker, a request for aids and adaptations accepted and scheduled by the equipment service, and the
 * child protection flag on a child's page. Every page is checked by axe-core and photographed under
 * target/screenshots.
 */
@Tag("browser")
class RecordAndRequestBrowserIntegrationTests {

    @TempDir
    static Path dataDir;

    static RunningHub hub;
    static PersonId agnes;
    static PersonId ryan;

    @BeforeAll
    static void startDemoHub() {
        hub = RunningHub.demo(dataDir, TestDatabase.fresh(dataDir));
        Map<String, PersonId> people = DemoStoryPeople.ids(hub);
        agnes = people.get("Agnes Thomson");
        ryan = people.get("Ryan Kerr");
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    static Requester staff(String user) {
        return new Requester.Staff(Username.of(user), Purpose.DIRECT_CARE, null);
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

    static void check(WebDriver driver, String name, String value) {
        driver.findElement(By.cssSelector("input[name='" + name + "'][value='" + value + "']"))
                .click();
    }

    @Test
    void theKeyWorkerWritesAndSignsOffAgnessAssessment() {
        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            signIn(driver, "sw.hamilton");
            driver.get(hub.uri("/people/" + agnes.value()).toString());
            accessible(browser, "record-person-agnes-sw.hamilton");

            follow(driver, "start-assessment");
            accessible(browser, "record-assessment-new-sw.hamilton");
            submit(driver, "save-assessment");
            assertThat(driver.findElement(By.id("error-summary")).getText())
                    .contains("Enter at least one section of the assessment");
            accessible(browser, "record-assessment-errors-sw.hamilton");

            type(driver, "personalDetails", "Lives alone in her council flat; her son visits on Sundays");
            type(driver, "ownView", "I want to stay in my own home");
            type(driver, "outcomes", "Stay at home safely\nKeep seeing my family");
            type(driver, "mobility", "Two falls on the stairs this year");
            check(driver, "finances", "no");
            type(driver, "summary", "Needs help with personal care and meals three times a day");
            check(driver, "eligibility", "substantial");
            submit(driver, "save-assessment");
            assertThat(driver.findElement(By.id("item-status")).getText()).contains("Draft");
            accessible(browser, "record-assessment-draft-sw.hamilton");

            follow(driver, "sign-off");
            accessible(browser, "record-assessment-sign-off-sw.hamilton");
            submit(driver, "sign-off");

            assertThat(driver.findElement(By.id("item-done")).getText())
                    .contains("The assessment is signed off and shared.");
            assertThat(driver.findElement(By.id("item-status")).getText()).contains("Signed");
            assertThat(driver.findElement(By.id("history")).getText()).contains("Signed");
            accessible(browser, "record-assessment-signed-sw.hamilton");
        }
    }

    @Test
    void theEquipmentServiceAcceptsAndSchedulesTheTherapistsRequest() {
        hub.bean(Assessments.class)
                .start(
                        staff("ot.hamilton"),
                        agnes,
                        new Assessment(
                                null,
                                "I cannot get up the stairs or into the bath safely",
                                List.of("Use the stairs and the bath safely"),
                                null,
                                null,
                                null,
                                "Unsteady on the stairs",
                                null,
                                null,
                                null,
                                "No rail on the stairs",
                                null,
                                null,
                                null,
                                null));
        String submitted;
        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            signIn(driver, "ot.hamilton");
            driver.get(hub.uri("/people/" + agnes.value()).toString());
            follow(driver, "request-aids");
            accessible(browser, "request-aids-new-ot.hamilton");

            new Select(driver.findElement(By.id("team"))).selectByValue("equipment-and-adaptations");
            check(driver, "equipment", "stair-rail");
            check(driver, "equipment", "bath-board");
            driver.findElement(By.cssSelector("input[name='assessment']")).click();
            submit(driver, "submit-request");

            assertThat(driver.findElement(By.id("request-title")).getText())
                    .isEqualTo("Aids and adaptations: Stair rail, Bath board");
            assertThat(driver.findElement(By.id("request-status")).getText()).contains("Submitted");
            accessible(browser, "request-submitted-ot.hamilton");
            submitted = java.net.URI.create(driver.getCurrentUrl()).getPath();
        }
        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            signIn(driver, "equipment.slc");
            follow(driver, "nav-requests");
            accessible(browser, "requests-my-teams-equipment.slc");

            // The demo's own stair rail request for Agnes, scheduled already, is on the list too: open the new one.
            driver.findElement(By.cssSelector("#team-requests a[href='" + submitted + "']"))
                    .sendKeys(Keys.ENTER);
            new WebDriverWait(driver, Duration.ofSeconds(10))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("accept")));
            accessible(browser, "request-to-accept-equipment.slc");
            submit(driver, "accept");
            assertThat(driver.findElement(By.id("request-status")).getText()).contains("Accepted");

            submit(driver, "schedule");
            assertThat(driver.findElement(By.id("error-summary")).getText()).contains("The date must be a real date");
            accessible(browser, "request-schedule-errors-equipment.slc");

            LocalDate day = LocalDate.now(ZoneId.of("Europe/London")).plusDays(5);
            type(driver, "day-day", String.valueOf(day.getDayOfMonth()));
            type(driver, "day-month", String.valueOf(day.getMonthValue()));
            type(driver, "day-year", String.valueOf(day.getYear()));
            submit(driver, "schedule");

            assertThat(driver.findElement(By.id("request-status")).getText()).contains("Scheduled");
            assertThat(driver.findElement(By.id("timeline")).getText())
                    .contains("Submitted")
                    .contains("Accepted")
                    .contains("Scheduled")
                    .contains("Ewan Quigley")
                    .contains("Olivia Tennant");
            accessible(browser, "request-scheduled-equipment.slc");
        }
    }

    @Test
    void theLeadSocialWorkerSeesTheChildProtectionFlagFirst() {
        // The demo registers Ryan on the child protection register, which sets his flag naming sw.blantyre.
        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            signIn(driver, "sw.blantyre");
            driver.get(hub.uri("/people/" + ryan.value()).toString());

            String flag = driver.findElement(By.id("protection-flag-0")).getText();
            assertThat(flag)
                    .contains("Child protection")
                    .contains("Claire Swanson")
                    .contains("01632 960005");
            accessible(browser, "record-person-ryan-cp-flag-sw.blantyre");

            driver.findElement(By.cssSelector("#protection-flag-0 a")).sendKeys(Keys.ENTER);
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/records/"));
            accessible(browser, "record-item-cp-flag-sw.blantyre");

            follow(driver, "correct");
            type(driver, "text", "On the child protection register (neglect); review conference in May");
            submit(driver, "save-correction");
            assertThat(driver.findElement(By.id("error-summary")).getText())
                    .contains("Enter the reason for the correction");
            accessible(browser, "record-correct-errors-sw.blantyre");
            type(driver, "reason", "Review conference date added");
            submit(driver, "save-correction");

            assertThat(driver.findElement(By.id("history")).getText()).contains("Review conference date added");
            accessible(browser, "record-item-corrected-sw.blantyre");
        }
    }
}
