package org.ecarehub.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ecarehub.demo.DemoStoryPeople;
import org.ecarehub.partnership.Action;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.record.ItemView;
import org.ecarehub.record.RecordKind;
import org.ecarehub.record.Records;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;
import org.ecarehub.support.LogOutage;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.ecarehub.transparency.LogUnavailable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The person's challenges (issue 8, item 7) in a running hub over the demo's stories: a challenge reaches the owning
 * agency's Caldicott guardian's queue with its target times, the guardian's answer comes back to the person, and what
 * the requester may not see cannot be challenged, with the same refusal as what does not exist.
 */
@Tag("database")
class ChallengesIntegrationTests {

    static final String WORDS = "I do not know why this person looked at my mother's care plan";
    static final AgencyId SOCIAL_WORK = AgencyId.of("slc-social-work");
    static final AgencyId NHS = AgencyId.of("nhs-lanarkshire");

    @TempDir
    static Path dataDir;

    static TestDatabase database;
    static RunningHub hub;
    static Challenges challenges;
    static CaldicottReviews reviews;
    static Map<String, PersonId> people;

    @BeforeAll
    static void startHub() {
        database = TestDatabase.fresh(dataDir);
        hub = RunningHub.start(
                "demo", dataDir, database, Map.of("ecare.demo.people", 0, "ecare.log.append-timeout", "5s"));
        challenges = hub.bean(Challenges.class);
        reviews = hub.bean(CaldicottReviews.class);
        people = DemoStoryPeople.ids(hub);
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    static Requester.Portal david() {
        return new Requester.Portal("david.thomson", people.get("David Thomson"));
    }

    static Requester.Portal fiona() {
        return new Requester.Portal("fiona.thomson", people.get("Fiona Thomson"));
    }

    static PersonId agnes() {
        return people.get("Agnes Thomson");
    }

    /** A member of staff reads one item of the person: the access entry a challenge names. */
    static String accessEntry(String user, PersonId person, Category category, AgencyId owner) {
        hub.bean(AccessDecisions.class)
                .decide(
                        new Requester.Staff(Username.of(user), Purpose.DIRECT_CARE, null),
                        Action.READ,
                        person,
                        List.of(new AccessItem("challenge-test-item", category, Sensitivity.NORMAL, owner)));
        return "access-event-" + lastEventAbout(person, 1);
    }

    static long lastEventAbout(PersonId person, int type) {
        return hub.bean(JdbcClient.class)
                .sql("select max(id) from transparency_event where event_type = ? and person_ref = ?")
                .params(type, person.value())
                .query(Long.class)
                .single();
    }

    static long challengeRows() {
        return hub.bean(JdbcClient.class)
                .sql("select count(*) from access_challenge")
                .query(Long.class)
                .single();
    }

    static List<String> eventsSince(long mark) {
        return hub.bean(JdbcClient.class)
                .sql("select event from transparency_event where id > ? order by id")
                .param(mark)
                .query(String.class)
                .list();
    }

    static long lastEventId() {
        return hub.bean(JdbcClient.class)
                .sql("select coalesce(max(id), 0) from transparency_event")
                .query(Long.class)
                .single();
    }

    @Nested
    class RaisingAndAnswering {

        @Test
        void reachesTheOwningAgencysGuardianAndBringsTheAnswerBackToThePerson() {
            String entry = accessEntry("sw.hamilton", agnes(), Category.CARE_PLAN, SOCIAL_WORK);
            long mark = lastEventId();

            Challenge raised =
                    challenges.raise(david(), agnes(), new ChallengeDraft(Challenge.Kind.ACCESS, entry, WORDS));

            assertThat(raised.status()).isEqualTo(Challenge.Status.RECEIVED);
            assertThat(raised.agency()).isEqualTo(SOCIAL_WORK);
            assertThat(raised.acknowledgeBy())
                    .isAfter(raised.raisedAt().atZone(java.time.ZoneOffset.UTC).toLocalDate());
            assertThat(raised.answerBy())
                    .isEqualTo(raised.raisedAt()
                            .atZone(java.time.ZoneId.of("Europe/London"))
                            .toLocalDate()
                            .plusMonths(1));
            CaldicottReview task = reviews.openFor(Username.of("caldicott.slc")).stream()
                    .filter(review -> review.id().equals(raised.review()))
                    .findFirst()
                    .orElseThrow();
            assertThat(task.kind()).isEqualTo(CaldicottReview.Kind.CHALLENGE);
            assertThat(task.subject()).isEqualTo(raised.id().reference());
            assertThat(task.person()).isEqualTo(agnes());
            assertThat(challenges.forReview(task.id(), Username.of("caldicott.slc")))
                    .get()
                    .extracting(Challenge::details)
                    .isEqualTo(WORDS);
            assertThat(challenges.forReview(task.id(), Username.of("caldicott.nhs")))
                    .isEmpty();

            reviews.claim(task.id(), hub.staffActor("caldicott.slc"));
            assertThat(challenges.find(david(), raised.id()))
                    .get()
                    .extracting(Challenge::status)
                    .isEqualTo(Challenge.Status.ACKNOWLEDGED);

            challenges.answer(
                    raised.id(),
                    "Your mother's social worker read the care plan before a review visit.",
                    hub.staffActor("caldicott.slc"));

            Challenge answered = challenges.of(david(), agnes()).stream()
                    .filter(challenge -> challenge.id().equals(raised.id()))
                    .findFirst()
                    .orElseThrow();
            assertThat(answered.status()).isEqualTo(Challenge.Status.ANSWERED);
            assertThat(answered.answer()).startsWith("Your mother's social worker");
            assertThat(answered.acknowledgedAt()).isNotNull();
            assertThat(reviews.forPerson(agnes()))
                    .filteredOn(review -> review.id().equals(raised.review()))
                    .singleElement()
                    .extracting(CaldicottReview::state)
                    .isEqualTo(CaldicottReview.State.CLOSED);

            List<String> logged = eventsSince(mark);
            assertThat(logged)
                    .anySatisfy(event -> assertThat(event)
                            .contains("\"action\":\"challenge\"", raised.id().reference(), entry, "david.thomson"))
                    .anySatisfy(event -> assertThat(event)
                            .contains("\"action\":\"answer\"", raised.id().reference(), "caldicott.slc"));
            assertThat(logged).noneSatisfy(event -> assertThat(event).containsAnyOf("I do not know", "review visit"));
        }

        @Test
        void letsTheGuardianAnswerOnlyOnceAndOnlyAfterClaimingIt() {
            String entry = accessEntry("dn.hamilton", agnes(), Category.CARE_PLAN, SOCIAL_WORK);
            Challenge raised =
                    challenges.raise(david(), agnes(), new ChallengeDraft(Challenge.Kind.SHARING, entry, WORDS));
            assertThat(raised.agency()).isEqualTo(NHS);

            assertThatThrownBy(() -> challenges.answer(raised.id(), "An answer", hub.staffActor("caldicott.nhs")))
                    .isInstanceOf(CaldicottReviewRefused.class)
                    .hasMessageContaining("claim");
            reviews.claim(raised.review(), hub.staffActor("caldicott.nhs"));
            assertThatThrownBy(() -> challenges.answer(raised.id(), "An answer", hub.staffActor("caldicott.slc")))
                    .isInstanceOf(CaldicottReviewRefused.class)
                    .hasMessageContaining("caldicott.nhs");
            assertThatThrownBy(() -> challenges.answer(raised.id(), "  ", hub.staffActor("caldicott.nhs")))
                    .isInstanceOf(ChallengeRefused.class);

            challenges.answer(
                    raised.id(), "The district nurse updated it after a visit.", hub.staffActor("caldicott.nhs"));

            assertThatThrownBy(() -> challenges.answer(raised.id(), "Again", hub.staffActor("caldicott.nhs")))
                    .isInstanceOf(ChallengeRefused.class)
                    .hasMessageContaining("answered already");
            assertThat(challenges.find(david(), raised.id()).orElseThrow().answer())
                    .isEqualTo("The district nurse updated it after a visit.");
        }

        @Test
        void asksTheItemsOwningAgencyForACorrectionOfAnItemTheRepresentativeMaySee() {
            ItemView carePlan = hub
                    .bean(Records.class)
                    .read(new Requester.Staff(Username.of("sw.hamilton"), Purpose.DIRECT_CARE, null), agnes())
                    .items()
                    .stream()
                    .filter(view -> view.item().kind() == RecordKind.CARE_PLAN)
                    .findFirst()
                    .orElseThrow();

            Challenge raised = challenges.raise(
                    fiona(),
                    agnes(),
                    new ChallengeDraft(
                            Challenge.Kind.CORRECTION,
                            carePlan.item().id().reference(),
                            "The care plan gives the wrong day for the lunch visit"));

            assertThat(raised.agency()).isEqualTo(carePlan.item().owner());
            assertThat(challenges.of(fiona(), agnes()))
                    .extracting(Challenge::id)
                    .contains(raised.id());
            // David follows his own challenges, not his sister's; Agnes herself would see every one about her.
            assertThat(challenges.of(david(), agnes()))
                    .extracting(Challenge::id)
                    .doesNotContain(raised.id());
        }
    }

    @Nested
    class WhatCannotBeChallenged {

        @Test
        void refusesAnUnboundAccountAndStoresNothing() {
            String entry = accessEntry("sw.hamilton", agnes(), Category.CARE_PLAN, SOCIAL_WORK);
            long before = challengeRows();

            assertThatThrownBy(() -> challenges.raise(
                            new Requester.Portal("someone", null),
                            agnes(),
                            new ChallengeDraft(Challenge.Kind.ACCESS, entry, WORDS)))
                    .isInstanceOf(ChallengeRefused.class)
                    .hasMessageContaining("not yet bound");
            assertThat(challengeRows()).isEqualTo(before);
            assertThat(challenges.of(new Requester.Portal("someone", null), agnes()))
                    .isEmpty();
        }

        @Test
        void refusesAGuessedAnotherPersonsAndAWithheldEntryAlike() {
            String ryansEntry = accessEntry("sw.blantyre", people.get("Ryan Kerr"), Category.CONTACTS, SOCIAL_WORK);
            String withheldFromLisa = "access-event-"
                    + hub.bean(JdbcClient.class)
                            .sql("select max(access_event_id) from consent_withholding where person_id = ?")
                            .param(people.get("Ryan Kerr").value())
                            .query(Long.class)
                            .single();
            long before = challengeRows();
            long mark = lastEventId();

            List<String> refusals = List.of(
                            refusal(david(), agnes(), "access-event-987654321"),
                            refusal(david(), agnes(), ryansEntry),
                            refusal(
                                    new Requester.Portal("lisa.kerr", people.get("Lisa Kerr")),
                                    people.get("Ryan Kerr"),
                                    withheldFromLisa))
                    .stream()
                    .toList();

            assertThat(refusals)
                    .containsOnly("there is nothing with that reference on the record that you may" + " challenge");
            assertThat(challengeRows()).isEqualTo(before);
            // Each attempt is decided and logged as a refused read, a guess like any other.
            assertThat(eventsSince(mark))
                    .filteredOn(event -> event.contains("\"decision\":\"deny\""))
                    .hasSize(3);
        }

        @Test
        void refusesARepresentativeAnEntryOutsideTheirAuthority() {
            String healthRead = accessEntry("gp.hamilton", agnes(), Category.HEALTH_DETAIL, NHS);

            assertThat(refusal(fiona(), agnes(), healthRead)).contains("nothing with that reference");
            assertThat(challenges.raise(david(), agnes(), new ChallengeDraft(Challenge.Kind.ACCESS, healthRead, WORDS)))
                    .isNotNull();
        }

        @Test
        void refusesADraftWithoutWordsOrWithFreeTextForItsSubject() {
            assertThatThrownBy(() -> new ChallengeDraft(Challenge.Kind.ACCESS, "access-event-1", " "))
                    .isInstanceOf(ChallengeRefused.class);
            assertThatThrownBy(() -> new ChallengeDraft(Challenge.Kind.ACCESS, "Agnes Thomson's letter", WORDS))
                    .isInstanceOf(ChallengeRefused.class);
            assertThatThrownBy(() -> new ChallengeDraft(null, "access-event-1", WORDS))
                    .isInstanceOf(ChallengeRefused.class);
        }

        String refusal(Requester.Portal requester, PersonId person, String subject) {
            try {
                challenges.raise(requester, person, new ChallengeDraft(Challenge.Kind.ACCESS, subject, WORDS));
                return "raised";
            } catch (ChallengeRefused refused) {
                return refused.getMessage();
            }
        }
    }

    @Test
    void failsClosedWhenTheLogCannotRecordTheAnswer() throws Exception {
        assumeTrue(TestDatabase.postgresql(), "revoking the log's insert right needs PostgreSQL");
        String entry = accessEntry("sw.hamilton", agnes(), Category.CARE_PLAN, SOCIAL_WORK);
        Challenge raised = challenges.raise(david(), agnes(), new ChallengeDraft(Challenge.Kind.ACCESS, entry, WORDS));
        reviews.claim(raised.review(), hub.staffActor("caldicott.slc"));

        LogOutage.withoutTheLog(
                database,
                () -> assertThatThrownBy(() -> challenges.answer(
                                raised.id(), "An answer the log never saw", hub.staffActor("caldicott.slc")))
                        .isInstanceOf(LogUnavailable.class));

        Challenge after = challenges.find(david(), raised.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(Challenge.Status.ACKNOWLEDGED);
        assertThat(after.answer()).isNull();
        assertThat(reviews.forPerson(agnes()))
                .filteredOn(review -> review.id().equals(raised.review()))
                .singleElement()
                .extracting(CaldicottReview::state)
                .isEqualTo(CaldicottReview.State.CLAIMED);
    }
}
