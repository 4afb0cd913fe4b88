package org.ecarehub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecarehub.web.PageForms.encoded;
import static org.ecarehub.web.PageForms.location;
import static org.ecarehub.web.PageForms.withoutNonce;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.ecarehub.access.Requester;
import org.ecarehub.demo.DemoStoryPeople;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.partnership.RequestPriority;
import org.ecarehub.record.Alert;
import org.ecarehub.record.AlertContact;
import org.ecarehub.record.AlertType;
import org.ecarehub.record.Assessment;
import org.ecarehub.record.Assessments;
import org.ecarehub.record.ItemDraft;
import org.ecarehub.record.ItemStatus;
import org.ecarehub.record.RecordItem;
import org.ecarehub.record.RecordItemId;
import org.ecarehub.record.Records;
import org.ecarehub.request.Equipment;
import org.ecarehub.request.ServiceRequestDetails;
import org.ecarehub.request.ServiceRequestDraft;
import org.ecarehub.request.ServiceRequestStatus;
import org.ecarehub.request.ServiceRequestView;
import org.ecarehub.request.ServiceRequests;
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
 * The record and request pages over real HTTP on the demo hub: the person's page filled from the decision point, item
 * pages and corrections, the Single Shared Assessment's draft and sign-off, and service requests' steps; every form's
 * bad input redisplayed with nothing changed, and every refusal of the "Bad input" list answered cleanly.
 */
@Tag("database")
class RecordAndRequestPagesIntegrationTests {

    static final TeamId EQUIPMENT = TeamId.of("equipment-and-adaptations");

    @TempDir
    static Path dataDir;

    static RunningHub hub;
    static Records records;
    static Assessments assessments;
    static ServiceRequests requests;
    static PersonId agnes;
    static PersonId ryan;

