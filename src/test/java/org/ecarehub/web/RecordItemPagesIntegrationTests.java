package org.ecarehub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecarehub.web.PageForms.encoded;
import static org.ecarehub.web.PageForms.location;
import static org.ecarehub.web.PageForms.withoutNonce;

import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.ecarehub.access.Requester;
import org.ecarehub.access.Sensitivity;
import org.ecarehub.demo.DemoStoryPeople;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.record.Alert;
import org.ecarehub.record.AlertContact;
import org.ecarehub.record.AlertType;
import org.ecarehub.record.CarePlan;
import org.ecarehub.record.CarePlanAction;
import org.ecarehub.record.ItemDraft;
import org.ecarehub.record.ItemStatus;
import org.ecarehub.record.ItemView;
import org.ecarehub.record.RecordItem;
import org.ecarehub.record.RecordItemId;
import org.ecarehub.record.RecordKind;
import org.ecarehub.record.Records;
import org.ecarehub.record.ServiceProvision;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pages that add and keep record items, over real HTTP on the demo hub: alerts added and ended, care plans added
 * and reviewed, services added and ended, documents added; every form's bad input redisplayed with nothing stored,
 * stale ends and reviews, the decision point's refusal as a 403 page that says what would allow it, and a person the
 * user may not see answering as a missing one.
 */
@Tag("database")
class RecordItemPagesIntegrationTests {

    static final String SOCIAL_WORK = "South Lanarkshire Council Social Work Resources";

    @TempDir
    static Path dataDir;

    static RunningHub hub;
    static Records records;
    static PersonId agnes;
    static PersonId ryan;

