package org.ecarehub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecarehub.web.PageForms.encoded;
import static org.ecarehub.web.PageForms.withoutNonce;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ecarehub.access.BreakGlassGrants;
import org.ecarehub.access.BreakGlassRequest;
import org.ecarehub.access.CaldicottReview;
import org.ecarehub.access.CaldicottReviews;
import org.ecarehub.consent.Authority;
import org.ecarehub.consent.Consents;
import org.ecarehub.consent.RepresentativeAuthority;
import org.ecarehub.consent.Representatives;
import org.ecarehub.demo.DemoStoryPeople;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.person.Actor;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The practitioner workspace over real HTTP on the demo hub: every form redisplays its problems and changes nothing,
 * an id the user may not see answers exactly as one that does not exist, and a form without its CSRF token is refused.
 */
@Tag("database")
class WorkspacePagesIntegrationTests {

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

    static HttpClient signedIn(String username) {
        return PageForms.signedIn(hub, username);
    }

    static String csrf(HttpClient browser, String page) {
        return PageForms.csrf(hub, browser, page);
    }

    static HttpResponse<String> post(HttpClient browser, String formPage, String path, String form) {
        return PageForms.post(hub, browser, formPage, path, form);
    }

    static String agnesExactly() {
        return "given=Agnes&family=Thomson&dob-day=14&dob-month=3&dob-year=1941";
    }

    static long tracesAbout(PersonId person, String user) {
        return hub.bean(JdbcClient.class)
                .sql("select count(*) from transparency_event where person_ref = ? and event like ?")
                .params(person.value(), "%" + user + "%")
                .query(Long.class)
                .single();
    }

    /** The page without its per-response nonce and masked CSRF token, so that two answers can be compared whole. */
    @Nested
    class PurposeOfUse {

        @Test
        void startsAtDirectCareAndSwitchesToAProtectionPurposeWithAJustification() {
            HttpClient browser = signedIn("sw.hamilton");
            assertThat(hub.get(browser, "/home").body()).contains("id=\"current-purpose\">Direct care<");

            HttpResponse<String> changed = post(
                    browser,
                    "/purpose",
                    "/purpose",
                    "purpose=adult-protection&justification=" + encoded("Concern raised by homecare today"));

            assertThat(changed.statusCode()).isEqualTo(302);
            assertThat(hub.get(browser, "/home").body()).contains("id=\"current-purpose\">Adult protection<");
        }

        @Test
        void refusesAProtectionPurposeWithoutAJustificationAndKeepsThePurpose() {
            HttpClient browser = signedIn("sw.hamilton");

            HttpResponse<String> refused =
                    post(browser, "/purpose", "/purpose", "purpose=child-protection&justification=+++");

            assertThat(refused.statusCode()).isEqualTo(200);
            assertThat(refused.body())
                    .contains("govuk-error-summary")
                    .contains("href=\"#justification\"")
                    .contains("Say why you need to work under child protection");
            assertThat(hub.get(browser, "/home").body()).contains("id=\"current-purpose\">Direct care<");
        }

        @Test
        void refusesAPurposeTheRolesDoNotAllow() {
            HttpClient browser = signedIn("housing.ek");

            HttpResponse<String> refused = post(browser, "/purpose", "/purpose", "purpose=emergency");

            assertThat(refused.body()).contains("Choose a purpose of use that your roles allow");
            assertThat(refused.body()).doesNotContain("value=\"emergency\"");
            assertThat(hub.get(browser, "/home").body()).contains("id=\"current-purpose\">Direct care<");
        }

        @Test
        void givesAGuardianTheAuditPurposeByDefault() {
            HttpClient browser = signedIn("caldicott.slc");

            assertThat(hub.get(browser, "/home").body()).contains("id=\"current-purpose\">Audit<");
        }
    }

    @Nested
    class FindingAPerson {

        @Test
        void findsAgnesForHerKeyWorker() {
            HttpClient browser = signedIn("sw.hamilton");

            HttpResponse<String> found = post(browser, "/people", "/people", "family=Thomson&given=Agnes");

            assertThat(found.body())
                    .contains("href=\"/people/" + agnes.value() + "\"")
                    .contains("Agnes Thomson");
            assertThat(found.body()).doesNotContain("known to the partnership");
        }

