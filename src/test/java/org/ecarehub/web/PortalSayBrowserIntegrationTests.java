package org.ecarehub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.ecarehub.access.AccessDecisions;
import org.ecarehub.access.AccessItem;
import org.ecarehub.access.Challenge;
import org.ecarehub.access.Challenges;
import org.ecarehub.access.Requester;
import org.ecarehub.access.Sensitivity;
import org.ecarehub.consent.Authority;
import org.ecarehub.consent.AuthorityDraft;
import org.ecarehub.consent.Consent;
import org.ecarehub.consent.ConsentState;
import org.ecarehub.consent.Consents;
import org.ecarehub.consent.Representatives;
import org.ecarehub.demo.DemoStoryPeople;
import org.ecarehub.partnership.Action;
import org.ecarehub.partnership.AgencyType;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.shared.AgencyId;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The portal pages where the person has a say, in a real browser on the demo hub: David decides consent for his
 * mother within his welfare powers and Fiona cannot outside her nomination; who can see Agnes's record and who acts
 * for her; David's challenge reaches {@code caldicott.slc} and the answer comes back. Each page checked by axe-core.
 */
@Tag("browser")
class PortalSayBrowserIntegrationTests {

    static final String DEMO_SECRET = PortalBrowsing.DEMO_SECRET;
    static final AgencyId CARING_HANDS = AgencyId.of("caring-hands");

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

    static void choose(WebDriver driver, PersonId person) {
        PortalBrowsing.choose(driver, person);
    }

    static void accessible(Browser browser, String screenshot) {
        assertThat(browser.seriousAccessibilityViolations()).as(screenshot).isEmpty();
        browser.screenshot(screenshot);
    }

