package org.ecarehub.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.ecarehub.access.internal.OverdueReviewsProbe;
import org.ecarehub.consent.Exemption;
import org.ecarehub.consent.WithholdingDraft;
import org.ecarehub.consent.WithholdingTarget;
import org.ecarehub.consent.Withholdings;
import org.ecarehub.demo.DemoStoryPeople;
import org.ecarehub.partnership.Action;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Partnerships;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The decision point in a running hub over the demo's stories: every decision in the log about the person before
 * anything is returned, with its rules, basis, flags and the configuration version; what a decision sets going (a
 * protection override's review, W3's withholding); and the person's and their representatives' view.
 */
@Tag("database")
class AccessDecisionsIntegrationTests {

    @TempDir
    static Path dataDir;

    static RunningHub hub;
    static AccessDecisions decisions;
    static Map<String, PersonId> people;
    static final JsonMapper json = JsonMapper.builder().build();

    static final AgencyId NHS = AgencyId.of("nhs-lanarkshire");
    static final AgencyId SOCIAL_WORK = AgencyId.of("slc-social-work");
    static final String RYAN_CONCERN = "Bruising seen at school; checking the child protection plan";

    @BeforeAll
    static void startHub() {
        hub = RunningHub.demo(dataDir, TestDatabase.fresh(dataDir));
        decisions = hub.bean(AccessDecisions.class);
        people = DemoStoryPeople.ids(hub);
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    static Requester staff(String user, Purpose purpose, String justification) {
        return new Requester.Staff(Username.of(user), purpose, justification);
    }

    static Requester portal(String account, String boundTo) {
        return new Requester.Portal(account, boundTo == null ? null : people.get(boundTo));
    }

    static AccessItem item(String id, Category category, Sensitivity sensitivity, AgencyId owner) {
        return new AccessItem(id, category, sensitivity, owner);
    }

    static long lastEventId() {
        return hub.bean(JdbcClient.class)
                .sql("select coalesce(max(id), 0) from transparency_event")
                .query(Long.class)
                .single();
    }

    /** The access events appended after the mark, as their JSON. */
    static List<JsonNode> accessEventsSince(long mark) {
        return hub
                .bean(JdbcClient.class)
                .sql("select event from transparency_event where id > ? and event_type = 1 order by id")
                .param(mark)
                .query(String.class)
                .list()
                .stream()
                .map(json::readTree)
                .toList();
    }

    static LocalDate today() {
        return LocalDate.now(ZoneId.of("Europe/London"));
    }

    @Nested
    class Staff {

        @Test
        void logsEachOutcomeAboutThePersonWithItsRulesBasisAndConfigurationVersion() {
            PersonId agnes = people.get("Agnes Thomson");
            long mark = lastEventId();

            List<AccessDecision> decided = decisions.decide(
                    staff("sw.hamilton", Purpose.DIRECT_CARE, null),
                    Action.READ,
                    agnes,
                    List.of(
                            item("social-work-note-1", Category.SOCIAL_WORK_NOTE, Sensitivity.NORMAL, SOCIAL_WORK),
                            item("health-detail-1", Category.HEALTH_DETAIL, Sensitivity.RESTRICTED, NHS)));

            assertThat(decided).extracting(AccessDecision::allowed).containsExactly(true, false);
            List<JsonNode> events = accessEventsSince(mark);
            assertThat(events).hasSize(2);
            int version = hub.bean(Partnerships.class).current().version();
            JsonNode allowed = events.get(0);
            assertThat(allowed.at("/whom/person").asString()).isEqualTo(agnes.value());
            assertThat(allowed.at("/who/account").asString()).isEqualTo("sw.hamilton");
            assertThat(allowed.at("/why/decision").asString()).isEqualTo("allow");
            assertThat(allowed.at("/why/lawfulBasis").asString()).isEqualTo("own-agency");
            assertThat(allowed.at("/why/configuration").asInt()).isEqualTo(version);
            assertThat(allowed.at("/what/items/0").asString()).isEqualTo("social-work-note-1");
            JsonNode refused = events.get(1);
            assertThat(refused.at("/why/decision").asString()).isEqualTo("deny");
            assertThat(refused.at("/why/rules/0").asString()).isEqualTo("restricted");
            assertThat(refused.at("/what/items/0").asString()).isEqualTo("health-detail-1");
            JsonNode recipient = refused.at("/what/recipient");
            assertThat(recipient.isMissingNode() || recipient.isNull())
                    .as("a refusal sends nothing anywhere")
                    .isTrue();
        }

        @Test
        void opensTheOwnersReviewForAProtectionOverrideAndWithholdsTheAccessFromTheParent() {
            PersonId ryan = people.get("Ryan Kerr");
            long mark = lastEventId();

            List<AccessDecision> decided = decisions.decide(
                    staff("teacher.blantyre", Purpose.CHILD_PROTECTION, RYAN_CONCERN),
                    Action.READ,
                    ryan,
                    List.of(item("contacts-7", Category.CONTACTS, Sensitivity.NORMAL, NHS)));

            assertThat(decided.get(0).flags()).contains(DecisionFlag.PROTECTION_OVERRIDE);
            JsonNode event = accessEventsSince(mark).get(0);
            assertThat(event.at("/why/flags").toString()).contains("protection-override", "without-consent");
            assertThat(event.at("/what/recipient").asString()).isEqualTo("slc-education");
            assertThat(hub.bean(CaldicottReviews.class).forPerson(ryan)).anySatisfy(review -> {
                assertThat(review.kind()).isEqualTo(CaldicottReview.Kind.PROTECTION_OVERRIDE);
                assertThat(review.guardian()).isEqualTo(Username.of("caldicott.nhs"));
            });
            long eventId = hub.bean(JdbcClient.class)
                    .sql("select max(id) from transparency_event where event_type = 1 and person_ref = ?")
                    .param(ryan.value())
                    .query(Long.class)
                    .single();
            assertThat(hub.bean(Withholdings.class).inForce(ryan, today())).anySatisfy(withholding -> {
                assertThat(withholding.target().accessEvent()).isEqualTo(eventId);
                assertThat(withholding.exemption()).isEqualTo(Exemption.CHILD_PROTECTION_ENQUIRY);
            });

            AccessDecision seenByLisa = decisions
                    .decide(
                            portal("lisa.kerr", "Lisa Kerr"),
                            Action.READ,
                            ryan,
                            List.of(item("access-event-" + eventId, Category.CONTACTS, Sensitivity.NORMAL, NHS)))
                    .get(0);
            assertThat(seenByLisa.allowed()).isFalse();
            assertThat(seenByLisa.decidingRules()).containsExactly(PortalRules.NOT_WITHHELD);
            assertThat(seenByLisa.reason()).isEqualTo("not available");
        }

        @Test
        void refusesASearchOutrightToAPurposeTheRolesMayNotUse() {
            AccessDecision attempt = decisions.mayAttempt(
                    staff("housing.ek", Purpose.EMERGENCY, null), Action.READ, Category.DEMOGRAPHICS);
            assertThat(attempt.allowed()).isFalse();
            assertThat(attempt.decidingRules()).containsExactly("purpose");
        }
    }

    @Nested
    class PersonAndRepresentatives {

        static final AccessItem CARE_PLAN =
                new AccessItem("care-plan-1", Category.CARE_PLAN, Sensitivity.NORMAL, SOCIAL_WORK);
        static final AccessItem ASSESSMENT =
                new AccessItem("assessment-1", Category.ASSESSMENT, Sensitivity.NORMAL, SOCIAL_WORK);
        static final AccessItem PROTECTION =
                new AccessItem("protection-message-1", Category.PROTECTION, Sensitivity.NORMAL, SOCIAL_WORK);

        static AccessDecision decide(Requester requester, String person, AccessItem item) {
            return decisions
                    .decide(requester, Action.READ, people.get(person), List.of(item))
                    .get(0);
        }

        @Test
        void showsDavidHisMothersCarePlanUnderHisPowerOfAttorney() {
            AccessDecision decision = decide(portal("david.thomson", "David Thomson"), "Agnes Thomson", CARE_PLAN);
            assertThat(decision.allowed()).isTrue();
            assertThat(decision.basis()).isEqualTo(LawfulBasis.REPRESENTATIVE_AUTHORITY);
        }

        @Test
        void showsFionaOnlyTheCategoriesHerMotherChose() {
            assertThat(decide(portal("fiona.thomson", "Fiona Thomson"), "Agnes Thomson", CARE_PLAN)
                            .allowed())
                    .isTrue();
            AccessDecision assessment = decide(portal("fiona.thomson", "Fiona Thomson"), "Agnes Thomson", ASSESSMENT);
            assertThat(assessment.allowed()).isFalse();
            assertThat(assessment.decidingRules()).containsExactly("p3-covers");
        }

        @Test
        void neverShowsLisaTheProtectionCategoryOfHerChildren() {
            AccessDecision decision = decide(portal("lisa.kerr", "Lisa Kerr"), "Ryan Kerr", PROTECTION);
            assertThat(decision.allowed()).isFalse();
            assertThat(decision.decidingRules()).containsExactly("p3-never-protection");
        }

        @Test
        void showsThePersonTheirOwnRecordAndAnUnboundAccountNothing() {
            AccessDecision own = decide(portal("lisa.kerr", "Lisa Kerr"), "Lisa Kerr", CARE_PLAN);
            assertThat(own.allowed()).isTrue();
            assertThat(own.basis()).isEqualTo(LawfulBasis.DATA_SUBJECT);
            AccessDecision unbound = decide(portal("someone", null), "Lisa Kerr", CARE_PLAN);
            assertThat(unbound.decidingRules()).containsExactly(PortalRules.BOUND);
            AccessDecision stranger = decide(portal("fiona.thomson", "Fiona Thomson"), "Ryan Kerr", CARE_PLAN);
            assertThat(stranger.decidingRules()).containsExactly(RepresentativeRules.HOLDS_AUTHORITY);
        }

        @Test
        void hidesAWithheldItemFromTheRepresentativeWithTheNoticeTheExemptionAllows() {
            PersonId agnes = people.get("Agnes Thomson");
            AccessItem neighboursReport =
                    new AccessItem("social-work-note-44", Category.SOCIAL_WORK_NOTE, Sensitivity.NORMAL, SOCIAL_WORK);
            hub.bean(Withholdings.class)
                    .withhold(
                            new WithholdingDraft(
                                    agnes,
                                    WithholdingTarget.item("social-work-note-44"),
                                    Exemption.THIRD_PARTY,
                                    "A neighbour's report; the neighbour has not agreed to its disclosure.",
                                    today().plusMonths(6),
                                    null),
                            Actor.staff(Username.of("sw.hamilton"), SOCIAL_WORK, List.of("social-worker"), 1));

            AccessDecision decision =
                    decide(portal("david.thomson", "David Thomson"), "Agnes Thomson", neighboursReport);

            assertThat(decision.allowed()).isFalse();
            assertThat(decision.decidingRules()).containsExactly(PortalRules.NOT_WITHHELD);
            assertThat(decision.reason()).startsWith("withheld under third-party until its review on ");
        }
    }

    @Nested
    class OverdueWithholdings {

        @Test
        void sendsAnOverdueReviewToTheGuardianOnceAndKeepsTheItemWithheld() {
            PersonId fiona = people.get("Fiona Thomson");
            org.ecarehub.consent.Withholding withholding = hub.bean(Withholdings.class)
                    .withhold(
                            new WithholdingDraft(
                                    fiona,
                                    WithholdingTarget.item("social-work-note-90"),
                                    Exemption.SERIOUS_HARM,
                                    "Disclosure would be likely to cause serious harm; reviewed with the team.",
                                    today().plusDays(1),
                                    null),
                            Actor.staff(Username.of("sw.hamilton"), SOCIAL_WORK, List.of("social-worker"), 1));
            OverdueReviewsProbe probe = new OverdueReviewsProbe(hub);

            assertThat(probe.openReviews(today().plusDays(2))).isGreaterThanOrEqualTo(1);
            assertThat(probe.openReviews(today().plusDays(3))).isZero();

            assertThat(hub.bean(CaldicottReviews.class).forPerson(fiona))
                    .filteredOn(review -> review.kind() == CaldicottReview.Kind.OVERDUE_WITHHOLDING)
                    .singleElement()
                    .satisfies(review -> {
                        assertThat(review.subject()).isEqualTo(withholding.id().toString());
                        assertThat(review.guardian()).isEqualTo(Username.of("caldicott.slc"));
                    });
            assertThat(hub.bean(Withholdings.class).inForce(fiona, today().plusDays(3)))
                    .extracting(held -> held.id())
                    .contains(withholding.id());
        }
    }

    @Nested
    class Explaining {

        @Test
        void tellsWhoCouldSeeAgnesAndWhyAsTheDecisionsWould() {
            PersonId agnes = people.get("Agnes Thomson");
            Explanation explanation = hub.bean(Explanations.class)
                    .explain(staff("sw.hamilton", Purpose.DIRECT_CARE, null), agnes)
                    .orElseThrow();

            assertThat(explanation.staff())
                    .extracting(view -> view.user().value(), Explanation.StaffView::through)
                    .contains(
                            org.assertj.core.groups.Tuple.tuple("sw.hamilton", "key-worker"),
                            org.assertj.core.groups.Tuple.tuple("gp.hamilton", "care-team"),
                            org.assertj.core.groups.Tuple.tuple("homecare.org", "team-caseload"));
            Explanation.StaffView gp = explanation.staff().stream()
                    .filter(view -> view.user().value().equals("gp.hamilton"))
                    .findFirst()
                    .orElseThrow();
            assertThat(gp.reaches())
                    .contains(new Explanation.Reach(
                            Category.HEALTH_DETAIL,
                            NHS,
                            LawfulBasis.IMPLIED_CONSENT,
                            "nhsl-to-hamilton-mp-care",
                            true));
            assertThat(explanation.staff())
                    .noneMatch(view -> view.user().value().equals("housing.ek"));
            assertThat(explanation.representatives()).anySatisfy(view -> {
                assertThat(view.representative()).isEqualTo(people.get("Fiona Thomson"));
                assertThat(view.categories())
                        .containsExactlyInAnyOrder(Category.CONTACTS, Category.CARE_PLAN, Category.SERVICE_PROVISION);
            });
            assertThat(explanation.emergency()).anyMatch(view -> view.agency().equals(NHS));
        }

        @Test
        void explainsNothingToSomeoneWhoMayNotSeeWhoIsInvolved() {
            PersonId agnes = people.get("Agnes Thomson");
            assertThat(hub.bean(Explanations.class).explain(staff("housing.ek", Purpose.DIRECT_CARE, null), agnes))
                    .isEmpty();
            assertThat(hub.bean(Explanations.class).explain(portal("david.thomson", "David Thomson"), agnes))
                    .isPresent();
        }
    }
}