        @Test
        void tellsAnUninvolvedUserThatAnExactMatchIsKnownAndRevealsNothingMore() {
            HttpClient browser = signedIn("housing.ek");
            long before = tracesAbout(agnes, "housing.ek");

            HttpResponse<String> found = post(browser, "/people", "/people", agnesExactly());

            assertThat(found.body())
                    .contains("A person with the details you entered is known to the")
                    .contains("href=\"/break-glass/");
            assertThat(found.body())
                    .doesNotContain(agnes.value())
                    .doesNotContain("Burnbank")
                    .doesNotContain("ML3");
            assertThat(tracesAbout(agnes, "housing.ek")).isGreaterThan(before);
        }

        @Test
        void offersNothingForDetailsThatAreNotExact() {
            HttpClient browser = signedIn("housing.ek");
            long before = tracesAbout(agnes, "housing.ek");

            HttpResponse<String> found = post(browser, "/people", "/people", "given=Agnes&family=Thomson");

            assertThat(found.body()).contains("No person you may see matches").doesNotContain("known to the");
            assertThat(tracesAbout(agnes, "housing.ek")).isEqualTo(before);
        }

        @Test
        void redisplaysAnEmptyOrImpossibleSearchWithItsProblems() {
            HttpClient browser = signedIn("sw.hamilton");

            HttpResponse<String> empty = post(browser, "/people", "/people", "given=&family=");
            HttpResponse<String> impossible =
                    post(browser, "/people", "/people", "family=Thomson&dob-day=31&dob-month=2&dob-year=1941&chi=12");

            assertThat(empty.body()).contains("govuk-error-summary").contains("Enter at least one detail");
            assertThat(impossible.body())
                    .contains("Date of birth must be a real date")
                    .contains("CHI number must be 10 digits")
                    .doesNotContain("id=\"results\"");
        }
    }

    @Nested
    class ThePersonsPage {

        @Test
        void showsTheSummaryAndWhoIsInvolvedToTheKeyWorker() {
            HttpClient browser = signedIn("sw.hamilton");

            HttpResponse<String> page = hub.get(browser, "/people/" + agnes.value());

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body())
                    .contains("Agnes Thomson")
                    .contains("14 March 1941")
                    .contains("id=\"relationships\"")
                    .contains("Key worker")
                    .as("how to reach the district nurse's team, from the partnership file")
                    .contains("01632 960002")
                    .contains("district-nursing-hamilton@nhs-lanarkshire.example")
                    .contains("id=\"assessments-section\"");
        }

