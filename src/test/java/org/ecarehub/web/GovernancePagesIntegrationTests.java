package org.ecarehub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecarehub.web.PageForms.encoded;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.ecarehub.consent.Authority;
import org.ecarehub.consent.Consent;
import org.ecarehub.consent.Consents;
import org.ecarehub.consent.Recipient;
import org.ecarehub.consent.RepresentativeAuthority;
import org.ecarehub.consent.Representatives;
import org.ecarehub.consent.Withholdings;
import org.ecarehub.demo.DemoStoryPeople;
import org.ecarehub.partnership.AgencyType;
import org.ecarehub.person.Actor;
import org.ecarehub.person.Address;
import org.ecarehub.person.AgencyRecord;
import org.ecarehub.person.AgencyRecordId;
import org.ecarehub.person.Demographics;
import org.ecarehub.person.PersonIndex;
import org.ecarehub.person.ReviewQueue;
import org.ecarehub.person.ReviewTask;
import org.ecarehub.person.ReviewTaskId;
import org.ecarehub.person.Sex;
import org.ecarehub.person.Submission;
import org.ecarehub.shared.PersonId;
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
 * The workspace's governance pages over real HTTP on the demo hub: the match review queue, withholdings, recording
 * authorities and capacity, and a representative's consent. Every form redisplays its problems and changes nothing;
 * whoever may not do a thing, or see its subject, gets the page that does not exist.
 */
@Tag("database")
class GovernancePagesIntegrationTests {

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

    /** The reads logged about the person, by anyone. */
    static long readsAbout(PersonId person) {
        return hub.bean(JdbcClient.class)
                .sql("select count(*) from transparency_event where person_ref = ? and event like ?")
                .params(person.value(), "%\"read\"%")
                .query(Long.class)
                .single();
    }

    @Nested
    class MatchReviewQueue {

        /** Two records a day of birth apart, which the index leaves for a person to decide. */
        static ReviewTaskId uncertainPair(String localId, String given, String family) {
            PersonIndex index = hub.bean(PersonIndex.class);
            index.submit(
                    record(
                            "nhs-lanarkshire",
                            "LN" + localId,
                            given,
                            family,
                            "1958-04-03",
                            "9 Quarry Street, Larkhall",
                            "ML9 1AH",
                            "01632 960411"),
                    Actor.agencySystem(org.ecarehub.shared.AgencyId.of("nhs-lanarkshire"), 1));
            Submission second = index.submit(
                    record(
                            "caring-hands",
                            "CH" + localId,
                            given,
                            family,
                            "1958-04-13",
                            "Flat 2, 40 Glasgow Road, Blantyre",
                            "G72 0LA",
                            null),
                    Actor.agencySystem(org.ecarehub.shared.AgencyId.of("caring-hands"), 1));
            assertThat(second.outcome()).as(given + " " + family).isEqualTo(Submission.Outcome.REVIEW);
            return second.reviews().get(0);
        }

        static AgencyRecord record(
                String agency,
                String localId,
                String given,
                String family,
                String born,
                String address,
                String postcode,
                String phone) {
            return new AgencyRecord(
                    AgencyRecordId.of(agency, localId),
                    new Demographics(
                            given,
                            null,
                            family,
                            List.of(),
                            LocalDate.parse(born),
                            Sex.FEMALE,
                            List.of(Address.current(address, postcode)),
                            phone,
                            null));
        }

        static ReviewTask task(ReviewTaskId id) {
            return hub.bean(ReviewQueue.class).task(id).orElseThrow();
        }