    @BeforeAll
    static void startDemoHub() {
        hub = RunningHub.demo(dataDir, TestDatabase.fresh(dataDir));
        records = hub.bean(Records.class);
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

    static HttpClient signedIn(String username) {
        return PageForms.signedIn(hub, username);
    }

    static String csrf(HttpClient browser, String page) {
        return PageForms.csrf(hub, browser, page);
    }

    static HttpResponse<String> post(HttpClient browser, String formPage, String path, String form) {
        return PageForms.post(hub, browser, formPage, path, form);
    }

    /** The item a page redirected to after adding or changing it. */
    static RecordItemId itemAt(String location) {
        String reference = location.replaceFirst("^/records/", "").replaceFirst("\\?.*$", "");
        return RecordItemId.parse(reference).orElseThrow();
    }

    static LocalDate today() {
        return LocalDate.now(ZoneId.of("Europe/London"));
    }

    static String date(String prefix, LocalDate date) {
        return "&" + prefix + "-day=" + date.getDayOfMonth() + "&" + prefix + "-month=" + date.getMonthValue() + "&"
                + prefix + "-year=" + date.getYear();
    }

    static int count(PersonId person, RecordKind kind) {
        return records.read(staff("sw.hamilton"), person).ofKind(kind).size();
    }

    static ItemView item(RecordItemId id) {
        return records.item(staff("sw.hamilton"), id).orElseThrow();
    }

    static RecordItem plan(String outcome) {
        return records.add(
                staff("sw.hamilton"),
                agnes,
                ItemDraft.of(new CarePlan(
                        List.of(outcome),
                        List.of(new CarePlanAction(
                                "Homecare visits", AgencyId.of("caring-hands"), null, null, "three times a day")),
                        today().plusMonths(3),
                        List.of())));
    }

    static RecordItem service(String name) {
        return records.add(
                staff("sw.hamilton"),
                agnes,
                ItemDraft.of(new ServiceProvision(
                        name,
                        AgencyId.of("caring-hands"),
                        today().minusMonths(2),
                        null,
                        3,
                        null,
                        BigDecimal.valueOf(10.5))));
    }

    @Nested
    class Links {

        @Test
        void offersEachAddLinkOnlyWhereTheDecisionPointLetsTheUserTry() {
            String worker =
                    hub.get(signedIn("sw.hamilton"), "/people/" + agnes.value()).body();
            String therapist =
                    hub.get(signedIn("ot.hamilton"), "/people/" + agnes.value()).body();

            assertThat(worker)
                    .contains("id=\"add-alert\"")
                    .contains("id=\"add-care-plan\"")
                    .contains("id=\"add-service\"")
                    .contains("id=\"add-document\"");
            // The occupational therapist's role reads alerts, care plans and services but creates none of them.
            assertThat(therapist)
                    .doesNotContain("id=\"add-alert\"")
                    .doesNotContain("id=\"add-care-plan\"")
                    .doesNotContain("id=\"add-service\"")
                    .contains("id=\"add-document\"");
        }
    }

    @Nested
    class Alerts {

        @Test
        void addsAnAlertThatAnotherAgencySeesWithItsOwningAgency() {
            HttpClient worker = signedIn("sw.hamilton");
            String form = "/people/" + agnes.value() + "/alerts/new";

            String added = location(post(
                    worker,
                    form,
                    "/people/" + agnes.value() + "/alerts",
                    "type=allergy&text=" + encoded("Allergic to penicillin")));

            assertThat(added).endsWith("?added");
            assertThat(item(itemAt(added)).item().owner()).isEqualTo(AgencyId.of("slc-social-work"));
            String nursesView =
                    hub.get(signedIn("dn.hamilton"), "/people/" + agnes.value()).body();
            assertThat(nursesView)
                    .contains("Allergy: Allergic to penicillin")
                    .contains("From <span>" + SOCIAL_WORK + "</span>");
        }

        @Test
        void redisplaysABadAlertWithEveryProblemAndStoresNothing() {
            HttpClient worker = signedIn("sw.hamilton");
            String form = "/people/" + agnes.value() + "/alerts/new";
            int before = count(agnes, RecordKind.ALERT);

            HttpResponse<String> empty = post(worker, form, "/people/" + agnes.value() + "/alerts", "type=&text=+");
            // The child protection flag follows registration, so the form refuses it even when posted by hand.
            HttpResponse<String> protection = post(
                    worker,
                    form,
                    "/people/" + agnes.value() + "/alerts",
                    "type=child-protection&text=" + encoded("On the register"));

            assertThat(empty.statusCode()).isEqualTo(200);
            assertThat(empty.body())
                    .contains("govuk-error-summary")
                    .contains("href=\"#type\"")
                    .contains("Choose what kind of alert it is")
                    .contains("Enter what the alert warns of");
            assertThat(protection.body()).contains("Choose what kind of alert it is");
            assertThat(count(agnes, RecordKind.ALERT)).isEqualTo(before);
        }

        @Test
        void endsAnAlertFromItsConfirmationPageAndTakesItOffThePersonsPage() {
            RecordItem alert = records.add(
                    staff("sw.hamilton"),
                    agnes,
                    ItemDraft.of(new Alert(AlertType.RISK_TO_VISITING_STAFF, "Loose stair carpet", null)));
            HttpClient worker = signedIn("sw.hamilton");
            String page = "/records/" + alert.id().reference();
            String end = page + "/end";
            assertThat(hub.get(worker, page).body()).contains("id=\"end-alert-link\"");
            assertThat(hub.get(worker, end).body()).contains("End the alert").contains("Loose stair carpet");

            HttpResponse<String> withoutReason = post(worker, end, end, "version=1&reason=+");
            assertThat(withoutReason.statusCode()).isEqualTo(200);
            assertThat(withoutReason.body())
                    .contains("govuk-error-summary")
                    .contains("Enter why the alert no longer applies");
            assertThat(item(alert.id()).item().status()).isEqualTo(ItemStatus.ACTIVE);

            assertThat(location(post(worker, end, end, "version=1&reason=" + encoded("Carpet replaced"))))
                    .isEqualTo(page + "?ended");
            ItemView ended = item(alert.id());
            assertThat(ended.item().status()).isEqualTo(ItemStatus.ENDED);
            assertThat(ended.item().current().reason()).isEqualTo("Carpet replaced");
            assertThat(hub.get(worker, "/people/" + agnes.value()).body()).doesNotContain("Loose stair carpet");
        }

        @Test
        void tellsAStaleEnderThatSomeoneChangedTheAlertAndEndsNothing() {
            RecordItem alert = records.add(
                    staff("sw.hamilton"),
                    agnes,
                    ItemDraft.of(new Alert(AlertType.COMMUNICATION_NEEDS, "Uses a hearing aid", null)));
            HttpClient worker = signedIn("sw.hamilton");
            String end = "/records/" + alert.id().reference() + "/end";
            String token = csrf(worker, end);
            records.correct(
                    staff("sw.hamilton"),
                    alert.id(),
                    1,
                    new Alert(AlertType.COMMUNICATION_NEEDS, "Uses hearing aids in both ears", null),
                    "Second aid fitted");

            HttpResponse<String> stale =
                    hub.postForm(worker, end, "version=1&reason=" + encoded("No longer needed") + "&_csrf=" + token);

            assertThat(stale.statusCode()).isEqualTo(200);
            assertThat(stale.body())
                    .contains("Someone changed this since you opened it")
                    .contains("id=\"stale\"")
                    .contains("Uses hearing aids in both ears")
                    .contains("name=\"version\" value=\"2\"");
            assertThat(item(alert.id()).item().status()).isEqualTo(ItemStatus.ACTIVE);
        }

        @Test
        void neverEndsTheChildProtectionFlagFromThePages() {
            RecordItem flag = records.add(
                    staff("sw.blantyre"),
                    ryan,
                    ItemDraft.of(new Alert(
                            AlertType.CHILD_PROTECTION,
                            "On the child protection register (neglect)",
                            new AlertContact(
                                    "Claire Swanson",
                                    Username.of("sw.blantyre"),
                                    TeamId.of("children-families-blantyre"),
                                    "01698 000 111"))));
            HttpClient worker = signedIn("sw.blantyre");
            String end = "/records/" + flag.id().reference() + "/end";

            assertThat(hub.get(worker, "/records/" + flag.id().reference()).body())
                    .doesNotContain("id=\"end-alert-link\"");
            assertThat(hub.get(worker, end).statusCode()).isEqualTo(404);
            assertThat(post(worker, "/people", end, "version=1&reason=" + encoded("Deregistered"))
                            .statusCode())
                    .isEqualTo(404);
            assertThat(records.item(staff("sw.blantyre"), flag.id())
                            .orElseThrow()
                            .item()
                            .status())
                    .isEqualTo(ItemStatus.ACTIVE);
        }
    }

    @Nested
    class CarePlans {

        @Test
        void addsACarePlanWithWhoDoesWhatAndShowsItOnThePersonsPage() {
            HttpClient worker = signedIn("sw.hamilton");
            String form = "/people/" + agnes.value() + "/care-plans/new";
            LocalDate review = today().plusMonths(6);

            String added = location(post(
                    worker,
                    form,
                    "/people/" + agnes.value() + "/care-plans",
                    "outcomes=" + encoded("Stay at home safely\nKeep seeing her friends at the lunch club")
                            + "&action-0-what=" + encoded("Help with washing and dressing")
                            + "&action-0-agency=caring-hands&action-0-team=caring-hands-homecare"
                            + "&action-0-staff=homecare.org&action-0-when=" + encoded("every morning")
                            + "&action-1-what=" + encoded("Review the homecare hours")
                            + "&action-1-agency=slc-social-work&action-1-staff=sw.hamilton&action-1-when="
                            + encoded("in three months") + date("review", review)));

            CarePlan plan = item(itemAt(added)).item().content(CarePlan.class);
            assertThat(plan.outcomes()).hasSize(2);
            assertThat(plan.actions())
                    .extracting(CarePlanAction::agency)
                    .containsExactly(AgencyId.of("caring-hands"), AgencyId.of("slc-social-work"));
            assertThat(plan.reviewDate()).isEqualTo(review);
            assertThat(hub.get(signedIn("dn.hamilton"), "/people/" + agnes.value())
                            .body())
                    .contains("Care plan, review by " + Dates.day(review))
                    .contains(SOCIAL_WORK);
            assertThat(hub.get(worker, added.replaceFirst("\\?.*$", "")).body())
                    .contains("Help with washing and dressing: Caring Hands Homecare, Caring Hands Homecare Team");
        }

        @Test
        void redisplaysABadCarePlanWithEveryProblemAndStoresNothing() {
            HttpClient worker = signedIn("sw.hamilton");
            String form = "/people/" + agnes.value() + "/care-plans/new";
            int before = count(agnes, RecordKind.CARE_PLAN);

            HttpResponse<String> refused = post(
                    worker,
                    form,
                    "/people/" + agnes.value() + "/care-plans",
                    "outcomes=+&action-0-what=" + encoded("Shopping") + "&action-1-what=" + encoded("Meals")
                            + "&action-1-agency=caring-hands&action-1-team=adult-care-hamilton&action-1-when=daily"
                            + "&review-day=31&review-month=2&review-year=2027");

            assertThat(refused.statusCode()).isEqualTo(200);
            assertThat(refused.body())
                    .contains("govuk-error-summary")
                    .contains("Enter at least one outcome, one a line")
                    .contains("Action 1: choose the agency that does it")
                    .contains("Action 1: enter when or how often it is done")
                    .contains("Action 2: choose a team of the agency that does it, or none")
                    .contains("href=\"#action-1-team\"")
                    .contains("The review date must be a real date");
            assertThat(count(agnes, RecordKind.CARE_PLAN)).isEqualTo(before);
        }

        @Test
        void savesAReviewAsANewVersionWithTheNextReviewDate() {
            RecordItem plan = plan("Manage her medication safely");
            HttpClient nurse = signedIn("dn.hamilton");
            String review = "/records/" + plan.id().reference() + "/review";
            LocalDate next = today().plusMonths(4);
            assertThat(hub.get(nurse, "/records/" + plan.id().reference()).body())
                    .contains("id=\"review-plan-link\"");

            String saved = location(post(
                    nurse,
                    review,
                    review,
                    "version=1" + date("reviewed", today()) + "&note=" + encoded("Dosette box works well")
                            + date("next", next)));

            assertThat(saved).endsWith("?reviewed");
            ItemView reviewed = item(plan.id());
            assertThat(reviewed.item().version()).isEqualTo(2);
            CarePlan content = reviewed.item().content(CarePlan.class);
            assertThat(content.reviewDate()).isEqualTo(next);
            assertThat(content.reviews()).singleElement().satisfies(done -> {
                assertThat(done.by()).isEqualTo(Username.of("dn.hamilton"));
                assertThat(done.note()).isEqualTo("Dosette box works well");
            });
            assertThat(reviewed.item().owner()).isEqualTo(AgencyId.of("slc-social-work"));
            assertThat(reviewed.item().current().agency()).isEqualTo(AgencyId.of("nhs-lanarkshire"));
        }

        @Test
        void redisplaysABadReviewAndStoresNothing() {
            RecordItem plan = plan("Get out to the shops each week");
            HttpClient worker = signedIn("sw.hamilton");
            String review = "/records/" + plan.id().reference() + "/review";

            HttpResponse<String> refused = post(
                    worker,
                    review,
                    review,
                    "version=1" + date("reviewed", today().plusDays(3)) + "&note=+" + date("next", today()));

            assertThat(refused.statusCode()).isEqualTo(200);
            assertThat(refused.body())
                    .contains("The date of the review must be today or in the past")
                    .contains("Enter what the review found")
                    .contains("The next review date must be after the date of this review");
            assertThat(item(plan.id()).item().version()).isEqualTo(1);
        }

        @Test
        void tellsAStaleReviewerThatSomeoneChangedThePlanAndSavesNothing() {
            RecordItem plan = plan("Sleep through the night");
            HttpClient worker = signedIn("sw.hamilton");
            String review = "/records/" + plan.id().reference() + "/review";
            String token = csrf(worker, review);
            CarePlan first = plan.content(CarePlan.class);
            records.correct(
                    staff("sw.hamilton"),
                    plan.id(),
                    1,
                    new CarePlan(
                            List.of("Sleep through the night most nights"),
                            first.actions(),
                            first.reviewDate(),
                            first.reviews()),
                    "Outcome reworded with her");

            HttpResponse<String> stale = hub.postForm(
                    worker,
                    review,
                    "version=1" + date("reviewed", today()) + "&note=" + encoded("Settled")
                            + date("next", today().plusMonths(1)) + "&_csrf=" + token);

            assertThat(stale.statusCode()).isEqualTo(200);
            assertThat(stale.body())
                    .contains("Someone changed this since you opened it")
                    .contains("Sleep through the night most nights")
                    .contains("name=\"version\" value=\"2\"");
            assertThat(item(plan.id()).item().content(CarePlan.class).reviews()).isEmpty();
        }
    }

    @Nested
    class Services {

        @Test
        void addsAServiceShownOnThePersonsPageWithItsOwningAgency() {
            HttpClient worker = signedIn("sw.hamilton");
            String form = "/people/" + agnes.value() + "/services/new";

            String added = location(post(
                    worker,
                    form,
                    "/people/" + agnes.value() + "/services",
                    "service=" + encoded("Day care") + "&provider=whitehill-house" + date("start", today())
                            + "&frequency=" + encoded("two days a week") + "&hours=12"));

            ServiceProvision service = item(itemAt(added)).item().content(ServiceProvision.class);
            assertThat(service.provider()).isEqualTo(AgencyId.of("whitehill-house"));
            assertThat(service.frequency()).isEqualTo("two days a week");
            assertThat(hub.get(signedIn("dn.hamilton"), "/people/" + agnes.value())
                            .body())
                    .contains("Day care from Whitehill House Care Home");
        }

        @Test
        void redisplaysABadServiceWithEveryProblemAndStoresNothing() {
            HttpClient worker = signedIn("sw.hamilton");
            String form = "/people/" + agnes.value() + "/services/new";
            int before = count(agnes, RecordKind.SERVICE_PROVISION);

            HttpResponse<String> refused = post(
                    worker,
                    form,
                    "/people/" + agnes.value() + "/services",
                    "service=+&provider=no-such-agency" + date("start", today()) + date("end", today().minusDays(1))
                            + "&visits=30&hours=200");

            assertThat(refused.statusCode()).isEqualTo(200);
            assertThat(refused.body())
                    .contains("Enter the service, for example homecare")
                    .contains("Choose the agency that provides the service")
                    .contains("The end date must be on or after the start date")
                    .contains("Visits a day must be a whole number from 1 to 24")
                    .contains("Hours a week must be a number from 0 to 168");
            assertThat(count(agnes, RecordKind.SERVICE_PROVISION)).isEqualTo(before);
        }

        @Test
        void endsAServiceAsACorrectionWithItsLastDayAndReason() {
            RecordItem service = service("Meals at home");
            HttpClient worker = signedIn("sw.hamilton");
            String end = "/records/" + service.id().reference() + "/end-service";
            assertThat(hub.get(worker, "/records/" + service.id().reference()).body())
                    .contains("id=\"end-service-link\"");

            HttpResponse<String> beforeStart =
                    post(worker, end, end, "version=1" + date("end", today().minusYears(1)) + "&reason=+");
            assertThat(beforeStart.body())
                    .contains("The last day must be on or after the day the service started")
                    .contains("Enter why the service ends");
            assertThat(item(service.id()).item().version()).isEqualTo(1);

            String ended = location(post(
                    worker, end, end, "version=1" + date("end", today()) + "&reason=" + encoded("Moving to day care")));

            assertThat(ended).endsWith("?service-ended");
            ItemView view = item(service.id());
            assertThat(view.item().version()).isEqualTo(2);
            assertThat(view.item().content(ServiceProvision.class).end()).isEqualTo(today());
            assertThat(view.item().current().reason()).isEqualTo("Moving to day care");
        }

        @Test
        void tellsAStaleEnderThatSomeoneChangedTheServiceAndSavesNothing() {
            RecordItem service = service("Laundry service");
            HttpClient worker = signedIn("sw.hamilton");
            String end = "/records/" + service.id().reference() + "/end-service";
            String token = csrf(worker, end);
            ServiceProvision first = service.content(ServiceProvision.class);
            records.correct(
                    staff("sw.hamilton"),
                    service.id(),
                    1,
                    new ServiceProvision(
                            first.service(), first.provider(), first.start(), null, 2, null, BigDecimal.valueOf(7)),
                    "Visits cut to two");

            HttpResponse<String> stale = hub.postForm(
                    worker,
                    end,
                    "version=1" + date("end", today()) + "&reason=" + encoded("No longer needed") + "&_csrf=" + token);

            assertThat(stale.statusCode()).isEqualTo(200);
            assertThat(stale.body())
                    .contains("Someone changed this since you opened it")
                    .contains("id=\"stale\"");
            assertThat(item(service.id()).item().content(ServiceProvision.class).end())
                    .isNull();
        }
    }

    @Nested
    class Documents {

        @Test
        void addsARestrictedLetterUnderACategoryTheRoleMayCreate() {
            HttpClient nurse = signedIn("dn.hamilton");
            String form = "/people/" + agnes.value() + "/documents/new";
            assertThat(hub.get(nurse, form).body())
                    .contains("value=\"health-detail\"")
                    .doesNotContain("value=\"social-work-note\"")
                    .doesNotContain("value=\"protection\"");

            String added = location(post(
                    nurse,
                    form,
                    "/people/" + agnes.value() + "/documents",
                    "category=health-detail&sensitivity=restricted&title=" + encoded("Memory clinic letter") + "&text="
                            + encoded("Seen at the memory clinic; no change to medication.")));

            RecordItem letter = records.item(staff("dn.hamilton"), itemAt(added))
                    .orElseThrow()
                    .item();
            assertThat(letter.category()).isEqualTo(Category.HEALTH_DETAIL);
            assertThat(letter.sensitivity()).isEqualTo(Sensitivity.RESTRICTED);
            assertThat(hub.get(nurse, "/people/" + agnes.value()).body())
                    .contains("Memory clinic letter")
                    .contains("NHS Lanarkshire");
        }

        @Test
        void redisplaysABadDocumentAndAForgedCategoryAndStoresNothing() {
            HttpClient nurse = signedIn("dn.hamilton");
            String form = "/people/" + agnes.value() + "/documents/new";
            int before = records.read(staff("dn.hamilton"), agnes)
                    .ofKind(RecordKind.DOCUMENT)
                    .size();

            HttpResponse<String> empty = post(nurse, form, "/people/" + agnes.value() + "/documents", "title=+");
            HttpResponse<String> forged = post(
                    nurse,
                    form,
                    "/people/" + agnes.value() + "/documents",
                    "category=social-work-note&sensitivity=sealed&title=" + encoded("Note") + "&text=" + encoded("x"));

            assertThat(empty.body())
                    .contains("govuk-error-summary")
                    .contains("Choose what kind of information the document holds")
                    .contains("Choose whether the document is normal or restricted")
                    .contains("Enter the document&#39;s title")
                    .contains("Enter the document&#39;s text");
            assertThat(forged.body())
                    .contains("Choose what kind of information the document holds")
                    .contains("Choose whether the document is normal or restricted");
            assertThat(records.read(staff("dn.hamilton"), agnes).ofKind(RecordKind.DOCUMENT))
                    .hasSize(before);
        }
    }

    @Nested
    class Refusals {

        @Test
        void showsTheDecisionPointsRefusalAsA403PageNamingWhatWouldAllowIt() {
            HttpClient clinician = signedIn("ed.wishaw");
            post(clinician, "/purpose", "/purpose", "purpose=emergency");
            String form = "/people/" + agnes.value() + "/documents/new";
            int before = records.read(staff("dn.hamilton"), agnes)
                    .ofKind(RecordKind.DOCUMENT)
                    .size();

            HttpResponse<String> refused = post(
                    clinician,
                    form,
                    "/people/" + agnes.value() + "/documents",
                    "category=health-detail&sensitivity=normal&title=" + encoded("Attendance note") + "&text="
                            + encoded("Seen after a fall at home"));

            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body())
                    .contains("You may not add this document")
                    .contains("No legitimate relationship with the person")
                    .contains("id=\"would-allow\"")
                    .contains("Open break-glass");
            assertThat(records.read(staff("dn.hamilton"), agnes).ofKind(RecordKind.DOCUMENT))
                    .hasSize(before);
        }

        @Test
        void answersEveryFormForAPersonTheUserMayNotSeeAsForAMissingOne() {
            HttpClient housing = signedIn("housing.ek");
            int before = count(agnes, RecordKind.ALERT);
            String missing = hub.get(housing, "/people/no-such-person/alerts/new", "Accept", "text/html")
                    .body();

            for (String page : List.of("alerts", "care-plans", "services", "documents")) {
                HttpResponse<String> hidden =
                        hub.get(housing, "/people/" + agnes.value() + "/" + page + "/new", "Accept", "text/html");
                assertThat(hidden.statusCode()).as(page).isEqualTo(404);
                assertThat(withoutNonce(hidden.body())).as(page).isEqualTo(withoutNonce(missing));
            }
            HttpResponse<String> posted = post(
                    housing, "/people", "/people/" + agnes.value() + "/alerts", "type=other&text=" + encoded("Dog"));
            assertThat(posted.statusCode()).isEqualTo(404);
            assertThat(count(agnes, RecordKind.ALERT)).isEqualTo(before);
        }

        @Test
        void answersAReviewOrEndOfAnItemOfAnotherKindAsAMissingOne() {
            RecordItem service = service("Shopping service");
            HttpClient worker = signedIn("sw.hamilton");

            assertThat(hub.get(worker, "/records/" + service.id().reference() + "/end")
                            .statusCode())
                    .isEqualTo(404);
            assertThat(hub.get(worker, "/records/" + service.id().reference() + "/review")
                            .statusCode())
                    .isEqualTo(404);
            assertThat(hub.get(worker, "/records/record-item-999999999/end-service")
                            .statusCode())
                    .isEqualTo(404);
        }
    }
}