    static void decide(WebDriver driver, String status, String purpose, String category, AgencyId agency) {
        driver.findElement(By.cssSelector("input[name='status'][value='" + status + "']"))
                .click();
        driver.findElement(By.cssSelector("input[name='purpose'][value='" + purpose + "']"))
                .click();
        driver.findElement(By.cssSelector("input[name='categories'][value='" + category + "']"))
                .click();
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("agency"))).selectByValue(agency.value());
        WorkspaceBrowserIntegrationTests.submit(driver, "record-consent");
    }

    static String text(WebDriver driver) {
        return driver.findElement(By.id("main-content")).getText();
    }

    static ConsentState latest(PersonId person, Category category) {
        return hub.bean(Consents.class)
                .latest(
                        person,
                        Purpose.DIRECT_CARE,
                        CARING_HANDS,
                        AgencyType.CARE_PROVIDER,
                        category,
                        LocalDate.now(ZoneId.of("Europe/London")))
                .state();
    }

    @Test
    void davidWithdrawsAndGivesAConsentForHisMotherWithinHisWelfarePowers() {
        PersonId agnes = people.get("Agnes Thomson");
        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            signInAs(driver, "david.thomson");
            choose(driver, agnes);
            driver.findElement(By.id("nav-portal-consent")).click();
            assertThat(text(driver))
                    .contains("What can be shared without consent")
                    .contains("keep a child or an adult safe");
            accessible(browser, "portal-consent-david.thomson");

            WorkspaceBrowserIntegrationTests.submit(driver, "record-consent");
            assertThat(driver.findElement(By.id("error-summary")).getText())
                    .contains("Choose whether you agree")
                    .contains("Choose the agency");
            accessible(browser, "portal-consent-errors");

            decide(driver, "withdrawn", "direct-care", "care-plan", CARING_HANDS);
            assertThat(driver.findElement(By.id("recorded")).getText()).contains("Your answer is recorded");
            assertThat(latest(agnes, Category.CARE_PLAN)).isEqualTo(ConsentState.WITHDRAWN);
            assertThat(driver.findElement(By.cssSelector(".ecare-consent-decision"))
                            .getAttribute("data-status"))
                    .isEqualTo("withdrawn");

            decide(driver, "given", "direct-care", "care-plan", CARING_HANDS);
            assertThat(latest(agnes, Category.CARE_PLAN)).isEqualTo(ConsentState.GIVEN);
            assertThat(driver.findElements(By.cssSelector(".ecare-consent-decision")))
                    .extracting(row -> row.getAttribute("data-status"))
                    .startsWith("given", "withdrawn");
            accessible(browser, "portal-consent-recorded");
        }
        List<Consent> history = hub.bean(Consents.class).history(agnes);
        Consent last = history.get(history.size() - 1);
        assertThat(last.onBehalfOf().representative()).isEqualTo(people.get("David Thomson"));
        assertThat(last.recordedBy().reference()).isEqualTo("portal:david.thomson");
    }

    @Test
    void fionaCannotChangeAConsentOutsideHerNomination() {
        PersonId agnes = people.get("Agnes Thomson");
        int before = hub.bean(Consents.class).history(agnes).size();
        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            signInAs(driver, "fiona.thomson");
            choose(driver, agnes);
            driver.get(hub.uri("/portal/consent").toString());
            decide(driver, "refused", "direct-care", "health-detail", CARING_HANDS);
            assertThat(driver.findElement(By.id("error-summary")).getText())
                    .contains("The representative cannot decide for this person")
                    .contains("health-detail");
            accessible(browser, "portal-consent-refused-fiona.thomson");
        }
        assertThat(hub.bean(Consents.class).history(agnes)).hasSize(before);
        assertThat(latest(agnes, Category.HEALTH_DETAIL)).isNotEqualTo(ConsentState.REFUSED);
    }

    @Test
    void anotherPersonsIdOrAFormWithoutItsTokenChangesNothing() {
        PersonId agnes = people.get("Agnes Thomson");
        PersonId lisa = people.get("Lisa Kerr");
        int agnesBefore = hub.bean(Consents.class).history(agnes).size();
        int lisaBefore = hub.bean(Consents.class).history(lisa).size();
        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            signInAs(driver, "david.thomson");
            for (String page : List.of("consent", "access", "representatives", "challenges")) {
                driver.get(
                        hub.uri("/portal/" + page + "?person=" + lisa.value()).toString());
                assertThat(driver.findElement(By.id("nothing-there")).getText())
                        .as(page)
                        .isEqualTo("There is nothing here for you to see.");
            }
            accessible(browser, "portal-nothing-there");

            driver.get(hub.uri("/portal").toString());
            choose(driver, agnes);
            driver.get(hub.uri("/portal/consent").toString());
            ((JavascriptExecutor) driver)
                    .executeScript(
                            "document.querySelector(\"#consent-form input[name='person']\").value = arguments[0]",
                            lisa.value());
            decide(driver, "refused", "direct-care", "care-plan", CARING_HANDS);
            assertThat(driver.findElement(By.id("nothing-there")).getText()).contains("nothing here");

            driver.get(hub.uri("/portal/consent").toString());
            ((JavascriptExecutor) driver)
                    .executeScript("document.querySelector(\"#consent-form input[name='_csrf']\").remove()");
            decide(driver, "refused", "direct-care", "care-plan", CARING_HANDS);
            assertThat(driver.findElements(By.id("recorded"))).isEmpty();
        }
        assertThat(hub.bean(Consents.class).history(agnes)).hasSize(agnesBefore);
        assertThat(hub.bean(Consents.class).history(lisa)).hasSize(lisaBefore);
    }

    @Test
    void agnessWhoCanSeeListsHerPractitionersAndWhoActsForHer() {
        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            signInAs(driver, "david.thomson");
            choose(driver, people.get("Agnes Thomson"));
            driver.findElement(By.id("nav-portal-access")).click();
            List<String> staff = driver.findElements(By.cssSelector(".ecare-who-can-see h3")).stream()
                    .map(WebElement::getText)
                    .toList();
            assertThat(staff)
                    .contains(
                            "Social worker, South Lanarkshire Council Social Work Resources",
                            "General practitioner, Hamilton Medical Practice",
                            "Homecare organiser, Caring Hands Homecare");
            String page = text(driver);
            assertThat(page)
                    // David reads about his mother: her key worker, not his.
                    .contains("Their key worker")
                    .doesNotContain("Your key worker")
                    .contains("You, Welfare power of attorney")
                    .contains("Next of kin or carer, chosen by the person")
                    .doesNotContain("sw.hamilton")
                    .doesNotContain("Graham Sweeney")
                    .doesNotContain("housing");
            accessible(browser, "portal-access-agnes-david.thomson");

            driver.findElement(By.id("nav-portal-representatives")).click();
            List<WebElement> authorities = driver.findElements(By.cssSelector(".ecare-authority"));
            assertThat(authorities)
                    .extracting(card -> card.getAttribute("data-kind"))
                    .contains("WELFARE_ATTORNEY", "NOMINATED_NEXT_OF_KIN_OR_CARER");
            assertThat(text(driver))
                    .contains("You: Welfare power of attorney")
                    .contains("What the person chose: Who works with you and how to reach them, Care plan, Services"
                            + " provided");
            accessible(browser, "portal-representatives-agnes-david.thomson");
        }
    }

    @Test
    void davidsRequestToAddARepresentativeReachesTheVerificationQueue() {
        try (Browser person = Browser.start();
                Browser staff = Browser.start()) {
            WebDriver holder = person.driver();
            signInAs(holder, "david.thomson");
            choose(holder, people.get("Agnes Thomson"));
            holder.get(hub.uri("/portal/representatives").toString());
            WorkspaceBrowserIntegrationTests.submit(holder, "request-representative");
            assertThat(holder.findElement(By.id("error-summary")).getText())
                    .contains("Choose the kind of authority")
                    .contains("Enter the representative's full name")
                    .contains("Enter the reference of the document");
            accessible(person, "portal-representatives-errors");
            holder.findElement(By.cssSelector("input[name='kind'][value='WELFARE_GUARDIAN']"))
                    .click();
            WorkspaceBrowserIntegrationTests.type(holder, "name", "Margaret Thomson");
            WorkspaceBrowserIntegrationTests.type(holder, "reference", "SHERIFF-GUARD-2026-17");
            WorkspaceBrowserIntegrationTests.submit(holder, "request-representative");
            assertThat(holder.findElement(By.id("requested")).getText()).contains("Your request is sent");
            assertThat(holder.findElement(By.cssSelector(".ecare-representative-request"))
                            .getAttribute("data-outcome"))
                    .isEqualTo("WAITING");

            WebDriver worker = staff.driver();
            worker.get(hub.uri("/sign-in").toString());
            worker.findElement(By.id("username")).sendKeys("sw.hamilton");
            worker.findElement(By.id("password")).sendKeys("demo");
            worker.findElement(By.id("sign-in")).click();
            new WebDriverWait(worker, Duration.ofSeconds(10))
                    .until(browser -> !browser.getCurrentUrl().endsWith("/sign-in"));
            worker.findElement(By.id("nav-verification")).click();
            worker.findElement(By.id("representative-requests-link")).click();
            String queue = worker.findElement(By.id("representative-requests")).getText();
            assertThat(queue).contains("Margaret Thomson").contains("SHERIFF-GUARD-2026-17");
            accessible(staff, "representative-requests-sw.hamilton");
            // "Authority recorded" before anything is recorded: refused, and the request still waits.
            worker.findElements(By.cssSelector("#representative-requests button[value='recorded']"))
                    .get(0)
                    .click();
            assertThat(worker.findElement(By.id("not-recorded")).getText())
                    .contains("No authority of the kind asked for");
            accessible(staff, "representative-requests-not-recorded");
            holder.get(hub.uri("/portal/representatives").toString());
            assertThat(holder.findElement(By.cssSelector(".ecare-representative-request"))
                            .getAttribute("data-outcome"))
                    .isEqualTo("WAITING");

            // Recorded on the person's page (here through the module, as that page does; left unverified, so that it
            // changes what no one may see in the other tests), then marked dealt with.
            hub.bean(Representatives.class)
                    .record(
                            new AuthorityDraft(
                                    people.get("Agnes Thomson"),
                                    people.get("Mark Boyle"),
                                    Authority.Kind.WELFARE_GUARDIAN,
                                    "sheriff-guard-2026-17",
                                    java.util.Set.of(Category.CONTACTS),
                                    LocalDate.now(ZoneId.of("Europe/London")),
                                    null),
                            hub.staffActor("sw.hamilton"));
            worker.findElements(By.cssSelector("#representative-requests button[value='recorded']"))
                    .get(0)
                    .click();
            new WebDriverWait(worker, Duration.ofSeconds(10))
                    .until(browser -> browser.getCurrentUrl().endsWith("?decided"));

            holder.get(hub.uri("/portal/representatives").toString());
            assertThat(holder.findElement(By.cssSelector(".ecare-representative-request"))
                            .getAttribute("data-outcome"))
                    .isEqualTo("RECORDED");
        }
    }

    @Test
    void davidsChallengeReachesTheGuardianAndTheAnswerComesBack() {
        PersonId agnes = people.get("Agnes Thomson");
        hub.bean(AccessDecisions.class)
                .decide(
                        new Requester.Staff(Username.of("ot.hamilton"), Purpose.DIRECT_CARE, null),
                        Action.READ,
                        agnes,
                        List.of(new AccessItem(
                                "care-plan-read",
                                Category.CARE_PLAN,
                                Sensitivity.NORMAL,
                                AgencyId.of("slc-social-work"))));
        long entry = hub.bean(JdbcClient.class)
                .sql("select max(id) from transparency_event where event_type = 1 and person_ref = ?")
                .param(agnes.value())
                .query(Long.class)
                .single();
        Requester.Portal david = new Requester.Portal("david.thomson", people.get("David Thomson"));
        try (Browser person = Browser.start();
                Browser staff = Browser.start()) {
            WebDriver holder = person.driver();
            signInAs(holder, "david.thomson");
            choose(holder, agnes);
            holder.get(
                    hub.uri("/portal/challenges?subject=access-event-999999999").toString());
            WorkspaceBrowserIntegrationTests.type(holder, "details", "Who is this?");
            WorkspaceBrowserIntegrationTests.submit(holder, "raise-challenge");
            assertThat(holder.findElement(By.id("error-summary")).getText()).isNotBlank();
            assertThat(hub.bean(Challenges.class).of(david, agnes)).isEmpty();
            accessible(person, "portal-challenge-refused");

            holder.get(
                    hub.uri("/portal/challenges?subject=access-event-" + entry).toString());
            assertThat(holder.findElement(By.id("kind")).isSelected()).isTrue();
            WorkspaceBrowserIntegrationTests.type(holder, "details", ChallengeReviewBrowserIntegrationTests.WORDS);
            WorkspaceBrowserIntegrationTests.submit(holder, "raise-challenge");
            assertThat(holder.findElement(By.id("raised")).getText()).contains("Your challenge is sent");
            assertThat(holder.findElement(By.cssSelector(".ecare-challenge-status"))
                            .getText())
                    .isEqualTo("Received");
            accessible(person, "portal-challenges-raised");
            Challenge raised = hub.bean(Challenges.class).of(david, agnes).get(0);

            WebDriver guardian = staff.driver();
            guardian.get(hub.uri("/sign-in").toString());
            guardian.findElement(By.id("username")).sendKeys("caldicott.slc");
            guardian.findElement(By.id("password")).sendKeys("demo");
            guardian.findElement(By.id("sign-in")).click();
            new WebDriverWait(guardian, Duration.ofSeconds(10))
                    .until(browser -> !browser.getCurrentUrl().endsWith("/sign-in"));
            guardian.get(hub.uri("/reviews").toString());
            guardian.findElement(By.linkText("challenge " + raised.id().reference()))
                    .click();
            new WebDriverWait(guardian, Duration.ofSeconds(10))
                    .until(ExpectedConditions.urlContains(
                            "/reviews/" + raised.review().value()));
            assertThat(guardian.findElement(By.id("challenge-words")).getText())
                    .isEqualTo(ChallengeReviewBrowserIntegrationTests.WORDS);
            WorkspaceBrowserIntegrationTests.submit(guardian, "claim");
            WorkspaceBrowserIntegrationTests.type(
                    guardian, "answer", "The occupational therapist read the care plan to plan the stair rail.");
            WorkspaceBrowserIntegrationTests.submit(guardian, "send-answer");

            holder.get(hub.uri("/portal/challenges").toString());
            assertThat(holder.findElement(By.cssSelector("#" + raised.id().reference() + " .ecare-challenge-status"))
                            .getText())
                    .isEqualTo("Answered");
            assertThat(holder.findElement(By.cssSelector("#" + raised.id().reference() + " .ecare-challenge-answer"))
                            .getText())
                    .contains("stair rail");
            accessible(person, "portal-challenges-answered");
        }
    }
}