        @Test
        void claimsShowsBothRecordsSideBySideAndDecidesAfterRedisplayingABadDecision() {
            ReviewTaskId id = uncertainPair("7001", "Elaine", "Duncan");
            HttpClient admin = signedIn("admin");
            String page = "/match-reviews/" + id.value();
            assertThat(hub.get(admin, "/match-reviews").body()).contains("href=\"" + page + "\"");
            assertThat(hub.get(admin, page).body())
                    .as("no evidence before the task is claimed")
                    .contains("id=\"claim-form\"")
                    .doesNotContain("Quarry Street");
            PersonId incoming = hub.bean(PersonIndex.class)
                    .personOf(AgencyRecordId.of("caring-hands", "CH7001"))
                    .orElseThrow();
            long readingsBefore = readsAbout(incoming);

            assertThat(post(admin, page, page + "/claim", "").statusCode()).isEqualTo(302);
            HttpResponse<String> claimed = hub.get(admin, page);

            assertThat(claimed.body())
                    .contains("id=\"evidence\"")
                    .contains("9 Quarry Street, Larkhall")
                    .contains("Flat 2, 40 Glasgow Road, Blantyre")
                    .contains("Duncan");
            assertThat(readsAbout(incoming))
                    .as("the reading is logged about the person")
                    .isGreaterThan(readingsBefore);

            HttpResponse<String> bad = post(admin, page, page + "/decide", "verdict=perhaps&reason=+");
            assertThat(bad.statusCode()).isEqualTo(200);
            assertThat(bad.body())
                    .contains("govuk-error-summary")
                    .contains("Choose whether the two records are the same person")
                    .contains("Enter the reason for your decision");
            assertThat(task(id).status()).isEqualTo(ReviewTask.Status.OPEN);

            HttpResponse<String> decided = post(
                    admin, page, page + "/decide", "verdict=different&reason=" + encoded("Different dates of birth"));

            assertThat(decided.statusCode()).isEqualTo(302);
            assertThat(task(id).status()).isEqualTo(ReviewTask.Status.DECIDED);
            assertThat(hub.get(admin, page).statusCode())
                    .as("a decided task is no longer worked")
                    .isEqualTo(404);
        }

        @Test
        void releasesAClaimSoThatAnotherMayTakeIt() {
            ReviewTaskId id = uncertainPair("7002", "Karen", "Paterson");
            HttpClient admin = signedIn("admin");
            String page = "/match-reviews/" + id.value();
            post(admin, page, page + "/claim", "");
            assertThat(task(id).claimedBy()).contains("staff:admin");

            assertThat(post(admin, page, page + "/release", "").statusCode()).isEqualTo(302);

            assertThat(task(id).claimedBy()).isEmpty();
            assertThat(hub.get(admin, page).body()).doesNotContain("Quarry Street");
        }

        @Test
        void refusesEveryoneOutsideAdministrationAndAnswersTheirTaskPagesAsNotFound() {
            ReviewTaskId id = uncertainPair("7003", "Janet", "Stewart");
            String page = "/match-reviews/" + id.value();
            HttpClient socialWorker = signedIn("sw.hamilton");

            assertThat(hub.get(socialWorker, "/match-reviews").body())
                    .contains("id=\"match-refused\"")
                    .doesNotContain(page);
            assertThat(hub.get(socialWorker, page).statusCode()).isEqualTo(404);
            assertThat(post(socialWorker, "/people", page + "/claim", "").statusCode())
                    .isEqualTo(404);
            assertThat(task(id).claimedBy()).isEmpty();

            HttpClient admin = signedIn("admin");
            assertThat(hub.get(admin, "/match-reviews/999999").statusCode()).isEqualTo(404);
            assertThat(hub.get(admin, "/match-reviews/not-a-task").statusCode()).isEqualTo(404);
        }

        @Test
        void showsNoEvidenceToAReviewerWhoHasNotClaimedTheTask() {
            ReviewTaskId id = uncertainPair("7004", "Linda", "Campbell");
            String page = "/match-reviews/" + id.value();
            HttpClient admin = signedIn("admin");
            post(admin, page, page + "/claim", "");
            HttpClient guardian = signedIn("caldicott.slc");
            post(guardian, "/purpose", "/purpose", "purpose=administration");

            HttpResponse<String> other = hub.get(guardian, page);
            HttpResponse<String> claim = post(guardian, page, page + "/claim", "");

            assertThat(other.body()).doesNotContain("Quarry Street").doesNotContain("id=\"evidence\"");
            assertThat(claim.body()).contains("govuk-error-summary").contains("the task is claimed by");
            assertThat(task(id).claimedBy()).contains("staff:admin");
        }
    }

