package org.ecarehub.access.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ecarehub.access.internal.AccessFixtures.actor;
import static org.ecarehub.access.internal.AccessFixtures.logEvents;
import static org.ecarehub.access.internal.AccessFixtures.newPerson;
import static org.ecarehub.access.internal.AccessFixtures.rows;
import static org.ecarehub.access.internal.AccessFixtures.staff;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.ecarehub.access.BreakGlassGrant;
import org.ecarehub.access.BreakGlassGrants;
import org.ecarehub.access.BreakGlassOpened;
import org.ecarehub.access.BreakGlassRefused;
import org.ecarehub.access.BreakGlassRequest;
import org.ecarehub.access.CaldicottReview;
import org.ecarehub.access.CaldicottReviewClaimed;
import org.ecarehub.access.CaldicottReviewClosed;
import org.ecarehub.access.CaldicottReviewEscalated;
import org.ecarehub.access.CaldicottReviewRefused;
import org.ecarehub.access.CaldicottReviews;
import org.ecarehub.access.Holder;
import org.ecarehub.access.Relationship;
import org.ecarehub.access.RelationshipDraft;
import org.ecarehub.access.RelationshipEnded;
import org.ecarehub.access.RelationshipKind;
import org.ecarehub.access.RelationshipRefused;
import org.ecarehub.access.RelationshipStarted;
import org.ecarehub.access.Relationships;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.partnership.StaffAccount;
import org.ecarehub.person.Actor;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.ecarehub.transparency.EventType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Relationships, break-glass and the Caldicott review queue in a running demo hub over a real database: what is
 * stored, what the log records, what is published, and what is refused with nothing stored or logged.
 */
@Tag("database")
class AccessStateIntegrationTests {

    static final String REASON = "Homecare found no answer at 19:00; checking key holder and risks";
    static final LocalDate DAY = LocalDate.of(2026, 3, 2);
    static final AtomicInteger people = new AtomicInteger();

    @TempDir
    static Path dataDir;

    static RunningHub hub;
    static Relationships relationships;
    static BreakGlassGrants grants;
    static CaldicottReviews reviews;
    static RunningHub.PublishedEvents events;

