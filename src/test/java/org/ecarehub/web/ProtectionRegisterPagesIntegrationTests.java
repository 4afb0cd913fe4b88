package org.ecarehub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecarehub.web.PageForms.encoded;
import static org.ecarehub.web.PageForms.location;
import static org.ecarehub.web.RegisterPeople.date;
import static org.ecarehub.web.RegisterPeople.knownChild;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.ecarehub.access.Holder;
import org.ecarehub.access.Requester;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.protection.ProtectionRegister;
import org.ecarehub.protection.Registration;
import org.ecarehub.protection.RegistrationConcern;
import org.ecarehub.protection.RegistrationStep;
import org.ecarehub.record.Alert;
import org.ecarehub.record.AlertType;
import org.ecarehub.record.ItemStatus;
import org.ecarehub.record.RecordItem;
import org.ecarehub.record.Records;
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
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The child protection register on pages, over real HTTP on the demo hub: the children and families social worker
 * registers a child through the form, records a review, hands the case to a new lead and de-registers the child, the
 * record's flag following each step; bad input answers 400 and a stale form 409, storing nothing; a member of staff who
 * does not keep the register is refused with 403, storing nothing; a person the user may not see answers 404.
 */
@Tag("database")
class ProtectionRegisterPagesIntegrationTests {

    static final TeamId CHILDREN_AND_FAMILIES = TeamId.of("children-families-blantyre");
    static final String SW_BLANTYRE_LEAD = "sw.blantyre|children-families-blantyre";
    static final String SW_HAMILTON_LEAD = "sw.hamilton|adult-care-hamilton";
    static final String UNKNOWN = "00000000-0000-4000-8000-000000000000";

    @TempDir
    static Path dataDir;

    static RunningHub hub;
    static ProtectionRegister register;
    static Records records;
    static LocalDate today;