    static LocalDate today() {
        return LocalDate.now(Dates.PARTNERSHIP_ZONE);
    }

    static String date(String prefix, LocalDate day) {
        return "&" + prefix + "-day=" + day.getDayOfMonth() + "&" + prefix + "-month=" + day.getMonthValue() + "&"
                + prefix + "-year=" + day.getYear();
    }

    @Nested
    class Withholding {

        List<org.ecarehub.consent.Withholding> inForce() {
            return hub.bean(Withholdings.class).inForce(agnes, today());
        }

        @Test
        void redisplaysEveryProblemAndWithholdsNothing() {
            HttpClient keyWorker = signedIn("sw.hamilton");
            String form = "/people/" + agnes.value() + "/withholdings/new";
            int before = inForce().size();

            HttpResponse<String> refused = post(
                    keyWorker,
                    form,
                    "/people/" + agnes.value() + "/withholdings",
                    "target=access-event&event=x&exemption=gossip&justification=+"
                            + date("review", today().plusMonths(13)));

            assertThat(refused.statusCode()).isEqualTo(200);
            assertThat(refused.body())
                    .contains("govuk-error-summary")
                    .contains("Enter the access event&#39;s number")
                    .contains("Enter the username of the account that made the access")
                    .contains("Enter the team manager or Caldicott guardian who agrees")
                    .contains("Choose the exemption")
                    .contains("Say why it must be withheld")
                    .contains("The review date must be at most 12 months ahead");
            assertThat(inForce()).hasSize(before);
        }

        @Test
        void refusesWithholdingTheUsersOwnAccessEvenWithASecondPerson() {
            HttpClient keyWorker = signedIn("sw.hamilton");
            String form = "/people/" + agnes.value() + "/withholdings/new";
            int before = inForce().size();

            HttpResponse<String> refused = post(
                    keyWorker,
                    form,
                    "/people/" + agnes.value() + "/withholdings",
                    "target=access-event&event=1&accessed-by=sw.hamilton&second-person=caldicott.slc"
                            + "&exemption=serious-harm&justification=" + encoded("Would distress her")
                            + date("review", today().plusMonths(3)));

            assertThat(refused.statusCode()).isEqualTo(200);
            assertThat(refused.body()).contains("govuk-error-summary").contains("own access events");
            assertThat(inForce()).hasSize(before);
        }

        @Test
        void withholdsAnAccessEventWithAGuardianAsTheSecondPerson() {
            HttpClient keyWorker = signedIn("sw.hamilton");
            String form = "/people/" + agnes.value() + "/withholdings/new";
            int before = inForce().size();

            HttpResponse<String> withheld = post(
                    keyWorker,
                    form,
                    "/people/" + agnes.value() + "/withholdings",
                    "target=access-event&event=2&accessed-by=dn.hamilton&second-person=caldicott.nhs"
                            + "&exemption=third-party&justification=" + encoded("Names a neighbour")
                            + date("review", today().plusMonths(2)));

            assertThat(withheld.statusCode()).isEqualTo(302);
            assertThat(inForce()).hasSize(before + 1);
            assertThat(inForce())
                    .anyMatch(one -> one.target().isAccessEvent()
                            && "caldicott.nhs".equals(one.secondPerson().value()));
        }