    @BeforeAll
    static void startHub() {
        hub = RunningHub.demo(dataDir, TestDatabase.fresh(dataDir));
        relationships = hub.bean(Relationships.class);
        grants = hub.bean(BreakGlassGrants.class);
        reviews = hub.bean(CaldicottReviews.class);
        events = hub.recordEvents();
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    static PersonId person() {
        return newPerson(hub, people.incrementAndGet());
    }

    static Actor admin() {
        return actor(hub, "admin");
    }

    static boolean reaches(PersonId person, String username, LocalDate day) {
        StaffAccount account = staff(hub, username);
        return relationships.active(person, account.username(), account.teams(), day);
    }

    static Relationship keyWorker(PersonId person, String username) {
        return relationships.start(
                RelationshipDraft.of(
                        person, Holder.staff(Username.of(username)), RelationshipKind.KEY_WORKER, LocalDate.now()),
                admin());
    }

    static <T> T onAnotherThread(ExecutorService thread, java.util.concurrent.Callable<T> task) {
        try {
            return thread.submit(task).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Rows of every access table and every log event, to show a refusal stored and logged nothing. */
    static Map<String, Long> everything() {
        return Map.of(
                "access_relationship", rows(hub, "access_relationship"),
                "access_break_glass", rows(hub, "access_break_glass"),
                "access_review", rows(hub, "access_review"),
                "access_change", rows(hub, "access_change"),
                "transparency_event", rows(hub, "transparency_event"));
    }

    @Nested
    class WhoIsInvolved {

        @Test
        void isActiveFromItsStartDayToItsEndDayBothIncluded() {
            PersonId person = person();
            long logged = logEvents(hub, EventType.RELATIONSHIP.code());

            Relationship started = relationships.start(
                    new RelationshipDraft(
                            person,
                            Holder.staff(Username.of("sw.hamilton")),
                            RelationshipKind.KEY_WORKER,
                            DAY,
                            null,
                            "referral-77"),
                    admin());

            assertThat(reaches(person, "sw.hamilton", DAY.minusDays(1))).isFalse();
            assertThat(reaches(person, "sw.hamilton", DAY)).isTrue();
            assertThat(reaches(person, "sw.hamilton", DAY.plusYears(5))).isTrue();

            relationships.end(started.id(), DAY.plusDays(5), admin());

            assertThat(reaches(person, "sw.hamilton", DAY.plusDays(5))).isTrue();
            assertThat(reaches(person, "sw.hamilton", DAY.plusDays(6))).isFalse();
            assertThat(relationships.of(person)).singleElement().satisfies(relationship -> {
                assertThat(relationship.end()).isEqualTo(DAY.plusDays(5));
                assertThat(relationship.endedBy()).isEqualTo("staff:admin");
                assertThat(relationship.source()).isEqualTo("referral-77");
            });
            assertThat(logEvents(hub, EventType.RELATIONSHIP.code())).isEqualTo(logged + 2);
            assertThat(events.ofType(RelationshipStarted.class))
                    .anySatisfy(event -> assertThat(event.relationship()).isEqualTo(started.id()));
            assertThat(events.ofType(RelationshipEnded.class))
                    .anySatisfy(event -> assertThat(event.end()).isEqualTo(DAY.plusDays(5)));
        }

        @Test
        void reachesEveryMemberOfATeamAndNoOneElse() {
            PersonId person = person();
            TeamId team = TeamId.of("children-families-blantyre");
            relationships.start(
                    new RelationshipDraft(
                            person,
                            Holder.team(team),
                            RelationshipKind.PROTECTION_MESSAGE,
                            DAY,
                            DAY.plusMonths(6),
                            "protection-message-3"),
                    admin());
            Partnership partnership = hub.bean(Partnerships.class).current().partnership();

            assertThat(partnership.membersOf(team)).hasSizeGreaterThanOrEqualTo(2);
            for (StaffAccount account : partnership.staff()) {
                boolean member = account.teams().contains(team);
                assertThat(relationships.active(person, account.username(), account.teams(), DAY))
                        .as(account.username().value())
                        .isEqualTo(member);
                assertThat(relationships.reachableBy(account.username(), account.teams(), DAY))
                        .as(account.username().value())
                        .matches(reached -> reached.contains(person) == member);
            }
            assertThat(relationships.reachableBy(Username.of("sw.blantyre"), List.of(team), DAY.plusMonths(7)))
                    .doesNotContain(person);
        }

        @Test
        void isSeenInsideItsTransactionAtOnceAndByOthersOnlyWhenCommitted() {
            PersonId person = person();
            assertThat(reaches(person, "sw.hamilton", DAY)).isFalse();
            TransactionTemplate transaction = new TransactionTemplate(hub.bean(PlatformTransactionManager.class));
            RelationshipDraft draft = RelationshipDraft.of(
                    person, Holder.staff(Username.of("sw.hamilton")), RelationshipKind.KEY_WORKER, DAY);
            ExecutorService other = Executors.newSingleThreadExecutor();
            try {
                transaction.executeWithoutResult(status -> {
                    relationships.start(draft, admin());
                    assertThat(reaches(person, "sw.hamilton", DAY)).isTrue();
                    assertThat(onAnotherThread(other, () -> reaches(person, "sw.hamilton", DAY)))
                            .isFalse();
                    status.setRollbackOnly();
                });
                assertThat(reaches(person, "sw.hamilton", DAY)).isFalse();

                transaction.executeWithoutResult(status -> {
                    relationships.start(draft, admin());
                    assertThat(onAnotherThread(other, () -> reaches(person, "sw.hamilton", DAY)))
                            .isFalse();
                });
                assertThat(onAnotherThread(other, () -> reaches(person, "sw.hamilton", DAY)))
                        .isTrue();
            } finally {
                other.shutdown();
            }
        }

        @Test
        void followsEachChangeInsideItsTransactionAfterADecisionHasReadThePerson() {
            PersonId person = person();
            TransactionTemplate transaction = new TransactionTemplate(hub.bean(PlatformTransactionManager.class));
            transaction.executeWithoutResult(status -> {
                Relationship started = relationships.start(
                        RelationshipDraft.of(
                                person, Holder.staff(Username.of("sw.hamilton")), RelationshipKind.KEY_WORKER, DAY),
                        admin());
                assertThat(reaches(person, "sw.hamilton", DAY.plusDays(5))).isTrue();
                assertThat(reaches(person, "sw.blantyre", DAY.plusDays(5))).isFalse();

                relationships.end(started.id(), DAY.plusDays(1), admin());
                assertThat(reaches(person, "sw.hamilton", DAY.plusDays(5))).isFalse();

                relationships.start(
                        RelationshipDraft.of(
                                person, Holder.staff(Username.of("sw.blantyre")), RelationshipKind.KEY_WORKER, DAY),
                        admin());
                assertThat(reaches(person, "sw.blantyre", DAY.plusDays(5))).isTrue();
                assertThat(reaches(person, "sw.hamilton", DAY.plusDays(5))).isFalse();
            });
            assertThat(reaches(person, "sw.blantyre", DAY.plusDays(5))).isTrue();
            assertThat(reaches(person, "sw.hamilton", DAY.plusDays(5))).isFalse();
        }

        @Test
        void namesTheKeyWorkersAndLeadProfessionalsActiveOnTheDay() {
            PersonId person = person();
            Relationship key = keyWorker(person, "sw.hamilton");
            relationships.start(
                    RelationshipDraft.of(
                            person,
                            Holder.team(TeamId.of("district-nursing-hamilton")),
                            RelationshipKind.CARE_TEAM,
                            LocalDate.now()),
                    admin());

            assertThat(relationships.keyWorkers(person, LocalDate.now())).containsExactly(key);
            assertThat(relationships.keyWorkers(person, LocalDate.now().minusDays(1)))
                    .isEmpty();
            assertThat(relationships.of(person)).hasSize(2);
        }

        @Test
        void refusesAnUnknownHolderOrPersonOrAnEndBeforeTheStartAndStoresNothing() {
            PersonId person = person();
            Map<String, Long> before = everything();

            assertThatThrownBy(() -> relationships.start(
                            RelationshipDraft.of(
                                    person, Holder.staff(Username.of("nobody.here")), RelationshipKind.CARE_TEAM, DAY),
                            admin()))
                    .isInstanceOf(RelationshipRefused.class)
                    .hasMessage("'nobody.here' is not an active staff account of the partnership in force");
            assertThatThrownBy(() -> relationships.start(
                            RelationshipDraft.of(
                                    person, Holder.team(TeamId.of("no-such-team")), RelationshipKind.CARE_TEAM, DAY),
                            admin()))
                    .isInstanceOf(RelationshipRefused.class)
                    .hasMessageContaining("'no-such-team' is not a team");
            assertThatThrownBy(() -> relationships.start(
                            RelationshipDraft.of(
                                    PersonId.random(),
                                    Holder.staff(Username.of("sw.hamilton")),
                                    RelationshipKind.CARE_TEAM,
                                    DAY),
                            admin()))
                    .isInstanceOf(RelationshipRefused.class)
                    .hasMessage("the person is not in the person index");
            assertThatThrownBy(() -> new RelationshipDraft(
                            person,
                            Holder.staff(Username.of("sw.hamilton")),
                            RelationshipKind.CARE_TEAM,
                            DAY,
                            DAY.minusDays(1),
                            null))
                    .isInstanceOf(RelationshipRefused.class)
                    .hasMessage("a relationship cannot end before it starts");

            assertThat(everything()).isEqualTo(before);
            assertThat(relationships.of(person)).isEmpty();
        }

        @Test
        void refusesToEndARelationshipBeforeItsStartOrTwice() {
            PersonId person = person();
            Relationship started = relationships.start(
                    RelationshipDraft.of(
                            person, Holder.staff(Username.of("ot.hamilton")), RelationshipKind.REFERRAL, DAY),
                    admin());
            Map<String, Long> before = everything();

            assertThatThrownBy(() -> relationships.end(started.id(), DAY.minusDays(1), admin()))
                    .isInstanceOf(RelationshipRefused.class)
                    .hasMessageContaining("cannot end before it starts");
            assertThat(everything()).isEqualTo(before);

            relationships.end(started.id(), DAY, admin());
            assertThatThrownBy(() -> relationships.end(started.id(), DAY, admin()))
                    .isInstanceOf(RelationshipRefused.class)
                    .hasMessageContaining("has ended already");
            assertThat(reaches(person, "ot.hamilton", DAY)).isTrue();
            assertThat(reaches(person, "ot.hamilton", DAY.plusDays(1))).isFalse();
        }
    }

    @Nested
    class BreakGlass {

        @Test
        void opensAGrantThatIsLoggedReviewedAndAnnouncedWithTheKeyWorkers() {
            PersonId person = person();
            keyWorker(person, "sw.hamilton");
            long logged = logEvents(hub, EventType.BREAK_GLASS.code());

            BreakGlassGrant grant = grants.open(
                    person,
                    new BreakGlassRequest(Username.of("duty.sw"), REASON, Purpose.DIRECT_CARE, null),
                    actor(hub, "duty.sw"));

            assertThat(grant.expiresAt()).isEqualTo(grant.openedAt().plus(Duration.ofHours(4)));
            assertThat(grants.active(Username.of("duty.sw"), person, Instant.now()))
                    .isTrue();
            assertThat(grants.active(Username.of("sw.blantyre"), person, Instant.now()))
                    .isFalse();
            assertThat(grants.grantsFor(person)).containsExactly(grant);
            assertThat(grants.personsFor(Username.of("duty.sw"), Instant.now())).contains(person);
            assertThat(logEvents(hub, EventType.BREAK_GLASS.code())).isEqualTo(logged + 1);
            assertThat(reviews.forPerson(person)).singleElement().satisfies(review -> {
                assertThat(review.kind()).isEqualTo(CaldicottReview.Kind.BREAK_GLASS);
                assertThat(review.guardian()).isEqualTo(Username.of("caldicott.slc"));
                assertThat(review.subject()).isEqualTo(grant.id().reference());
                assertThat(review.id()).isEqualTo(grant.review());
                assertThat(review.summary()).doesNotContain(REASON);
            });
            assertThat(events.ofType(BreakGlassOpened.class))
                    .filteredOn(event -> event.grant().equals(grant.id()))
                    .singleElement()
                    .satisfies(event -> {
                        assertThat(event.keyWorkers()).containsExactly(Username.of("sw.hamilton"));
                        assertThat(event.agency()).isEqualTo(AgencyId.of("slc-social-work"));
                        assertThat(event.expiresAt()).isEqualTo(grant.expiresAt());
                    });
        }

        @Test
        void expiresExactlyAtItsExpiry() {
            PersonId person = person();
            BreakGlassGrant grant = grants.open(
                    person,
                    new BreakGlassRequest(Username.of("ed.wishaw"), REASON, Purpose.EMERGENCY, Duration.ofMinutes(30)),
                    actor(hub, "ed.wishaw"));

            assertThat(grants.active(
                            Username.of("ed.wishaw"), person, grant.expiresAt().minusMillis(1)))
                    .isTrue();
            assertThat(grants.active(Username.of("ed.wishaw"), person, grant.expiresAt()))
                    .isFalse();
            assertThat(grants.active(
                            Username.of("ed.wishaw"), person, grant.openedAt().minusMillis(1)))
                    .isFalse();
            assertThat(reviews.forPerson(person))
                    .singleElement()
                    .satisfies(review -> assertThat(review.guardian()).isEqualTo(Username.of("caldicott.nhs")));
        }

        @Test
        void refusesBadRequestsAndAUserWithARelationshipAndStoresAndLogsNothing() {
            PersonId person = person();
            keyWorker(person, "sw.hamilton");
            grants.open(
                    person,
                    new BreakGlassRequest(Username.of("duty.sw"), REASON, Purpose.DIRECT_CARE, null),
                    actor(hub, "duty.sw"));
            Map<String, Long> before = everything();

            assertThatThrownBy(() -> grants.open(
                            person,
                            new BreakGlassRequest(Username.of("sw.hamilton"), REASON, Purpose.DIRECT_CARE, null),
                            actor(hub, "sw.hamilton")))
                    .isInstanceOf(BreakGlassRefused.class)
                    .hasMessageContaining("you have a relationship with the person already");
            assertThatThrownBy(() -> grants.open(
                            person,
                            new BreakGlassRequest(
                                    Username.of("housing.ek"), "checking", Purpose.EMERGENCY, Duration.ofHours(25)),
                            actor(hub, "housing.ek")))
                    .isInstanceOfSatisfying(
                            BreakGlassRefused.class,
                            refused -> assertThat(refused.problems())
                                    .containsExactly(
                                            "give a reason of at least 20 characters",
                                            "your roles may not use the purpose emergency",
                                            "a break-glass grant lasts at most 24 hours"));
            assertThatThrownBy(() -> grants.open(
                            person,
                            new BreakGlassRequest(Username.of("gp.hamilton"), REASON, Purpose.DIRECT_CARE, null),
                            actor(hub, "duty.sw")))
                    .isInstanceOf(BreakGlassRefused.class)
                    .hasMessageContaining("opened by the user themselves");
            assertThatThrownBy(() -> grants.open(
                            person,
                            new BreakGlassRequest(Username.of("duty.sw"), REASON, Purpose.DIRECT_CARE, null),
                            actor(hub, "duty.sw")))
                    .isInstanceOf(BreakGlassRefused.class)
                    .hasMessageContaining("you hold an active break-glass grant for the person already");
            assertThatThrownBy(() -> grants.open(
                            PersonId.random(),
                            new BreakGlassRequest(Username.of("gp.hamilton"), REASON, Purpose.DIRECT_CARE, null),
                            actor(hub, "gp.hamilton")))
                    .isInstanceOf(BreakGlassRefused.class)
                    .hasMessageContaining("the person is not in the person index");

            assertThat(everything()).isEqualTo(before);
            assertThat(grants.active(Username.of("housing.ek"), person, Instant.now()))
                    .isFalse();
        }
    }

    @Nested
    class Reviews {

        CaldicottReview breakGlassReview(String username) {
            PersonId person = person();
            BreakGlassGrant grant = grants.open(
                    person,
                    new BreakGlassRequest(Username.of(username), REASON, Purpose.DIRECT_CARE, null),
                    actor(hub, username));
            return reviews.forPerson(person).stream()
                    .filter(review -> review.id().equals(grant.review()))
                    .findFirst()
                    .orElseThrow();
        }

        @Test
        void theAssignedGuardianClaimsAndClosesWithANote() {
            CaldicottReview review = breakGlassReview("gp.hamilton");
            assertThat(review.guardian()).isEqualTo(Username.of("caldicott.slc"));
            assertThat(reviews.openFor(Username.of("caldicott.slc"))).contains(review);
            long logged = logEvents(hub, EventType.REVIEW.code());

            CaldicottReview claimed = reviews.claim(review.id(), actor(hub, "caldicott.slc"));

            assertThat(claimed.state()).isEqualTo(CaldicottReview.State.CLAIMED);
            assertThat(claimed.claimedBy()).isEqualTo(Username.of("caldicott.slc"));
            assertThat(reviews.workingOn(Username.of("caldicott.slc"), review.person()))
                    .isTrue();
            assertThat(reviews.workingOn(Username.of("caldicott.nhs"), review.person()))
                    .isFalse();

            CaldicottReview closed =
                    reviews.close(review.id(), "Appropriate: out-of-hours welfare check.", actor(hub, "caldicott.slc"));

            assertThat(closed.state()).isEqualTo(CaldicottReview.State.CLOSED);
            assertThat(closed.closedBy()).isEqualTo(Username.of("caldicott.slc"));
            assertThat(closed.note()).isEqualTo("Appropriate: out-of-hours welfare check.");
            assertThat(reviews.workingOn(Username.of("caldicott.slc"), review.person()))
                    .isFalse();
            assertThat(reviews.openFor(Username.of("caldicott.slc"))).doesNotContain(closed);
            assertThat(logEvents(hub, EventType.REVIEW.code())).isEqualTo(logged + 2);
            assertThat(events.ofType(CaldicottReviewClaimed.class))
                    .anySatisfy(event -> assertThat(event.review()).isEqualTo(review.id()));
            assertThat(events.ofType(CaldicottReviewClosed.class))
                    .anySatisfy(event -> assertThat(event.review()).isEqualTo(review.id()));
        }

        @Test
        void keepsTheReasonTheNoteAndTheEscalationReasonOutOfTheLog() {
            CaldicottReview review = breakGlassReview("ot.hamilton");
            reviews.claim(review.id(), actor(hub, "caldicott.slc"));
            reviews.close(review.id(), "Spoke to Mrs Example's daughter; justified.", actor(hub, "caldicott.slc"));
            CaldicottReview other = breakGlassReview("sw.airdrie");
            reviews.escalate(other.id(), "Concerned about Mr Example's neighbour.", actor(hub, "caldicott.slc"));

            List<String> logged = hub.bean(org.springframework.jdbc.core.simple.JdbcClient.class)
                    .sql("select event from transparency_event")
                    .query(String.class)
                    .list();
            assertThat(logged)
                    .isNotEmpty()
                    .noneMatch(event -> event.contains("Homecare found no answer")
                            || event.contains("Example")
                            || event.contains("justified"));
            assertThat(logged).anyMatch(event -> event.contains(review.id().reference()));
        }

        @Test
        void refusesAnyoneButTheAssignedGuardianAndAClosingWithoutAClaim() {
            CaldicottReview review = breakGlassReview("dn.hamilton");
            assertThat(review.guardian()).isEqualTo(Username.of("caldicott.nhs"));
            Map<String, Long> before = everything();

            assertThatThrownBy(() -> reviews.claim(review.id(), actor(hub, "caldicott.slc")))
                    .isInstanceOf(CaldicottReviewRefused.class)
                    .hasMessage("only caldicott.nhs, the guardian the review "
                            + review.id().reference() + " is assigned to, may claim it");
            assertThatThrownBy(() -> reviews.claim(review.id(), actor(hub, "dn.hamilton")))
                    .isInstanceOf(CaldicottReviewRefused.class);
            assertThatThrownBy(() -> reviews.close(review.id(), "Fine.", actor(hub, "caldicott.nhs")))
                    .isInstanceOf(CaldicottReviewRefused.class)
                    .hasMessage("claim the review before closing it");
            assertThatThrownBy(() -> reviews.escalate(review.id(), " ", actor(hub, "caldicott.nhs")))
                    .isInstanceOf(CaldicottReviewRefused.class)
                    .hasMessage("an escalation needs a reason");

            assertThat(everything()).isEqualTo(before);
            assertThat(reviews.workingOn(Username.of("caldicott.slc"), review.person()))
                    .isFalse();
        }

        @Test
        void escalatesFromTheAgencysGuardianToThePartnershipsAndThenToTheDataProtectionOfficer() {
            CaldicottReview review = breakGlassReview("hv.blantyre");
            reviews.claim(review.id(), actor(hub, "caldicott.nhs"));

            CaldicottReview escalated =
                    reviews.escalate(review.id(), "Needs the partnership's view.", actor(hub, "caldicott.nhs"));

            assertThat(escalated.state()).isEqualTo(CaldicottReview.State.ESCALATED);
            assertThat(escalated.guardian()).isEqualTo(Username.of("caldicott.slc"));
            assertThat(escalated.escalatedFrom()).isEqualTo(Username.of("caldicott.nhs"));
            assertThat(escalated.claimedBy()).isNull();
            assertThat(reviews.workingOn(Username.of("caldicott.nhs"), review.person()))
                    .isFalse();
            assertThatThrownBy(() -> reviews.claim(review.id(), actor(hub, "caldicott.nhs")))
                    .isInstanceOf(CaldicottReviewRefused.class);
            assertThat(reviews.openFor(Username.of("caldicott.nhs"))).doesNotContain(escalated);
            assertThat(reviews.openFor(Username.of("caldicott.slc"))).contains(escalated);

            CaldicottReview again =
                    reviews.escalate(review.id(), "Data protection question.", actor(hub, "caldicott.slc"));
            assertThat(again.guardian()).isEqualTo(Username.of("dpo"));
            assertThatThrownBy(() -> reviews.escalate(review.id(), "Nowhere left.", actor(hub, "dpo")))
                    .isInstanceOf(CaldicottReviewRefused.class)
                    .hasMessageContaining("no one further");
            assertThat(reviews.claim(review.id(), actor(hub, "dpo")).state()).isEqualTo(CaldicottReview.State.CLAIMED);
            assertThat(events.ofType(CaldicottReviewEscalated.class))
                    .filteredOn(event -> event.review().equals(review.id()))
                    .extracting(CaldicottReviewEscalated::to)
                    .containsExactly(Username.of("caldicott.slc"), Username.of("dpo"));
        }

        @Test
        void opensAProtectionOverrideForTheOwningAgencysGuardian() {
            PersonId person = person();

            CaldicottReview review = reviews.openForProtectionOverride(
                    person, AgencyId.of("nhs-lanarkshire"), "access-decision-41", actor(hub, "police.hub"));

            assertThat(review.kind()).isEqualTo(CaldicottReview.Kind.PROTECTION_OVERRIDE);
            assertThat(review.guardian()).isEqualTo(Username.of("caldicott.nhs"));
            assertThat(review.state()).isEqualTo(CaldicottReview.State.OPEN);
            assertThat(reviews.openFor(Username.of("caldicott.nhs"))).contains(review);
        }
    }
}
