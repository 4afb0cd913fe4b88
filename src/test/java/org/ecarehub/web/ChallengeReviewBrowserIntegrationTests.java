package org.ecarehub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.ecarehub.access.AccessDecisions;
import org.ecarehub.access.AccessItem;
import org.ecarehub.access.Challenge;
import org.ecarehub.access.ChallengeDraft;
import org.ecarehub.access.Challenges;
import org.ecarehub.access.Requester;
import org.ecarehub.access.Sensitivity;
import org.ecarehub.demo.DemoStoryPeople;
import org.ecarehub.partnership.Action;
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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A challenge about Agnes reaches {@code caldicott.slc}'s review queue in a real browser, who reads David's words and
 * the target days, claims it and answers; the answer comes back to David. Each page checked by axe-core.
 */
@Tag("browser")
class ChallengeReviewBrowserIntegrationTests {

    static final String WORDS = "I do not know why this person looked at my mother's record";

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
        driver.findElement(By.id("sign-in")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(browser -> !browser.getCurrentUrl().endsWith("/sign-in"));
    }

    @Test
    void theGuardianAnswersDavidsChallengeAndDavidReadsTheAnswer() {
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
        Challenge raised = hub.bean(Challenges.class)
                .raise(david, agnes, new ChallengeDraft(Challenge.Kind.ACCESS, "access-event-" + entry, WORDS));

        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            signIn(driver, "caldicott.slc");
            driver.get(hub.uri("/reviews").toString());
            WorkspaceBrowserIntegrationTests.accessible(browser, "challenge-review-queue");
            driver.findElement(By.linkText("challenge " + raised.id().reference()))
                    .click();
            new WebDriverWait(driver, Duration.ofSeconds(10))
                    .until(ExpectedConditions.urlContains(
                            "/reviews/" + raised.review().value()));
            assertThat(driver.findElement(By.id("challenge-words")).getText()).isEqualTo(WORDS);
            assertThat(driver.findElement(By.id("challenge-status")).getText()).isEqualTo("received");
            WorkspaceBrowserIntegrationTests.accessible(browser, "challenge-review-unclaimed");

            WorkspaceBrowserIntegrationTests.submit(driver, "claim");
            assertThat(driver.findElement(By.id("challenge-status")).getText()).isEqualTo("acknowledged");
            WorkspaceBrowserIntegrationTests.submit(driver, "send-answer");
            assertThat(driver.findElement(By.id("error-summary")).getText())
                    .contains("Enter the answer the person will read");
            WorkspaceBrowserIntegrationTests.accessible(browser, "challenge-review-errors");

            WorkspaceBrowserIntegrationTests.type(
                    driver, "answer", "The occupational therapist read the care plan to plan the stair rail.");
            WorkspaceBrowserIntegrationTests.submit(driver, "send-answer");
            assertThat(driver.findElement(By.id("review-done")).getText())
                    .contains("The answer is sent and the review is closed");
        }

        Challenge answered = hub.bean(Challenges.class).find(david, raised.id()).orElseThrow();
        assertThat(answered.status()).isEqualTo(Challenge.Status.ANSWERED);
        assertThat(answered.answer()).contains("stair rail");
    }
}