        @Test
        void withholdsAnItemThenKeepsItAfterABadDateAndLiftsIt() {
            HttpClient keyWorker = signedIn("sw.hamilton");
            String list = "/people/" + agnes.value() + "/withholdings";

            HttpResponse<String> withheld = post(
                    keyWorker,
                    list + "/new",
                    list,
                    "target=item&item=record-item-web3-1&exemption=serious-harm&justification="
                            + encoded("Would cause her serious distress") + date("review", today().plusMonths(3)));

            assertThat(withheld.statusCode()).isEqualTo(302);
            org.ecarehub.consent.Withholding made = inForce().stream()
                    .filter(one -> "record-item-web3-1".equals(one.target().item()))
                    .findFirst()
                    .orElseThrow();
            assertThat(hub.get(keyWorker, list).body())
                    .contains("id=\"withholding-table\"")
                    .contains("Record item record-item-web3-1");
            String review = list + "/" + made.id().value();

            HttpResponse<String> past = post(
                    keyWorker, review, review + "/keep", date("review", today()).substring(1));
            assertThat(past.body()).contains("govuk-error-summary").contains("The review date must be in the future");

            LocalDate next = today().plusMonths(6);
            assertThat(post(
                                    keyWorker,
                                    review,
                                    review + "/keep",
                                    date("review", next).substring(1))
                            .statusCode())
                    .isEqualTo(302);
            assertThat(inForce())
                    .filteredOn(one -> one.id().equals(made.id()))
                    .extracting(org.ecarehub.consent.Withholding::reviewBy)
                    .containsExactly(next);

            assertThat(post(keyWorker, review, review + "/lift", "").statusCode())
                    .isEqualTo(302);
            assertThat(inForce()).noneMatch(one -> one.id().equals(made.id()));
        }

        @Test
        void listsAndLiftsAWithholdingRecordedAboutAPersonBeforeTheyWereMergedIntoThisOne() {
            PersonIndex index = hub.bean(PersonIndex.class);
            Actor socialWork = Actor.agencySystem(org.ecarehub.shared.AgencyId.of("slc-social-work"), 1);
            PersonId survivor = index.submit(
                            new AgencyRecord(
                                    AgencyRecordId.of("slc-social-work", "SW-WM-1"),
                                    new Demographics(
                                            "Morag",
                                            null,
                                            "Lennox",
                                            List.of(),
                                            LocalDate.of(1952, 2, 14),
                                            Sex.FEMALE,
                                            List.of(),
                                            null,
                                            null)),
                            socialWork)
                    .person();
            PersonId merged = index.submit(
                            new AgencyRecord(
                                    AgencyRecordId.of("slc-social-work", "SW-WM-2"),
                                    new Demographics(
                                            "Morven",
                                            null,
                                            "Tennant",
                                            List.of(),
                                            LocalDate.of(1949, 7, 2),
                                            Sex.FEMALE,
                                            List.of(),
                                            null,
                                            null)),
                            socialWork)
                    .person();
            hub.bean(org.ecarehub.access.Relationships.class)
                    .start(
                            org.ecarehub.access.RelationshipDraft.of(
                                    merged,
                                    org.ecarehub.access.Holder.staff(org.ecarehub.shared.Username.of("sw.hamilton")),
                                    org.ecarehub.access.RelationshipKind.KEY_WORKER,
                                    today()),
                            hub.staffActor("sw.hamilton"));
            org.ecarehub.consent.Withholding made = hub.bean(Withholdings.class)
                    .withhold(
                            new org.ecarehub.consent.WithholdingDraft(
                                    merged,
                                    org.ecarehub.consent.WithholdingTarget.item("record-item-web3-merged"),
                                    org.ecarehub.consent.Exemption.THIRD_PARTY,
                                    "Names a neighbour.",
                                    today().plusMonths(3),
                                    null),
                            hub.staffActor("sw.hamilton"));
            index.merge(survivor, merged, "The same woman", hub.staffActor("sw.hamilton"));
            HttpClient keyWorker = signedIn("sw.hamilton");
            String list = "/people/" + survivor.value() + "/withholdings";

            assertThat(hub.get(keyWorker, list).body())
                    .as("the merged person's withholding is the survivor's, listed on her page")
                    .contains("Record item record-item-web3-merged");
            String review = list + "/" + made.id().value();
            assertThat(post(keyWorker, review, review + "/lift", "").statusCode())
                    .isEqualTo(302);
            assertThat(hub.bean(Withholdings.class).inForce(merged, today()))
                    .noneMatch(one -> one.id().equals(made.id()));
        }