    @BeforeAll
    static void startDemoHub() {
        hub = RunningHub.demo(dataDir, TestDatabase.fresh(dataDir));
        records = hub.bean(Records.class);
        assessments = hub.bean(Assessments.class);
        requests = hub.bean(ServiceRequests.class);
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

    static LocalDate today() {
        return LocalDate.now(ZoneId.of("Europe/London"));
    }

    static RecordItem alert(PersonId person, String by, String text) {
        return records.add(staff(by), person, ItemDraft.of(new Alert(AlertType.RISK_TO_VISITING_STAFF, text, null)));
    }

    /** Every section a signed assessment needs, as a form would send it. */
    static String fullAssessment(String summary) {
        return "personalDetails=" + encoded("Lives alone at home") + "&ownView=" + encoded("I want to stay at home")
                + "&outcomes=" + encoded("Stay at home safely\nSee my family") + "&health=" + encoded("Dementia")
                + "&finances=no&risks=" + encoded("Falls on the stairs") + "&summary=" + encoded(summary)
                + "&eligibility=substantial";
    }

    static ServiceRequestView stairRail(PersonId person) {
        RecordItem assessment = assessments.start(
                staff("ot.hamilton"),
                person,
                new Assessment(
                        null,
                        "I want to manage the stairs",
                        List.of(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null));
        return requests.submit(
                staff("ot.hamilton"),
                new ServiceRequestDraft(
                        person,
                        new ServiceRequestDetails.AidsAndAdaptations(
                                List.of(Equipment.STAIR_RAIL), assessment.id().reference()),
                        EQUIPMENT,
                        RequestPriority.STANDARD));
    }

    static String step(ServiceRequestView request, String extra) {
        return "request=" + request.id().value() + "&version=" + request.version() + extra;
    }

    @Nested
    class ThePersonsPage {

        @Test
        void showsAnotherAgencysAlertWithItsOwningAgency() {
            alert(agnes, "sw.hamilton", "Two dogs in the garden; phone before visiting");
            HttpClient nurse = signedIn("dn.hamilton");

            String page = hub.get(nurse, "/people/" + agnes.value()).body();

            assertThat(page)
                    .contains("Risk to visiting staff: Two dogs in the garden; phone before visiting")
                    .contains("From <span>South Lanarkshire Council Social Work Resources</span>");
        }

        @Test
        void showsTheChildProtectionFlagProminentlyAndMarksItSharedWithoutConsentInAnEmergency() {
            records.add(
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
            HttpClient clinician = signedIn("ed.wishaw");
            post(clinician, "/purpose", "/purpose", "purpose=emergency");

            String page = hub.get(clinician, "/people/" + ryan.value()).body();

            assertThat(page)
                    .contains("id=\"protection-flag-0\"")
                    .contains("govuk-notification-banner")
                    .contains("<strong>Claire Swanson</strong>")
                    .contains("01698 000 111")
                    .contains("Shared without consent");
            assertThat(page.indexOf("protection-flag-0"))
                    .as("the flag comes before the summary")
                    .isLessThan(page.indexOf("id=\"summary\""));
        }

        @Test
        void listsAssessmentsAndRequestsWithLinksToThem() {
            ServiceRequestView request = stairRail(agnes);
            HttpClient therapist = signedIn("ot.hamilton");

            String page = hub.get(therapist, "/people/" + agnes.value()).body();

            assertThat(page)
                    .contains("id=\"draft-assessments\"")
                    .contains("href=\"/requests/" + request.id().value() + "\"")
                    .contains("Aids and adaptations: Stair rail");
        }
    }

    @Nested
    class ItemPages {

        @Test
        void answersAnItemTheUserMayNotSeeExactlyAsOneThatDoesNotExist() {
            RecordItem hidden = alert(agnes, "sw.hamilton", "Key safe code held by homecare");
            RecordItem draft = assessments.start(
                    staff("sw.hamilton"),
                    agnes,
                    new Assessment(
                            "Draft only",
                            null,
                            List.of(),
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null));
            HttpClient housing = signedIn("housing.ek");
            HttpClient nurse = signedIn("dn.hamilton");

            HttpResponse<String> invisible =
                    hub.get(housing, "/records/" + hidden.id().reference(), "Accept", "text/html");
            HttpResponse<String> otherAgencysDraft =
                    hub.get(nurse, "/records/" + draft.id().reference(), "Accept", "text/html");
            HttpResponse<String> missing = hub.get(housing, "/records/record-item-999999999", "Accept", "text/html");
            HttpResponse<String> malformed = hub.get(housing, "/records/not-an-item", "Accept", "text/html");

            assertThat(List.of(invisible, otherAgencysDraft, missing, malformed))
                    .allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(404));
            assertThat(withoutNonce(invisible.body())).isEqualTo(withoutNonce(missing.body()));
            assertThat(withoutNonce(otherAgencysDraft.body())).isEqualTo(withoutNonce(missing.body()));
            assertThat(withoutNonce(malformed.body())).isEqualTo(withoutNonce(missing.body()));
            assertThat(hub.get(housing, "/records/" + hidden.id().reference() + "/correct")
                            .statusCode())
                    .isEqualTo(404);
        }

        @Test
        void showsTheItemWithItsHistoryAndSavesACorrectionAsANewVersion() {
            RecordItem item = alert(agnes, "sw.hamilton", "Steep stairs to the front door");
            HttpClient worker = signedIn("sw.hamilton");
            String page = "/records/" + item.id().reference();
            String correct = page + "/correct";

            HttpResponse<String> saved = post(
                    worker,
                    correct,
                    correct,
                    "version=1&text=" + encoded("Steep stairs to the back door") + "&reason="
                            + encoded("The front door was wrong"));

            assertThat(location(saved)).isEqualTo(page + "?corrected");
            String shown = hub.get(worker, page).body();
            assertThat(shown)
                    .contains("Steep stairs to the back door")
                    .contains("id=\"history\"")
                    .contains("The front door was wrong");
            assertThat(records.history(staff("sw.hamilton"), item.id())).hasSize(2);
        }

        @Test
        void redisplaysABadCorrectionWithItsProblemsAndStoresNothing() {
            RecordItem item = alert(agnes, "sw.hamilton", "Hearing aid in the left ear only");
            HttpClient worker = signedIn("sw.hamilton");
            String correct = "/records/" + item.id().reference() + "/correct";

            HttpResponse<String> refused = post(worker, correct, correct, "version=1&text=+&reason=");

            assertThat(refused.statusCode()).isEqualTo(200);
            assertThat(refused.body())
                    .contains("govuk-error-summary")
                    .contains("href=\"#reason\"")
                    .contains("Enter the reason for the correction")
                    .contains("Enter what the alert warns of");
            assertThat(records.history(staff("sw.hamilton"), item.id())).hasSize(1);
        }

        @Test
        void tellsAStaleEditorThatSomeoneChangedItAndShowsTheCurrentVersion() {
            RecordItem item = alert(agnes, "sw.hamilton", "Prefers visits after ten");
            HttpClient worker = signedIn("sw.hamilton");
            String correct = "/records/" + item.id().reference() + "/correct";
            String token = csrf(worker, correct);
            records.correct(
                    staff("sw.hamilton"),
                    item.id(),
                    1,
                    new Alert(AlertType.RISK_TO_VISITING_STAFF, "Prefers visits after eleven", null),
                    "Changed by her daughter");

            HttpResponse<String> stale = hub.postForm(
                    worker,
                    correct,
                    "version=1&text=" + encoded("Prefers visits after nine") + "&reason=" + encoded("Typo") + "&_csrf="
                            + token);

            assertThat(stale.statusCode()).isEqualTo(200);
            assertThat(stale.body())
                    .contains("Someone changed this since you opened it")
                    .contains("id=\"stale\"")
                    .contains("Prefers visits after eleven")
                    .contains("name=\"version\" value=\"2\"");
            assertThat(records.item(staff("sw.hamilton"), item.id())
                            .orElseThrow()
                            .item()
                            .content(Alert.class)
                            .text())
                    .isEqualTo("Prefers visits after eleven");
        }
    }

    @Nested
    class TheSingleSharedAssessment {

        @Test
        void redisplaysAnEmptyOrImpossibleAssessmentAndStoresNothing() {
            HttpClient worker = signedIn("sw.hamilton");
            String form = "/people/" + agnes.value() + "/assessments/new";
            String action = "/people/" + agnes.value() + "/assessments";
            int before = assessments.of(staff("sw.hamilton"), agnes).size();

            HttpResponse<String> empty = post(worker, form, action, "ownView=+");
            HttpResponse<String> impossible =
                    post(worker, form, action, "ownView=" + encoded("Fine") + "&finances=maybe&eligibility=urgent");

            assertThat(empty.body()).contains("govuk-error-summary").contains("Enter at least one section");
            assertThat(impossible.body())
                    .contains("Choose whether help with finances is needed: yes or no")
                    .contains("Choose an eligibility band")
                    .contains("href=\"#finances\"");
            assertThat(assessments.of(staff("sw.hamilton"), agnes)).hasSize(before);
        }

        @Test
        void signsOffOnceAnswersASecondSignOffClearlyAndSupersedesTheEarlierAssessment() {
            HttpClient worker = signedIn("sw.hamilton");
            String form = "/people/" + agnes.value() + "/assessments/new";
            String action = "/people/" + agnes.value() + "/assessments";

            String first = location(post(worker, form, action, fullAssessment("Needs help at home")))
                    .replace("?started", "");
            String signOff = first + "/sign-off";
            assertThat(hub.get(worker, signOff).body()).contains("Sign off the assessment");
            assertThat(location(post(worker, signOff, signOff, "version=1"))).isEqualTo(first + "?signed");
            String token = csrf(worker, "/people");
            HttpResponse<String> twice = hub.postForm(worker, signOff, "version=1&_csrf=" + token);

            assertThat(twice.statusCode()).isEqualTo(200);
            assertThat(twice.body())
                    .contains("govuk-error-summary")
                    .contains("This assessment has already been signed off");
            RecordItemId firstId =
                    RecordItemId.parse(first.substring("/records/".length())).orElseThrow();
            assertThat(records.history(staff("sw.hamilton"), firstId)).hasSize(2);

            String second = location(post(worker, form, action, fullAssessment("Needs more help at home")))
                    .replace("?started", "");
            String secondSignOff = second + "/sign-off";
            location(post(worker, secondSignOff, secondSignOff, "version=1"));

            assertThat(records.item(staff("sw.hamilton"), firstId)
                            .orElseThrow()
                            .item()
                            .status())
                    .isEqualTo(ItemStatus.SUPERSEDED);
            assertThat(hub.get(worker, first).body()).contains("Superseded").contains("id=\"superseded-by\"");
            assertThat(hub.get(worker, "/people/" + agnes.value()).body())
                    .contains("id=\"current-assessments\"")
                    .contains("id=\"superseded-assessments\"");
        }

        @Test
        void refusesToSignOffADraftWithMissingSectionsAndSaysWhichAreMissing() {
            HttpClient worker = signedIn("sw.hamilton");
            String form = "/people/" + agnes.value() + "/assessments/new";
            String draft = location(post(
                            worker,
                            form,
                            "/people/" + agnes.value() + "/assessments",
                            "personalDetails=" + encoded("Lives with her son")))
                    .replace("?started", "");
            String signOff = draft + "/sign-off";

            assertThat(hub.get(worker, signOff).body())
                    .contains("id=\"missing-sections\"")
                    .contains("summary of need");
            HttpResponse<String> refused = post(worker, signOff, signOff, "version=1");

            assertThat(refused.statusCode()).isEqualTo(200);
            assertThat(refused.body()).contains("govuk-error-summary").contains("cannot be signed off without");
        }

        @Test
        void tellsAStaleDraftEditorThatSomeoneChangedIt() {
            HttpClient worker = signedIn("sw.hamilton");
            String draft = location(post(
                            worker,
                            "/people/" + agnes.value() + "/assessments/new",
                            "/people/" + agnes.value() + "/assessments",
                            "personalDetails=" + encoded("First words")))
                    .replace("?started", "");
            String edit = draft + "/edit";
            String token = csrf(worker, edit);
            assertThat(location(hub.postForm(
                            worker, edit, "version=1&personalDetails=" + encoded("Second words") + "&_csrf=" + token)))
                    .isEqualTo(draft + "?saved");

            HttpResponse<String> stale = hub.postForm(
                    worker, edit, "version=1&personalDetails=" + encoded("Third words") + "&_csrf=" + token);

            assertThat(stale.statusCode()).isEqualTo(200);
            assertThat(stale.body())
                    .contains("Someone changed this since you opened it")
                    .contains("Second words")
                    .contains("name=\"version\" value=\"2\"");
        }
    }

    @Nested
    class ServiceRequestPages {

        @Test
        void redisplaysABadHomecareRequestWithEveryProblemAndSendsNothing() {
            HttpClient worker = signedIn("sw.hamilton");
            String form = "/people/" + agnes.value() + "/requests/homecare";
            int before = requests.forPerson(staff("sw.hamilton"), agnes).size();

            HttpResponse<String> refused = post(
                    worker,
                    form,
                    form,
                    "team=&priority=soon&hours=200&visits=0&tasks=flying&start-day=31&start-month=2&start-year=2030");

            assertThat(refused.statusCode()).isEqualTo(200);
            assertThat(refused.body())
                    .contains("govuk-error-summary")
                    .contains("Choose the team the request is for")
                    .contains("Choose a priority")
                    .contains("Hours a week must be a number more than 0 and at most 168")
                    .contains("Visits a day must be a whole number from 1 to 8")
                    .contains("Choose tasks from the list")
                    .contains("The start date must be a real date");
            assertThat(requests.forPerson(staff("sw.hamilton"), agnes)).hasSize(before);
        }

        @Test
        void refusesAidsWithoutAnAssessmentTheUserMaySee() {
            HttpClient therapist = signedIn("ot.hamilton");
            String form = "/people/" + agnes.value() + "/requests/aids-and-adaptations";

            HttpResponse<String> refused = post(
                    therapist,
                    form,
                    form,
                    "team=equipment-and-adaptations&priority=standard&equipment=hoist&assessment=record-item-999999");

            assertThat(refused.body()).contains("Choose the assessment behind the request");
        }

        @Test
        void submitsHomecareAndShowsItsTimeline() {
            HttpClient worker = signedIn("sw.hamilton");
            String form = "/people/" + agnes.value() + "/requests/homecare";
            LocalDate start = today().plusDays(7);

            String page = location(post(
                            worker,
                            form,
                            form,
                            "team=caring-hands-homecare&priority=high&hours=10.5&visits=3&tasks=personal-care"
                                    + "&tasks=meal-preparation&start-day=" + start.getDayOfMonth() + "&start-month="
                                    + start.getMonthValue() + "&start-year=" + start.getYear()))
                    .replace("?submitted", "");

            String shown = hub.get(worker, page).body();
            assertThat(shown)
                    .contains("Homecare: 10.5 hours a week, 3 visits a day")
                    .contains("Personal care, Meal preparation")
                    .contains("id=\"timeline\"")
                    .contains("Graham Sweeney");
        }

        @Test
        void refusesAStepByATeamTheRequestIsNotAddressedTo() {
            ServiceRequestView request = stairRail(agnes);
            HttpClient worker = signedIn("sw.hamilton");
            String page = "/requests/" + request.id().value();

            HttpResponse<String> refused = post(worker, page, page + "/accept", step(request, ""));

            assertThat(refused.statusCode()).isEqualTo(200);
            assertThat(refused.body())
                    .contains("govuk-error-summary")
                    .contains("Only a member of team &#39;equipment-and-adaptations&#39;");
            assertThat(requests.find(staff("ot.hamilton"), request.id())
                            .orElseThrow()
                            .status())
                    .isEqualTo(ServiceRequestStatus.SUBMITTED);
        }

        @Test
        void refusesAStateChangePostedToTheAddressOfAnotherRequest() {
            ServiceRequestView seen = stairRail(agnes);
            ServiceRequestView other = stairRail(agnes);
            HttpClient provider = signedIn("equipment.slc");
            String otherPage = "/requests/" + other.id().value();

            HttpResponse<String> refused = post(provider, otherPage, otherPage + "/accept", step(seen, ""));

            assertThat(refused.statusCode()).isEqualTo(200);
            assertThat(refused.body()).contains("This form was for another request");
            assertThat(requests.find(staff("equipment.slc"), other.id())
                            .orElseThrow()
                            .status())
                    .isEqualTo(ServiceRequestStatus.SUBMITTED);
            assertThat(requests.find(staff("equipment.slc"), seen.id())
                            .orElseThrow()
                            .status())
                    .isEqualTo(ServiceRequestStatus.SUBMITTED);
        }

        @Test
        void answersARequestTheUserMayNotSeeExactlyAsOneThatDoesNotExist() {
            ServiceRequestView request = stairRail(agnes);
            HttpClient housing = signedIn("housing.ek");
            String page = "/requests/" + request.id().value();

            HttpResponse<String> invisible = hub.get(housing, page, "Accept", "text/html");
            HttpResponse<String> missing = hub.get(housing, "/requests/999999999", "Accept", "text/html");
            HttpResponse<String> posted = post(housing, "/people", page + "/accept", step(request, ""));

            assertThat(invisible.statusCode()).isEqualTo(404);
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(posted.statusCode()).isEqualTo(404);
            assertThat(withoutNonce(invisible.body())).isEqualTo(withoutNonce(missing.body()));
            assertThat(requests.find(staff("ot.hamilton"), request.id())
                            .orElseThrow()
                            .status())
                    .isEqualTo(ServiceRequestStatus.SUBMITTED);
        }

        @Test
        void tellsAStaleProviderThatSomeoneChangedTheRequest() {
            ServiceRequestView request = stairRail(agnes);
            HttpClient provider = signedIn("equipment.slc");
            String page = "/requests/" + request.id().value();
            String token = csrf(provider, page);
            requests.accept(staff("equipment.slc"), request.id(), 1);

            HttpResponse<String> stale = hub.postForm(
                    provider, page + "/decline", step(request, "&reason=" + encoded("No stock")) + "&_csrf=" + token);

            assertThat(stale.statusCode()).isEqualTo(200);
            assertThat(stale.body())
                    .contains("Someone changed this since you opened it")
                    .contains("Accepted");
            assertThat(requests.find(staff("equipment.slc"), request.id())
                            .orElseThrow()
                            .status())
                    .isEqualTo(ServiceRequestStatus.ACCEPTED);
        }

        @Test
        void redisplaysADeclineWithoutAReasonAndAScheduleWithoutARealDay() {
            ServiceRequestView request = stairRail(agnes);
            HttpClient provider = signedIn("equipment.slc");
            String page = "/requests/" + request.id().value();

            HttpResponse<String> noReason = post(provider, page, page + "/decline", step(request, "&reason=+"));
            ServiceRequestView accepted = requests.accept(staff("equipment.slc"), request.id(), 1);
            HttpResponse<String> noDay =
                    post(provider, page, page + "/schedule", step(accepted, "&day-day=30&day-month=2&day-year=2030"));

            assertThat(noReason.body()).contains("Enter the reason for declining the request");
            assertThat(noDay.body()).contains("The date must be a real date").contains("href=\"#day-day\"");
            assertThat(requests.find(staff("equipment.slc"), request.id())
                            .orElseThrow()
                            .status())
                    .isEqualTo(ServiceRequestStatus.ACCEPTED);
        }

        @Test
        void letsTheAddressedTeamAcceptScheduleStartAndCompleteFromItsList() {
            ServiceRequestView request = stairRail(agnes);
            HttpClient provider = signedIn("equipment.slc");
            String page = "/requests/" + request.id().value();
            LocalDate day = today().plusDays(3);

            assertThat(hub.get(provider, "/requests").body()).contains("href=\"" + page + "\"");
            assertThat(location(post(provider, page, page + "/accept", step(request, ""))))
                    .isEqualTo(page + "?accepted");
            ServiceRequestView accepted =
                    requests.find(staff("equipment.slc"), request.id()).orElseThrow();
            location(post(
                    provider,
                    page,
                    page + "/schedule",
                    step(
                            accepted,
                            "&day-day=" + day.getDayOfMonth() + "&day-month=" + day.getMonthValue() + "&day-year="
                                    + day.getYear())));
            ServiceRequestView scheduled =
                    requests.find(staff("equipment.slc"), request.id()).orElseThrow();
            location(post(provider, page, page + "/start", step(scheduled, "")));
            ServiceRequestView started =
                    requests.find(staff("equipment.slc"), request.id()).orElseThrow();
            location(post(provider, page, page + "/complete", step(started, "")));

            ServiceRequestView done =
                    requests.find(staff("ot.hamilton"), request.id()).orElseThrow();
            assertThat(done.status()).isEqualTo(ServiceRequestStatus.COMPLETED);
            assertThat(done.scheduledDay()).isEqualTo(day);
            assertThat(hub.get(signedIn("ot.hamilton"), page).body())
                    .contains("Ewan Quigley")
                    .contains("Completed");
            assertThat(hub.get(provider, "/requests").body()).doesNotContain("href=\"" + page + "\"");
        }
    }
}