    @BeforeAll
    static void startDemoHub() {
        hub = RunningHub.demo(dataDir, TestDatabase.fresh(dataDir));
        register = hub.bean(ProtectionRegister.class);
        records = hub.bean(Records.class);
        today = RegisterPeople.today(hub);
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    static HttpClient signedIn(String username) {
        return PageForms.signedIn(hub, username);
    }

    /** Signed in and working under child protection, chosen on the purpose page. */
    static HttpClient protectingIn(String username) {
        HttpClient browser = signedIn(username);
        location(post(
                browser,
                "/purpose",
                "/purpose",
                "purpose=child-protection&justification=" + encoded("Child protection planning for the child")));
        return browser;
    }

    static HttpResponse<String> post(HttpClient browser, String formPage, String path, String form) {
        return PageForms.post(hub, browser, formPage, path, form);
    }

    static Requester socialWorker() {
        return new Requester.Staff(Username.of("sw.blantyre"), Purpose.CHILD_PROTECTION, "Checking the register");
    }

    static String page(PersonId child) {
        return "/people/" + child.value() + "/protection-register";
    }

    static String stepPath(PersonId child, Registration registration, String step) {
        return page(child) + "/" + registration.id().value() + "/" + step;
    }

    static String registerForm(String concerns, String lead, LocalDate registered, LocalDate next) {
        return date("registered", registered) + concerns + "&lead=" + encoded(lead) + "&" + date("next", next);
    }

    static HttpResponse<String> postRegistration(HttpClient browser, PersonId child, String form) {
        return post(browser, page(child) + "/new", page(child), form);
    }

    static HttpResponse<String> postStep(
            HttpClient browser, PersonId child, Registration registration, String step, String form) {
        String path = stepPath(child, registration, step);
        return post(browser, path, path, form);
    }

    /** Posts a step with a CSRF token from another page, as someone refused the step's own form would. */
    static HttpResponse<String> postStepRefused(
            HttpClient browser, PersonId child, Registration registration, String step, String form) {
        return post(browser, "/purpose", stepPath(child, registration, step), form);
    }

    /** The child's registrations as the lead social worker's side reads them through the module. */
    static List<Registration> registrationsOf(PersonId child) {
        return register.registrationsOf(socialWorker(), child);
    }

    static Registration only(PersonId child) {
        List<Registration> registrations = registrationsOf(child);
        assertThat(registrations).hasSize(1);
        return registrations.get(0);
    }

    static RecordItem flag(Registration registration) {
        return records.item(socialWorker(), registration.flag()).orElseThrow().item();
    }

    static String displayName(String username) {
        return hub.bean(Partnerships.class)
                .current()
                .partnership()
                .staff(Username.of(username))
                .orElseThrow()
                .displayName();
    }

    static long count(String table) {
        return hub.bean(JdbcClient.class)
                .sql("select count(*) from " + table)
                .query(Long.class)
                .single();
    }

    /** A child known to the children and families team, registered by its social worker through the form. */
    static Registration registeredThroughTheForm(HttpClient social, PersonId child) {
        HttpResponse<String> registered = postRegistration(
                social,
                child,
                registerForm(
                        "&concerns=neglect&concerns=domestic-abuse", SW_BLANTYRE_LEAD, today, today.plusMonths(3)));
        assertThat(location(registered)).isEqualTo(page(child) + "?registered");
        return only(child);
    }

    @Test
    void registersAChildThroughTheFormAndTheRecordCarriesTheFlagNamingTheLead() {
        PersonId child = knownChild(hub, Holder.team(CHILDREN_AND_FAMILIES));
        HttpClient social = protectingIn("sw.blantyre");
        assertThat(hub.get(social, "/people/" + child.value()).body()).contains("id=\"protection-register-link\"");
        assertThat(hub.get(social, page(child)).body())
                .contains("id=\"no-registrations\"")
                .contains("id=\"register-child\"");

        Registration registration = registeredThroughTheForm(social, child);

        assertThat(registration.active()).isTrue();
        assertThat(registration.child()).isEqualTo(child);
        assertThat(registration.registeredOn()).isEqualTo(today);
        assertThat(registration.concerns())
                .containsExactlyInAnyOrder(RegistrationConcern.NEGLECT, RegistrationConcern.DOMESTIC_ABUSE);
        assertThat(registration.leadSocialWorker()).isEqualTo(Username.of("sw.blantyre"));
        assertThat(registration.team()).isEqualTo(CHILDREN_AND_FAMILIES);
        assertThat(registration.nextReview()).isEqualTo(today.plusMonths(3));
        RecordItem flag = flag(registration);
        assertThat(flag.person()).isEqualTo(child);
        assertThat(flag.status()).isEqualTo(ItemStatus.ACTIVE);
        assertThat(flag.content(Alert.class).type()).isEqualTo(AlertType.CHILD_PROTECTION);
        assertThat(flag.content(Alert.class).contact().staff()).isEqualTo(Username.of("sw.blantyre"));

        String shown = hub.get(social, page(child) + "?registered").body();
        assertThat(shown)
                .contains("id=\"register-done\"")
                .contains("id=\"registration-" + registration.id().value() + "\"")
                .contains("On the register")
                .contains("Neglect, Domestic abuse")
                .contains(displayName("sw.blantyre"))
                .contains("id=\"step-" + registration.id().value() + "-1\"")
                .contains("id=\"review-" + registration.id().value() + "\"")
                .doesNotContain("id=\"register-child\"");
        assertThat(hub.get(social, "/people/" + child.value()).body()).contains("id=\"protection-flag-0\"");
    }

    @Test
    void recordsAReviewChangesTheLeadAndDeregistersKeepingEveryStepAndTheFlagFollows() {
        PersonId child = knownChild(hub, Holder.team(CHILDREN_AND_FAMILIES));
        HttpClient social = protectingIn("sw.blantyre");
        Registration registration = registeredThroughTheForm(social, child);
        assertThat(hub.get(social, stepPath(child, registration, "review")).body())
                .contains("name=\"version\" value=\"1\"");

        HttpResponse<String> reviewed = postStep(
                social,
                child,
                registration,
                "review",
                "version=1&" + date("on", today) + "&" + date("next", today.plusMonths(2)));
        assertThat(location(reviewed)).isEqualTo(page(child) + "?reviewed");
        assertThat(only(child).nextReview()).isEqualTo(today.plusMonths(2));
        assertThat(only(child).version()).isEqualTo(2);

        HttpResponse<String> changed = postStep(
                social,
                child,
                registration,
                "lead",
                "version=2&lead=" + encoded(SW_HAMILTON_LEAD) + "&" + date("on", today));
        assertThat(location(changed)).isEqualTo(page(child) + "?lead-changed");
        Registration handedOver = only(child);
        assertThat(handedOver.leadSocialWorker()).isEqualTo(Username.of("sw.hamilton"));
        assertThat(flag(handedOver).content(Alert.class).contact().staff()).isEqualTo(Username.of("sw.hamilton"));
        String afterHandover = hub.get(social, page(child)).body();
        String lead = afterHandover.substring(
                afterHandover.indexOf("id=\"lead-" + registration.id().value() + "\""));
        assertThat(lead.substring(0, lead.indexOf("</dd>"))).contains(displayName("sw.hamilton"));

        HttpResponse<String> deregistered = postStep(
                social,
                child,
                registration,
                "deregister",
                "version=3&" + date("on", today) + "&reason="
                        + encoded("The review conference found the plan's aims met; the family engages with support."));
        assertThat(location(deregistered)).isEqualTo(page(child) + "?deregistered");
        Registration ended = only(child);
        assertThat(ended.active()).isFalse();
        assertThat(ended.deregisteredOn()).isEqualTo(today);
        assertThat(flag(ended).status()).isEqualTo(ItemStatus.ENDED);
        assertThat(ended.history())
                .extracting(RegistrationStep::kind)
                .containsExactly(
                        RegistrationStep.Kind.REGISTERED,
                        RegistrationStep.Kind.REVIEWED,
                        RegistrationStep.Kind.LEAD_CHANGED,
                        RegistrationStep.Kind.DEREGISTERED);
        String shown = hub.get(social, page(child)).body();
        assertThat(shown)
                .contains("De-registered on")
                .contains("the family engages with support")
                .contains("Lead social worker changed")
                .contains("id=\"step-" + registration.id().value() + "-4\"")
                .contains("id=\"register-child\"")
                .doesNotContain("id=\"review-" + registration.id().value() + "\"");
    }

    @Nested
    class BadInput {

        @Test
        void aRegistrationWithoutCategoriesOrWithAnImpossibleOrPastReviewDateAnswers400AndStoresNothing() {
            PersonId child = knownChild(hub, Holder.team(CHILDREN_AND_FAMILIES));
            HttpClient social = protectingIn("sw.blantyre");
            long registrations = count("protection_registration");

            HttpResponse<String> noCategories =
                    postRegistration(social, child, registerForm("", SW_BLANTYRE_LEAD, today, today.plusMonths(3)));
            HttpResponse<String> pastReview = postRegistration(
                    social, child, registerForm("&concerns=neglect", SW_BLANTYRE_LEAD, today, today.minusDays(1)));
            HttpResponse<String> impossible = postRegistration(
                    social,
                    child,
                    "registered-day=31&registered-month=2&registered-year=" + today.getYear()
                            + "&concerns=neglect&lead=" + encoded(SW_BLANTYRE_LEAD) + "&"
                            + date("next", today.plusMonths(1)));
            HttpResponse<String> noLead =
                    postRegistration(social, child, registerForm("&concerns=neglect", "", today, today.plusMonths(1)));

            for (HttpResponse<String> response : List.of(noCategories, pastReview, impossible, noLead)) {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
                assertThat(response.body()).contains("id=\"error-summary\"");
            }
            assertThat(noCategories.body()).contains("Choose at least one category of concern");
            assertThat(pastReview.body()).contains("The next review must come after the registration");
            assertThat(impossible.body()).contains("The date of the planning meeting must be a real date");
            assertThat(noLead.body()).contains("Choose the lead social worker and their team");
            assertThat(count("protection_registration")).isEqualTo(registrations);
            assertThat(registrationsOf(child)).isEmpty();
        }

        @Test
        void aReviewInThePastOrADeregistrationWithoutAReasonAnswers400AndChangesNothing() {
            PersonId child = knownChild(hub, Holder.team(CHILDREN_AND_FAMILIES));
            HttpClient social = protectingIn("sw.blantyre");
            Registration registration = registeredThroughTheForm(social, child);
            long steps = count("protection_registration_step");

            HttpResponse<String> pastReview = postStep(
                    social,
                    child,
                    registration,
                    "review",
                    "version=1&" + date("on", today) + "&" + date("next", today.minusDays(3)));
            HttpResponse<String> futureMeeting = postStep(
                    social,
                    child,
                    registration,
                    "review",
                    "version=1&" + date("on", today.plusDays(2)) + "&" + date("next", today.plusMonths(2)));
            HttpResponse<String> noReason =
                    postStep(social, child, registration, "deregister", "version=1&" + date("on", today) + "&reason=+");

            for (HttpResponse<String> response : List.of(pastReview, futureMeeting, noReason)) {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
                assertThat(response.body()).contains("id=\"error-summary\"");
            }
            assertThat(pastReview.body()).contains("The next review comes after this one and within six months of it");
            assertThat(futureMeeting.body()).contains("The date of the review must be today or in the past");
            assertThat(noReason.body()).contains("Enter why the child is coming off the register");
            assertThat(count("protection_registration_step")).isEqualTo(steps);
            assertThat(only(child)).isEqualTo(registration);
            assertThat(flag(registration).status()).isEqualTo(ItemStatus.ACTIVE);
        }

        @Test
        void aStaleFormSaysTheRegistrationChangedSinceItWasOpenedAndChangesNothing() {
            PersonId child = knownChild(hub, Holder.team(CHILDREN_AND_FAMILIES));
            HttpClient social = protectingIn("sw.blantyre");
            Registration registration = registeredThroughTheForm(social, child);
            location(postStep(
                    social,
                    child,
                    registration,
                    "review",
                    "version=1&" + date("on", today) + "&" + date("next", today.plusMonths(2))));
            Registration reviewed = only(child);
            long steps = count("protection_registration_step");

            HttpResponse<String> staleLead = postStep(
                    social,
                    child,
                    registration,
                    "lead",
                    "version=1&lead=" + encoded(SW_HAMILTON_LEAD) + "&" + date("on", today));
            HttpResponse<String> staleEnd = postStep(
                    social,
                    child,
                    registration,
                    "deregister",
                    "version=1&" + date("on", today) + "&reason=" + encoded("Plan's aims met"));

            for (HttpResponse<String> response : List.of(staleLead, staleEnd)) {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
                assertThat(response.body())
                        .contains("id=\"error-summary\"")
                        .contains("Someone changed this registration since you opened it")
                        .contains("id=\"stale\"")
                        .contains("name=\"version\" value=\"2\"");
            }
            assertThat(count("protection_registration_step")).isEqualTo(steps);
            assertThat(only(child)).isEqualTo(reviewed);
            assertThat(flag(reviewed).content(Alert.class).contact().staff()).isEqualTo(Username.of("sw.blantyre"));
        }
    }

    @Nested
    class Refusals {

        @Test
        void aHousingOfficerWhoMaySeeTheChildIsRefusedWith403AndNothingIsStored() {
            PersonId child = knownChild(
                    hub, Holder.team(CHILDREN_AND_FAMILIES), Holder.team(TeamId.of("housing-east-kilbride")));
            HttpClient housing = signedIn("housing.ek");
            assertThat(hub.get(housing, "/people/" + child.value()).statusCode())
                    .isEqualTo(200);
            assertThat(hub.get(housing, "/people/" + child.value()).body())
                    .doesNotContain("id=\"protection-register-link\"");
            long registrations = count("protection_registration");

            assertThat(hub.get(housing, page(child)).statusCode()).isEqualTo(403);
            assertThat(hub.get(housing, page(child) + "/new").statusCode()).isEqualTo(403);
            HttpResponse<String> refused = post(
                    housing,
                    "/purpose",
                    page(child),
                    registerForm("&concerns=neglect", SW_BLANTYRE_LEAD, today, today.plusMonths(3)));

            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("id=\"refused-title\"").contains("Nothing was saved");
            assertThat(count("protection_registration")).isEqualTo(registrations);
            assertThat(registrationsOf(child)).isEmpty();
        }

        @Test
        void aHeadTeacherUnderChildProtectionSeesTheRegistrationButIsRefusedEveryChangeWith403() {
            PersonId child =
                    knownChild(hub, Holder.team(CHILDREN_AND_FAMILIES), Holder.team(TeamId.of("blantyre-primary")));
            Registration registration = registeredThroughTheForm(protectingIn("sw.blantyre"), child);
            HttpClient teacher = protectingIn("teacher.blantyre");
            long registrations = count("protection_registration");
            long steps = count("protection_registration_step");

            String shown = hub.get(teacher, page(child)).body();
            assertThat(shown)
                    .contains("id=\"registration-" + registration.id().value() + "\"")
                    .doesNotContain("id=\"review-" + registration.id().value() + "\"")
                    .doesNotContain("id=\"deregister-" + registration.id().value() + "\"");
            HttpResponse<String> review = postStepRefused(
                    teacher,
                    child,
                    registration,
                    "review",
                    "version=1&" + date("on", today) + "&" + date("next", today.plusMonths(2)));
            HttpResponse<String> end = postStepRefused(
                    teacher,
                    child,
                    registration,
                    "deregister",
                    "version=1&" + date("on", today) + "&reason=" + encoded("Not for the school to decide"));
            assertThat(hub.get(teacher, stepPath(child, registration, "review")).statusCode())
                    .isEqualTo(403);
            HttpResponse<String> again = post(
                    teacher,
                    "/purpose",
                    page(child),
                    registerForm("&concerns=neglect", SW_BLANTYRE_LEAD, today, today.plusMonths(3)));

            for (HttpResponse<String> response : List.of(review, end, again)) {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
                assertThat(response.body())
                        .contains("id=\"refused-reason\"")
                        .contains("kept by the council&#39;s social work services");
            }
            assertThat(count("protection_registration")).isEqualTo(registrations);
            assertThat(count("protection_registration_step")).isEqualTo(steps);
            assertThat(only(child)).isEqualTo(registration);
        }

        @Test
        void aChangePostedWhileNotWorkingUnderChildProtectionIsRefusedAndThePageAsksForThePurpose() {
            PersonId child = knownChild(hub, Holder.team(CHILDREN_AND_FAMILIES));
            HttpClient social = signedIn("sw.blantyre");
            long registrations = count("protection_registration");

            assertThat(hub.get(social, page(child)).body())
                    .contains("id=\"register-purpose-needed\"")
                    .doesNotContain("id=\"register-title\"");
            HttpResponse<String> refused = post(
                    social,
                    page(child),
                    page(child),
                    registerForm("&concerns=neglect", SW_BLANTYRE_LEAD, today, today.plusMonths(3)));
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("id=\"register-purpose-needed\"");
            assertThat(count("protection_registration")).isEqualTo(registrations);

            HttpResponse<String> noReason = post(social, page(child), page(child) + "/purpose", "justification=");
            assertThat(noReason.statusCode()).isEqualTo(400);
            assertThat(noReason.body()).contains("Say why you need to work under child protection");
            HttpResponse<String> chosen = post(
                    social,
                    page(child),
                    page(child) + "/purpose",
                    "justification=" + encoded("Planning meeting decided registration today"));
            assertThat(location(chosen)).isEqualTo(page(child));
            assertThat(hub.get(social, page(child)).body())
                    .contains("id=\"register-title\"")
                    .contains("id=\"register-child\"");
        }

        @Test
        void answersForAPersonTheUserMayNotSeeAsForAMissingOne() {
            PersonId child = knownChild(hub, Holder.team(CHILDREN_AND_FAMILIES));
            registeredThroughTheForm(protectingIn("sw.blantyre"), child);
            HttpClient stranger = protectingIn("sw.airdrie");

            HttpResponse<String> unseen = hub.get(stranger, page(child));
            HttpResponse<String> missing = hub.get(stranger, "/people/" + UNKNOWN + "/protection-register");
            assertThat(unseen.statusCode()).isEqualTo(404);
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(unseen.body().replace(child.value(), UNKNOWN).replaceAll("\"timestamp\":\"[^\"]*\"", ""))
                    .isEqualTo(missing.body().replaceAll("\"timestamp\":\"[^\"]*\"", ""));
            assertThat(hub.get(stranger, page(child) + "/new").statusCode()).isEqualTo(404);
            assertThat(hub.get(stranger, "/people/" + child.value()).statusCode())
                    .as("as the person's own page answers")
                    .isEqualTo(404);
        }
    }
}