        @Test
        void answersSomeoneWhoMayNotSeeThePersonAndAnUnknownWithholdingAsPagesThatDoNotExist() {
            HttpClient housing = signedIn("housing.ek");
            HttpClient keyWorker = signedIn("sw.hamilton");
            String list = "/people/" + agnes.value() + "/withholdings";

            assertThat(hub.get(housing, list).statusCode()).isEqualTo(404);
            assertThat(hub.get(housing, list + "/new").statusCode()).isEqualTo(404);
            assertThat(hub.get(keyWorker, list + "/999999").statusCode()).isEqualTo(404);
            assertThat(post(keyWorker, list, list + "/999999/lift", "").statusCode())
                    .isEqualTo(404);
        }
    }

    @Nested
    class AuthoritiesAndCapacity {

        @Test
        void redisplaysABadAuthorityWithEveryProblemAndRecordsNothing() {
            HttpClient keyWorker = signedIn("sw.hamilton");
            String form = "/people/" + agnes.value() + "/authorities/new";
            int before = hub.bean(Representatives.class).authoritiesOver(agnes).size();

            HttpResponse<String> refused = post(
                    keyWorker,
                    form,
                    "/people/" + agnes.value() + "/authorities",
                    "kind=welfare-guardian&holder=not-an-id&reference=+&start-day=31&start-month=2&start-year=2025");

            assertThat(refused.statusCode()).isEqualTo(200);
            assertThat(refused.body())
                    .contains("govuk-error-summary")
                    .contains("Enter the person id of the representative")
                    .contains("Enter the registration reference")
                    .contains("Choose the categories the order or the person&#39;s nomination names")
                    .contains("Enter the day the authority starts as a real date");
            assertThat(hub.bean(Representatives.class).authoritiesOver(agnes)).hasSize(before);
        }

        @Test
        void refusesAHolderTheUserMayNotSee() {
            HttpClient keyWorker = signedIn("sw.hamilton");
            PersonId ryan = DemoStoryPeople.ids(hub).get("Ryan Kerr");
            int before = hub.bean(Representatives.class).authoritiesOver(agnes).size();

            HttpResponse<String> refused = post(
                    keyWorker,
                    "/people/" + agnes.value() + "/authorities/new",
                    "/people/" + agnes.value() + "/authorities",
                    "kind=nominated-next-of-kin-or-carer&holder=" + ryan.value() + "&categories=contacts"
                            + date("start", today()));

            assertThat(refused.body()).contains("Enter the person id of the representative");
            assertThat(hub.bean(Representatives.class).authoritiesOver(agnes)).hasSize(before);
        }

        @Test
        void recordsANominationForAPersonTheUserMaySee() {
            HttpClient socialWorker = signedIn("sw.blantyre");
            PersonId ryan = DemoStoryPeople.ids(hub).get("Ryan Kerr");
            PersonId lisa = DemoStoryPeople.ids(hub).get("Lisa Kerr");
            int before = hub.bean(Representatives.class).authoritiesOver(ryan).size();

            HttpResponse<String> recorded = post(
                    socialWorker,
                    "/people/" + ryan.value() + "/authorities/new",
                    "/people/" + ryan.value() + "/authorities",
                    "kind=nominated-next-of-kin-or-carer&holder=" + lisa.value() + "&categories=contacts"
                            + "&categories=care-plan" + date("start", today()));

            assertThat(recorded.statusCode()).isEqualTo(302);
            List<RepresentativeAuthority> now = hub.bean(Representatives.class).authoritiesOver(ryan);
            assertThat(now).hasSize(before + 1);
            assertThat(now.get(now.size() - 1).authority().verified()).isFalse();
        }