        @Test
        void answersAnInvisiblePersonExactlyAsOneThatDoesNotExist() {
            HttpClient browser = signedIn("housing.ek");

            HttpResponse<String> invisible = hub.get(browser, "/people/" + agnes.value(), "Accept", "text/html");
            HttpResponse<String> missing =
                    hub.get(browser, "/people/" + PersonId.random().value(), "Accept", "text/html");
            HttpResponse<String> malformed = hub.get(browser, "/people/not-an-id", "Accept", "text/html");

            assertThat(invisible.statusCode()).isEqualTo(404);
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(malformed.statusCode()).isEqualTo(404);
            assertThat(withoutNonce(invisible.body())).isEqualTo(withoutNonce(missing.body()));
            assertThat(withoutNonce(malformed.body())).isEqualTo(withoutNonce(missing.body()));
            assertThat(invisible.body()).contains("Page not found").doesNotContain("Agnes");
        }
    }

    @Nested
    class BreakGlass {

        @Test
        void redisplaysABadRequestWithEveryProblemAndOpensNothing() {
            HttpClient browser = signedIn("housing.ek");
            String offer = offerFor(browser);

            HttpResponse<String> refused =
                    post(browser, offer, offer, "reason=" + encoded("too short") + "&purpose=emergency&hours=30");

            assertThat(refused.statusCode()).isEqualTo(200);
            assertThat(refused.body())
                    .contains("govuk-error-summary")
                    .contains("Give a reason of at least 20 characters")
                    .contains("Choose a purpose of use that your roles allow")
                    .contains("Enter a duration in whole hours, from 1 to 24");
            assertThat(hub.bean(BreakGlassGrants.class).grantsFor(agnes))
                    .noneMatch(grant -> grant.user().equals(Username.of("housing.ek")));
        }

        @Test
        void answersAnUnknownOfferAsAPageThatDoesNotExist() {
            HttpClient browser = signedIn("housing.ek");

            assertThat(hub.get(browser, "/break-glass/" + agnes.value()).statusCode())
                    .isEqualTo(404);
        }

        @Test
        void refusesAFormWithoutItsCsrfTokenAndOpensNothing() {
            HttpClient browser = signedIn("housing.ek");
            String offer = offerFor(browser);

            HttpResponse<String> forged = hub.postForm(
                    browser, offer, "reason=" + encoded("A forged form from another site, long enough") + "&hours=4");

            assertThat(forged.statusCode()).isEqualTo(403);
            assertThat(hub.bean(BreakGlassGrants.class).grantsFor(agnes))
                    .noneMatch(grant -> grant.user().equals(Username.of("housing.ek")));
        }

        @Test
        void opensAGrantShowsTheBannerAndPutsTheReviewOnTheGuardiansQueue() {
            HttpClient clinician = signedIn("ed.wishaw");
            String offer = offerFor(clinician);

            HttpResponse<String> opened = post(
                    clinician,
                    offer,
                    offer,
                    "reason=" + encoded("Brought in unconscious; checking medication history") + "&purpose=direct-care"
                            + "&hours=4");

            assertThat(opened.statusCode()).isEqualTo(302);
            assertThat(opened.headers().firstValue("Location"))
                    .hasValueSatisfying(to -> assertThat(to).endsWith("/people/" + agnes.value()));
            HttpResponse<String> page = hub.get(clinician, "/people/" + agnes.value());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body())
                    .contains("id=\"break-glass-banner\"")
                    .contains("Brought in unconscious; checking medication history")
                    .contains("this access is reviewed");
            assertThat(hub.get(clinician, offer).statusCode())
                    .as("the offer is spent")
                    .isEqualTo(404);
            assertThat(hub.bean(CaldicottReviews.class).openFor(Username.of("caldicott.nhs")))
                    .anyMatch(review -> review.person().equals(agnes));
        }

        String offerFor(HttpClient browser) {
            HttpResponse<String> found = post(browser, "/people", "/people", agnesExactly());
            Matcher link = Pattern.compile("href=\"(/break-glass/[0-9a-f]+)\"").matcher(found.body());
            assertThat(link.find()).as("a break-glass offer").isTrue();
            return link.group(1);
        }
    }

    @Nested
    class RecordingAConsent {

        @Test
        void redisplaysAnIncompleteDecisionAndRecordsNothing() {
            HttpClient browser = signedIn("sw.hamilton");
            String form = "/people/" + agnes.value() + "/consents/new";
            int before = hub.bean(Consents.class).history(agnes).size();

            HttpResponse<String> refused = post(
                    browser,
                    form,
                    "/people/" + agnes.value() + "/consents",
                    "purpose=audit&categories=no-such-category&evidence=document&reference=+");

            assertThat(refused.statusCode()).isEqualTo(200);
            assertThat(refused.body())
                    .contains("govuk-error-summary")
                    .contains("Choose whether consent was given, refused or withdrawn")
                    .contains("Choose the purpose the decision is about")
                    .contains("Choose categories from the list")
                    .contains("Choose the agency the decision is about sharing with")
                    .contains("Enter where the document is filed");
            assertThat(hub.bean(Consents.class).history(agnes)).hasSize(before);
        }

        @Test
        void recordsTheKeyWorkersEntryOfAgnessDecision() {
            HttpClient browser = signedIn("sw.hamilton");
            String form = "/people/" + agnes.value() + "/consents/new";
            int before = hub.bean(Consents.class).history(agnes).size();

            HttpResponse<String> recorded = post(
                    browser,
                    form,
                    "/people/" + agnes.value() + "/consents",
                    "status=given&purpose=direct-care&categories=housing&recipient=slc-housing&evidence=verbal");

            assertThat(recorded.statusCode()).isEqualTo(302);
            assertThat(hub.bean(Consents.class).history(agnes)).hasSize(before + 1);
            assertThat(hub.bean(Consents.class)
                            .history(agnes)
                            .get(before)
                            .recordedBy()
                            .account())
                    .isEqualTo("sw.hamilton");
        }

        @Test
        void answersSomeoneWhoMayNotSeeThePersonAsAPageThatDoesNotExist() {
            HttpClient browser = signedIn("housing.ek");

            assertThat(hub.get(browser, "/people/" + agnes.value() + "/consents/new")
                            .statusCode())
                    .isEqualTo(404);
        }
    }

    @Nested
    class Authorities {

        RepresentativeAuthority fionasNomination() {
            return hub.bean(Representatives.class).authoritiesOver(agnes).stream()
                    .filter(one -> one.authority().kind() == Authority.Kind.NOMINATED_NEXT_OF_KIN_OR_CARER)
                    .findFirst()
                    .orElseThrow();
        }

        @Test
        void answersSomeoneWhoMayNotSeeTheAuthorityAsAPageThatDoesNotExistAndChangesNothing() {
            HttpClient browser = signedIn("housing.ek");
            RepresentativeAuthority nomination = fionasNomination();

            HttpResponse<String> refused = post(
                    browser,
                    "/people",
                    "/people/" + agnes.value() + "/authorities/"
                            + nomination.id().value() + "/end",
                    "");

            assertThat(refused.statusCode()).isEqualTo(404);
            assertThat(fionasNomination().authority().end())
                    .isEqualTo(nomination.authority().end());
        }

        @Test
        void letsTheKeyWorkerEndANominationFromThePersonsPage() {
            HttpClient browser = signedIn("sw.hamilton");
            RepresentativeAuthority nomination = fionasNomination();
            String page = "/people/" + agnes.value();
            assertThat(hub.get(browser, page).body())
                    .contains("id=\"end-" + nomination.id().value() + "\"");

            HttpResponse<String> ended =
                    post(browser, page, page + "/authorities/" + nomination.id().value() + "/end", "");

            assertThat(ended.statusCode()).isEqualTo(302);
            assertThat(fionasNomination().authority().end()).isNotNull();
        }
    }

    @Nested
    class Reviews {

        @Test
        void claimsRefusesABlankNoteThenClosesTheReview() {
            CaldicottReview review = breakGlassReviewFor("sw.airdrie", "nlc-social-work", "social-worker");
            HttpClient guardian = signedIn("caldicott.slc");
            String page = "/reviews/" + review.id().value();
            assertThat(hub.get(guardian, "/reviews").body()).contains("href=\"" + page + "\"");

            String history = "/people/" + agnes.value() + "/history";
            assertThat(hub.get(guardian, history).statusCode())
                    .as("no task claimed yet")
                    .isEqualTo(404);

            assertThat(post(guardian, page, page + "/claim", "").statusCode()).isEqualTo(302);
            HttpResponse<String> events = hub.get(guardian, history);
            assertThat(events.statusCode()).isEqualTo(200);
            assertThat(events.body())
                    .contains("id=\"history\"")
                    .contains("sw.airdrie")
                    .contains("break-glass");
            assertThat(hub.get(signedIn("caldicott.nhs"), history).statusCode()).isEqualTo(404);
            assertThat(hub.get(signedIn("sw.hamilton"), history).statusCode())
                    .as("direct care reads no history, even for the key worker")
                    .isEqualTo(404);
            HttpResponse<String> blank = post(guardian, page, page + "/close", "note=+");

            assertThat(blank.body()).contains("govuk-error-summary").contains("Enter a note saying what you found");
            assertThat(state(review)).isEqualTo(CaldicottReview.State.CLAIMED);

            HttpResponse<String> closed =
                    post(guardian, page, page + "/close", "note=" + encoded("Reason checked with the team"));

            assertThat(closed.statusCode()).isEqualTo(302);
            assertThat(state(review)).isEqualTo(CaldicottReview.State.CLOSED);
        }

        @Test
        void answersAReviewOffTheUsersQueueAsNotFound() {
            CaldicottReview review = breakGlassReviewFor("teacher.blantyre", "slc-education", "head-teacher");
            HttpClient otherGuardian = signedIn("caldicott.nhs");
            String page = "/reviews/" + review.id().value();

            assertThat(hub.get(otherGuardian, page).statusCode()).isEqualTo(404);
            assertThat(hub.get(otherGuardian, "/reviews/999999").statusCode()).isEqualTo(404);
            assertThat(post(otherGuardian, "/purpose", page + "/claim", "").statusCode())
                    .isEqualTo(404);
            assertThat(state(review)).isEqualTo(CaldicottReview.State.OPEN);
        }

        /** The review of a break-glass grant the user opens now; each test uses a user of its own. */
        CaldicottReview breakGlassReviewFor(String user, String agency, String role) {
            BreakGlassGrants grants = hub.bean(BreakGlassGrants.class);
            Username username = Username.of(user);
            grants.open(
                    agnes,
                    new BreakGlassRequest(
                            username, "Covering a colleague's visit tonight for Agnes", Purpose.DIRECT_CARE, null),
                    Actor.staff(username, AgencyId.of(agency), java.util.List.of(role), 1));
            return hub.bean(CaldicottReviews.class).forPerson(agnes).stream()
                    .filter(review -> review.kind() == CaldicottReview.Kind.BREAK_GLASS)
                    .filter(review -> review.agency().equals(AgencyId.of(agency)))
                    .filter(review -> !review.closed())
                    .reduce((first, second) -> second)
                    .orElseThrow();
        }

        CaldicottReview.State state(CaldicottReview review) {
            return hub.bean(CaldicottReviews.class).forPerson(agnes).stream()
                    .filter(one -> one.id().equals(review.id()))
                    .findFirst()
                    .orElseThrow()
                    .state();
        }
    }
}
