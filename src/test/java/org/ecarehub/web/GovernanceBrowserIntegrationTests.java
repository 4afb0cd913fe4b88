package org.ecarehub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.ecarehub.demo.DemoStoryPeople;
import org.ecarehub.person.Actor;
import org.ecarehub.person.Address;
import org.ecarehub.person.AgencyRecord;
import org.ecarehub.person.AgencyRecordId;
import org.ecarehub.person.Demographics;
import org.ecarehub.person.PersonIndex;
import org.ecarehub.person.ReviewTaskId;
import org.ecarehub.person.Sex;
import org.ecarehub.shared.AgencyId;
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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The governance pages in a real browser on the demo hub, each checked by axe-core (no serious or critical violation)
 * and photographed under target/screenshots: the match review queue, withholdings, authorities and capacity.
 */
@Tag("browser")
class GovernanceBrowserIntegrationTests {

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
        open(driver, "/sign-in");
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys("demo");
        driver.findElement(By.id("sign-in")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(browser -> !browser.getCurrentUrl().endsWith("/sign-in"));
    }

    static void open(WebDriver driver, String path) {
        driver.get(hub.uri(path).toString());
    }

    static ReviewTaskId uncertainPair() {
        PersonIndex index = hub.bean(PersonIndex.class);
        index.submit(
                record(
                        "nhs-lanarkshire",
                        "LN8001",
                        "1958-04-03",
                        "9 Quarry Street, Larkhall",
                        "ML9 1AH",
                        "01632 960411"),
                Actor.agencySystem(AgencyId.of("nhs-lanarkshire"), 1));
        return index.submit(
                        record(
                                "caring-hands",
                                "CH8001",
                                "1958-04-13",
                                "Flat 2, 40 Glasgow Road, Blantyre",
                                "G72 0LA",
                                null),
                        Actor.agencySystem(AgencyId.of("caring-hands"), 1))
                .reviews()
                .get(0);
    }

    static AgencyRecord record(
            String agency, String localId, String born, String address, String postcode, String phone) {
        return new AgencyRecord(
                AgencyRecordId.of(agency, localId),
                new Demographics(
                        "Elaine",
                        null,
                        "Duncan",
                        List.of(),
                        LocalDate.parse(born),
                        Sex.FEMALE,
                        List.of(Address.current(address, postcode)),
                        phone,
                        null));
    }

    @Test
    void theAdministratorClaimsAndDecidesAMatchReview() {
        ReviewTaskId task = uncertainPair();
        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            signIn(driver, "admin");
            driver.findElement(By.id("nav-match-reviews")).click();
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/match-reviews"));
            WorkspaceBrowserIntegrationTests.accessible(browser, "governance-match-reviews-admin");

            open(driver, "/match-reviews/" + task.value());
            WorkspaceBrowserIntegrationTests.accessible(browser, "governance-match-review-unclaimed-admin");
            WorkspaceBrowserIntegrationTests.submit(driver, "claim");
            assertThat(driver.findElement(By.id("evidence")).getText()).contains("Quarry Street");
            WorkspaceBrowserIntegrationTests.accessible(browser, "governance-match-review-evidence-admin");

            WorkspaceBrowserIntegrationTests.submit(driver, "decide");
            assertThat(driver.findElement(By.id("error-summary")).getText())
                    .contains("Choose whether the two records are the same person");
            WorkspaceBrowserIntegrationTests.accessible(browser, "governance-match-review-errors-admin");

            driver.findElement(By.id("verdict-different")).click();
            WorkspaceBrowserIntegrationTests.type(driver, "reason", "Dates of birth and addresses differ");
            WorkspaceBrowserIntegrationTests.submit(driver, "decide");
            assertThat(driver.findElement(By.id("match-done")).getText()).contains("The task is decided");
        }
    }

    @Test
    void theKeyWorkerWithholdsRecordsAuthoritiesAndConfirmsAnEnd() {
        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            signIn(driver, "sw.hamilton");
            open(driver, "/people/" + agnes.value());
            driver.findElement(By.id("withholdings-link")).click();
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/withholdings"));
            WorkspaceBrowserIntegrationTests.accessible(browser, "governance-withholdings-sw.hamilton");

            driver.findElement(By.id("withhold-link")).click();
            new WebDriverWait(driver, Duration.ofSeconds(10))
                    .until(ExpectedConditions.urlContains("/withholdings/new"));
            WorkspaceBrowserIntegrationTests.accessible(browser, "governance-withhold-form-sw.hamilton");
            WorkspaceBrowserIntegrationTests.submit(driver, "withhold");
            assertThat(driver.findElement(By.id("error-summary")).getText()).contains("Choose the exemption");
            WorkspaceBrowserIntegrationTests.accessible(browser, "governance-withhold-errors-sw.hamilton");

            open(driver, "/people/" + agnes.value() + "/authorities/new");
            WorkspaceBrowserIntegrationTests.submit(driver, "record-authority");
            assertThat(driver.findElement(By.id("error-summary")).getText()).contains("Choose the kind of authority");
            WorkspaceBrowserIntegrationTests.accessible(browser, "governance-authority-errors-sw.hamilton");

            open(driver, "/people/" + agnes.value() + "/capacity/new");
            WorkspaceBrowserIntegrationTests.accessible(browser, "governance-capacity-form-sw.hamilton");
            WorkspaceBrowserIntegrationTests.submit(driver, "record-capacity");
            WorkspaceBrowserIntegrationTests.accessible(browser, "governance-capacity-errors-sw.hamilton");

            open(driver, "/people/" + agnes.value() + "/consents/new");
            WorkspaceBrowserIntegrationTests.accessible(browser, "governance-consent-form-sw.hamilton");

            open(driver, "/people/" + agnes.value());
            driver.findElements(By.cssSelector("a[id^='end-']")).get(0).click();
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/end"));
            assertThat(driver.findElements(By.id("confirm-end"))).hasSize(1);
            WorkspaceBrowserIntegrationTests.accessible(browser, "governance-authority-end-sw.hamilton");
        }
    }
}