        @Test
        void redisplaysABadAssessmentThenRecordsAGoodOne() {
            HttpClient keyWorker = signedIn("sw.hamilton");
            String form = "/people/" + agnes.value() + "/capacity/new";
            int before = hub.bean(Representatives.class).assessments(agnes).size();

            HttpResponse<String> refused = post(
                    keyWorker,
                    form,
                    "/people/" + agnes.value() + "/capacity",
                    "areas=shopping" + date("assessed", today().plusDays(3)));

            assertThat(refused.body())
                    .contains("govuk-error-summary")
                    .contains("Choose whether the person lacks capacity")
                    .contains("Choose the kinds of decision from the list")
                    .contains("The day of the assessment cannot be in the future");
            assertThat(hub.bean(Representatives.class).assessments(agnes)).hasSize(before);

            HttpResponse<String> recorded = post(
                    keyWorker,
                    form,
                    "/people/" + agnes.value() + "/capacity",
                    "finding=lacks&areas=financial" + date("assessed", today()));

            assertThat(recorded.statusCode()).isEqualTo(302);
            assertThat(hub.bean(Representatives.class).assessments(agnes)).hasSize(before + 1);
        }

        @Test
        void asksForConfirmationBeforeEndingAndAnswersHousingAsNotFound() {
            RepresentativeAuthority attorney = hub.bean(Representatives.class).authoritiesOver(agnes).stream()
                    .filter(one -> one.authority().kind() == Authority.Kind.WELFARE_ATTORNEY)
                    .findFirst()
                    .orElseThrow();
            String confirm =
                    "/people/" + agnes.value() + "/authorities/" + attorney.id().value() + "/end";

            HttpResponse<String> page = hub.get(signedIn("sw.hamilton"), confirm);

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("id=\"confirm-end\"").contains("OPG-WPA-2019-004417");
            assertThat(hub.get(signedIn("housing.ek"), confirm).statusCode()).isEqualTo(404);
            assertThat(hub.bean(Representatives.class).authoritiesOver(agnes).stream()
                            .filter(one -> one.id().equals(attorney.id()))
                            .findFirst()
                            .orElseThrow()
                            .authority()
                            .end())
                    .as("showing the confirmation ends nothing")
                    .isNull();
        }
    }

    @Nested
    class ARepresentativesConsent {

        @Test
        void redisplaysAnUnknownRepresentativeAndAnImpossibleEndAndRecordsNothing() {
            HttpClient keyWorker = signedIn("sw.hamilton");
            int before = hub.bean(Consents.class).history(agnes).size();

            HttpResponse<String> refused = post(
                    keyWorker,
                    "/people/" + agnes.value() + "/consents/new",
                    "/people/" + agnes.value() + "/consents",
                    "status=given&purpose=direct-care&recipient=type:no-such-type&evidence=verbal&decided-by=999999"
                            + "&end-day=31&end-month=2&end-year=2030");

            assertThat(refused.body())
                    .contains("govuk-error-summary")
                    .contains("Choose the agency the decision is about sharing with")
                    .contains("Choose who decided: the person, or a representative shown")
                    .contains("Enter the last day as a real date");
            assertThat(hub.bean(Consents.class).history(agnes)).hasSize(before);
        }

        @Test
        void recordsTheWelfareAttorneysConsentForEveryGpPracticeUntilAnEndDate() {
            HttpClient keyWorker = signedIn("sw.hamilton");
            RepresentativeAuthority attorney = hub.bean(Representatives.class).authoritiesOver(agnes).stream()
                    .filter(one -> one.authority().kind() == Authority.Kind.WELFARE_ATTORNEY)
                    .findFirst()
                    .orElseThrow();
            LocalDate end = today().plusMonths(6);

            HttpResponse<String> recorded = post(
                    keyWorker,
                    "/people/" + agnes.value() + "/consents/new",
                    "/people/" + agnes.value() + "/consents",
                    "status=given&purpose=direct-care&categories=care-plan&recipient=type:gp-practice&evidence=written"
                            + "&decided-by=" + attorney.id().value() + date("end", end));

            assertThat(recorded.statusCode()).isEqualTo(302);
            List<Consent> history = hub.bean(Consents.class).history(agnes);
            Consent last = history.get(history.size() - 1);
            assertThat(last.onBehalfOf().authority()).isEqualTo(attorney.id());
            assertThat(last.recipients()).containsExactly(Recipient.type(AgencyType.GP_PRACTICE));
            assertThat(last.end()).isEqualTo(end);
        }
    }
}
