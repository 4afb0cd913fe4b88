package org.ecarehub.protection.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ecarehub.protection.internal.ProtectionFixtures.adult;
import static org.ecarehub.protection.internal.ProtectionFixtures.child;
import static org.ecarehub.protection.internal.ProtectionFixtures.count;
import static org.ecarehub.protection.internal.ProtectionFixtures.involve;
import static org.ecarehub.protection.internal.ProtectionFixtures.protecting;
import static org.ecarehub.protection.internal.ProtectionFixtures.today;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.ecarehub.access.AccessDecision;
import org.ecarehub.access.AccessDecisions;
import org.ecarehub.access.AccessItem;
import org.ecarehub.access.Holder;
import org.ecarehub.access.Relationship;
import org.ecarehub.access.RelationshipKind;
import org.ecarehub.access.Relationships;
import org.ecarehub.access.Requester;
import org.ecarehub.access.Sensitivity;
import org.ecarehub.consent.Authority;
import org.ecarehub.consent.AuthorityDraft;
import org.ecarehub.consent.RepresentativeAuthority;
import org.ecarehub.consent.Representatives;
import org.ecarehub.messaging.Deliveries;
import org.ecarehub.messaging.Delivery;
import org.ecarehub.messaging.Receiver;
import org.ecarehub.partnership.Action;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.ConcernKind;
import org.ecarehub.partnership.ConcernPriority;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.partnership.ProtectionMessageRouting;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.protection.ConcernOutcome;
import org.ecarehub.protection.ConcernPerson;
import org.ecarehub.protection.ConcernPersonView;
import org.ecarehub.protection.ConcernRole;
import org.ecarehub.protection.EscalationStage;
import org.ecarehub.protection.ProtectionMessageDraft;
import org.ecarehub.protection.ProtectionMessageForbidden;
import org.ecarehub.protection.ProtectionMessageRefused;
import org.ecarehub.protection.ProtectionMessageStep;
import org.ecarehub.protection.ProtectionMessageView;
import org.ecarehub.protection.ProtectionMessages;
import org.ecarehub.protection.Routing;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;
import org.ecarehub.support.AdjustableClock;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.ecarehub.transparency.EventType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Protection messages in a running demo hub over a real database: the police concern hub's message about two
 * children after a domestic incident, routed to the teams involved with them, acknowledged, escalated when it is not,
 * answered, given an outcome and closed; and every refusal leaving nothing behind. The hub's clock is moved on to
 * pass deadlines, and the escalation sweep runs every second.
 */
@Tag("database")
class ProtectionMessagesIntegrationTests {

    static final TeamId CHILDREN_AND_FAMILIES = TeamId.of("children-families-blantyre");
    static final TeamId HEALTH_VISITING = TeamId.of("health-visiting-blantyre");
    static final TeamId SCHOOL = TeamId.of("blantyre-primary");
    static final TeamId CONCERN_HUB = TeamId.of("lanarkshire-concern-hub");
    static final TeamId STANDBY = TeamId.of("social-work-standby");

    @TempDir
    static Path dataDir;

    static RunningHub hub;
    static ProtectionMessages messages;
    static AdjustableClock clock;

    @BeforeAll
    static void startHub() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("ecare.demo.people", 0);
        properties.put("ecare.protection.escalation-check", "PT1S");
        properties.put("spring.main.sources", AdjustableClock.Source.class.getName());
        hub = RunningHub.start("demo", dataDir, TestDatabase.fresh(dataDir), properties);
        messages = hub.bean(ProtectionMessages.class);
        clock = hub.bean(AdjustableClock.class);
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    /** A family like the Kerrs: two children known to social work, the school and health visiting; a parent; a risk. */
    record Family(PersonId ryan, PersonId ellie, PersonId lisa, PersonId mark) {

        List<PersonId> all() {
            return List.of(ryan, ellie, lisa, mark);
        }
    }

    static Family family() {
        Family family = new Family(child(hub), child(hub), adult(hub), adult(hub));
        involve(hub, family.ryan(), "sw.blantyre");
        involve(hub, family.ryan(), "teacher.blantyre");
        involve(hub, family.ellie(), "sw.blantyre");
        involve(hub, family.ellie(), "hv.blantyre");
        involve(hub, family.lisa(), "sw.blantyre");
        return family;
    }

    static ProtectionMessageDraft domesticIncident(Family family, ConcernPriority priority) {
        return new ProtectionMessageDraft(
                ConcernKind.CHILD,
                priority,
                "Police attended a domestic incident at the family home overnight; both children were present.",
                List.of(
                        ConcernPerson.of(family.ryan(), ConcernRole.SUBJECT),
                        ConcernPerson.of(family.ellie(), ConcernRole.SUBJECT),
                        ConcernPerson.of(family.lisa(), ConcernRole.PARENT),
                        ConcernPerson.of(family.mark(), ConcernRole.POSING_RISK)));
    }

    static Set<TeamId> expectedTeams(Instant raisedAt) {
        Set<TeamId> teams = new java.util.HashSet<>(Set.of(CHILDREN_AND_FAMILIES, HEALTH_VISITING, SCHOOL));
        ProtectionMessageRouting routing =
                hub.bean(Partnerships.class).current().partnership().protectionMessageRouting();
        if (!routing.inOfficeHours(raisedAt)) {
            teams.add(STANDBY);
        }
        return teams;
    }

    static ProtectionMessageView reread(String username, ProtectionMessageView message) {
        return messages.find(protecting(username), message.id()).orElseThrow();
    }

    static void awaitStage(ProtectionMessageView message, TeamId team, EscalationStage stage) throws Exception {
        // The sweep runs every second; an escalation must fire within a minute of its deadline.
        Instant giveUp = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(giveUp)) {
            if (reread("police.hub", message).routingTo(team).stage() == stage) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(team + " of " + message.id() + " did not reach " + stage + " within a minute");
    }

    @Nested
    class RaisingAndRouting {

        @Test
        void routesThePoliceMessageToTheTeamsInvolvedWithTheChildren() {
            Family family = family();
            long logged = count(
                    hub, "select count(*) from transparency_event where event_type = ?", EventType.PROTECTION.code());

            ProtectionMessageView message =
                    messages.raise(protecting("police.hub"), domesticIncident(family, ConcernPriority.URGENT));

            assertThat(message.routings())
                    .extracting(Routing::team)
                    .containsExactlyInAnyOrderElementsOf(expectedTeams(message.raisedAt()));
            assertThat(message.routingTo(SCHOOL).agency()).isEqualTo(AgencyId.of("slc-education"));
            assertThat(message.routingTo(HEALTH_VISITING).agency()).isEqualTo(AgencyId.of("nhs-lanarkshire"));
            assertThat(message.routings()).allSatisfy(routing -> {
                assertThat(routing.acknowledged()).isFalse();
                assertThat(routing.stage()).isEqualTo(EscalationStage.NONE);
                assertThat(routing.deadline()).isAfter(message.raisedAt());
            });
            assertThat(message.senderTeam()).isEqualTo(CONCERN_HUB);
            assertThat(message.timeline())
                    .extracting(ProtectionMessageStep::kind)
                    .startsWith(ProtectionMessageStep.Kind.RAISED)
                    .filteredOn(kind -> kind == ProtectionMessageStep.Kind.DELIVERED)
                    .hasSize(message.routings().size());
            assertThat(count(
                            hub,
                            "select count(*) from transparency_event where event_type = ?",
                            EventType.PROTECTION.code()))
                    .isEqualTo(logged + 4);
            assertThat(count(hub, "select count(*) from transparency_event where event like ?", "%domestic%"))
                    .isZero();
        }

        @Test
        void givesEveryReceivingTeamAndTheSenderARelationshipWithEveryPersonNamed() {
            Family family = family();
            ProtectionMessageView message =
                    messages.raise(protecting("police.hub"), domesticIncident(family, ConcernPriority.STANDARD));

            Set<TeamId> holders = new java.util.HashSet<>(expectedTeams(message.raisedAt()));
            holders.add(CONCERN_HUB);
            for (PersonId person : family.all()) {
                List<Relationship> held = hub.bean(Relationships.class).of(person).stream()
                        .filter(relationship -> relationship.kind() == RelationshipKind.PROTECTION_MESSAGE)
                        .filter(relationship -> message.id().reference().equals(relationship.source()))
                        .toList();
                assertThat(held)
                        .extracting(relationship -> relationship.holder().team())
                        .containsExactlyInAnyOrderElementsOf(holders);
                assertThat(held)
                        .allSatisfy(
                                relationship -> assertThat(relationship.end()).isNull());
            }
            assertThat(hub.bean(Relationships.class)
                            .active(family.mark(), Username.of("teacher.blantyre"), List.of(SCHOOL), today(hub)))
                    .isTrue();
        }

        @Test
        void storesOneDeliveryForEachReceivingTeamNamingTheMessageById() {
            ProtectionMessageView message =
                    messages.raise(protecting("police.hub"), domesticIncident(family(), ConcernPriority.URGENT));

            List<Delivery> sent = hub
                    .bean(Deliveries.class)
                    .deliveriesOf(message.id().focus())
                    .stream()
                    .filter(delivery -> delivery.notification().topic().equals("protection-message-received"))
                    .toList();
            assertThat(sent)
                    .extracting(delivery -> ((Receiver.Agency) delivery.receiver()).team())
                    .containsExactlyInAnyOrderElementsOf(
                            message.routings().stream().map(Routing::team).toList())
                    .contains(CHILDREN_AND_FAMILIES, HEALTH_VISITING, SCHOOL);
            assertThat(sent).allSatisfy(delivery -> {
                assertThat(delivery.notification().topic()).isEqualTo("protection-message-received");
                assertThat(delivery.notification().sender()).isEqualTo("protection");
            });
        }

        @Test
        void refusesBadInputAndStoresNothing() {
            Family family = family();
            long before = count(hub, "select count(*) from protection_message");

            assertThatThrownBy(() -> messages.raise(
                            protecting("police.hub"),
                            new ProtectionMessageDraft(
                                    ConcernKind.CHILD,
                                    ConcernPriority.URGENT,
                                    "A concern long enough to be read by the teams.",
                                    List.of(
                                            ConcernPerson.of(family.ryan(), ConcernRole.SUBJECT),
                                            ConcernPerson.of(PersonId.random(), ConcernRole.SIBLING)))))
                    .isInstanceOf(ProtectionMessageRefused.class)
                    .hasMessageContaining("not a current person of the index");
            assertThatThrownBy(() -> new ProtectionMessageDraft(
                            ConcernKind.CHILD,
                            ConcernPriority.URGENT,
                            "A concern long enough to be read by the teams.",
                            List.of(ConcernPerson.of(family.lisa(), ConcernRole.PARENT))))
                    .isInstanceOf(ProtectionMessageRefused.class)
                    .hasMessage("name at least one subject of the concern");
            assertThatThrownBy(() -> new ProtectionMessageDraft(
                            ConcernKind.CHILD,
                            ConcernPriority.URGENT,
                            "A concern long enough to be read by the teams.",
                            List.of(
                                    ConcernPerson.of(family.ryan(), ConcernRole.SUBJECT),
                                    ConcernPerson.of(family.ryan(), ConcernRole.SIBLING))))
                    .isInstanceOf(ProtectionMessageRefused.class)
                    .hasMessageContaining("named twice");
            assertThatThrownBy(() -> new ProtectionMessageDraft(
                            ConcernKind.CHILD,
                            ConcernPriority.URGENT,
                            "Too short",
                            List.of(ConcernPerson.of(family.ryan(), ConcernRole.SUBJECT))))
                    .isInstanceOf(ProtectionMessageRefused.class)
                    .hasMessageContaining("from 20 to 4000 characters");
            assertThatThrownBy(() -> messages.raise(
                            new Requester.Staff(
                                    Username.of("housing.ek"),
                                    org.ecarehub.partnership.Purpose.CHILD_PROTECTION,
                                    "no protection duty"),
                            domesticIncident(family, ConcernPriority.URGENT)))
                    .isInstanceOf(org.ecarehub.access.AccessRefused.class);
            // A Caldicott guardian reads protection items but may not create one, under any purpose they may use.
            for (Purpose purpose : List.of(Purpose.ADMINISTRATION, Purpose.AUDIT)) {
                assertThatThrownBy(() -> messages.raise(
                                new Requester.Staff(Username.of("caldicott.slc"), purpose, "governance"),
                                domesticIncident(family, ConcernPriority.URGENT)))
                        .as(purpose.code())
                        .isInstanceOfAny(org.ecarehub.access.AccessRefused.class, ProtectionMessageRefused.class);
            }
            // Nor does an agency's system on its own under administration, though its own agency's items are its to
            // write: a concern is raised under a protection purpose.
            assertThatThrownBy(() -> messages.raise(
                            new Requester.AgencySystem(
                                    AgencyId.of("slc-social-work"),
                                    "slc-carefirst",
                                    null,
                                    Purpose.ADMINISTRATION,
                                    null),
                            domesticIncident(family, ConcernPriority.URGENT)))
                    .isInstanceOf(ProtectionMessageRefused.class)
                    .hasMessageContaining("under the child-protection or adult-protection purpose");
            assertThat(count(hub, "select count(*) from protection_message")).isEqualTo(before);
        }
    }

    @Nested
    class Reading {

        @Test
        void withholdsFromEachReceiverThePeopleItMayNotSee() {
            PersonId child = child(hub);
            PersonId mother = adult(hub);
            involve(hub, child, "sw.blantyre");
            involve(hub, child, "teacher.blantyre");
            // The mother is at a refuge: social work names her sealed, so only its own sealed-access staff see her.
            ProtectionMessageView message = messages.raise(
                    protecting("sw.blantyre"),
                    new ProtectionMessageDraft(
                            ConcernKind.CHILD,
                            ConcernPriority.STANDARD,
                            "Child disclosed at school that the family had to leave home suddenly.",
                            List.of(
                                    ConcernPerson.of(child, ConcernRole.SUBJECT),
                                    new ConcernPerson(mother, ConcernRole.PARENT, Sensitivity.SEALED))));
            assertThat(message.routings()).extracting(Routing::team).contains(SCHOOL);

            ProtectionMessageView school = reread("teacher.blantyre", message);
            ProtectionMessageView socialWork = reread("sw.blantyre", message);

            assertThat(school.people())
                    .containsExactly(
                            ConcernPersonView.seen(child, ConcernRole.SUBJECT),
                            ConcernPersonView.withheld(ConcernRole.PARENT));
            assertThat(school.concern()).contains("leave home");
            assertThat(socialWork.people())
                    .containsExactly(
                            ConcernPersonView.seen(child, ConcernRole.SUBJECT),
                            ConcernPersonView.seen(mother, ConcernRole.PARENT));
        }

        @Test
        void showsNothingToThoseItWasNotRoutedTo() {
            ProtectionMessageView message =
                    messages.raise(protecting("police.hub"), domesticIncident(family(), ConcernPriority.STANDARD));

            assertThat(messages.find(protecting("sw.airdrie"), message.id())).isEmpty();
            assertThat(messages.find(protecting("hv.blantyre"), message.id())).isPresent();
            assertThat(messages.inbox(protecting("hv.blantyre")))
                    .extracting(ProtectionMessageView::id)
                    .contains(message.id());
            assertThat(messages.inbox(protecting("sw.airdrie")))
                    .extracting(ProtectionMessageView::id)
                    .doesNotContain(message.id());
        }
    }

    @Nested
    class Acknowledging {

        @Test
        void eachReceivingTeamAcknowledgesItsOwnRouting() {
            ProtectionMessageView message =
                    messages.raise(protecting("police.hub"), domesticIncident(family(), ConcernPriority.URGENT));

            messages.acknowledge(
                    protecting("hv.blantyre"),
                    message.id(),
                    message.routingTo(HEALTH_VISITING).id());
            ProtectionMessageView acknowledged = messages.acknowledge(
                    protecting("teacher.blantyre"),
                    message.id(),
                    message.routingTo(SCHOOL).id());

            assertThat(acknowledged.routingTo(HEALTH_VISITING).acknowledgedBy()).isEqualTo(Username.of("hv.blantyre"));
            assertThat(acknowledged.routingTo(SCHOOL).acknowledgedBy()).isEqualTo(Username.of("teacher.blantyre"));
            assertThat(acknowledged.routingTo(CHILDREN_AND_FAMILIES).acknowledged())
                    .isFalse();
            assertThat(reread("police.hub", message).timeline())
                    .filteredOn(step -> step.kind() == ProtectionMessageStep.Kind.ACKNOWLEDGED)
                    .extracting(ProtectionMessageStep::by, ProtectionMessageStep::team)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(Username.of("hv.blantyre"), HEALTH_VISITING),
                            org.assertj.core.groups.Tuple.tuple(Username.of("teacher.blantyre"), SCHOOL));
            assertThatThrownBy(() -> messages.acknowledge(
                            protecting("hv.blantyre"),
                            message.id(),
                            message.routingTo(HEALTH_VISITING).id()))
                    .isInstanceOf(ProtectionMessageRefused.class)
                    .hasMessageContaining("acknowledged already");
        }

        @Test
        void refusesAnAgencyItWasNotRoutedToAndAnotherMessagesRouting() {
            ProtectionMessageView x =
                    messages.raise(protecting("police.hub"), domesticIncident(family(), ConcernPriority.URGENT));
            ProtectionMessageView y =
                    messages.raise(protecting("police.hub"), domesticIncident(family(), ConcernPriority.URGENT));

            assertThatThrownBy(() -> messages.acknowledge(
                            protecting("sw.airdrie"),
                            x.id(),
                            x.routingTo(SCHOOL).id()))
                    .isInstanceOf(ProtectionMessageForbidden.class);
            assertThatThrownBy(() -> messages.acknowledge(
                            protecting("teacher.blantyre"),
                            x.id(),
                            y.routingTo(SCHOOL).id()))
                    .isInstanceOf(ProtectionMessageForbidden.class);
            assertThatThrownBy(() -> messages.acknowledge(
                            protecting("teacher.blantyre"),
                            x.id(),
                            x.routingTo(HEALTH_VISITING).id()))
                    .isInstanceOf(ProtectionMessageForbidden.class);
            assertThatThrownBy(() -> messages.escalate(
                            protecting("sw.airdrie"),
                            x.id(),
                            x.routingTo(SCHOOL).id()))
                    .isInstanceOf(ProtectionMessageForbidden.class);
            assertThatThrownBy(() -> messages.escalate(
                            protecting("teacher.blantyre"),
                            x.id(),
                            y.routingTo(SCHOOL).id()))
                    .isInstanceOf(ProtectionMessageForbidden.class);
            assertThat(reread("police.hub", x).routings()).noneMatch(Routing::acknowledged);
            assertThat(reread("police.hub", y).routings()).noneMatch(Routing::acknowledged);
            assertThat(reread("police.hub", x).routings())
                    .allMatch(routing -> routing.stage() == EscalationStage.NONE
                            || routing.overdue(hub.bean(Clock.class).instant()));
        }
    }

    @Nested
    class Escalating {

        @Test
        void escalatesToTheTeamManagerThenTheDutyOfficerEachOnceWithinAMinute() throws Exception {
            ProtectionMessageView message =
                    messages.raise(protecting("police.hub"), domesticIncident(family(), ConcernPriority.URGENT));
            messages.acknowledge(
                    protecting("hv.blantyre"),
                    message.id(),
                    message.routingTo(HEALTH_VISITING).id());
            if (message.outOfHours()) {
                messages.acknowledge(
                        protecting("duty.sw"),
                        message.id(),
                        message.routingTo(STANDBY).id());
            }
            Routing socialWork = message.routingTo(CHILDREN_AND_FAMILIES);

            clock.advance(
                    Duration.between(clock.instant(), socialWork.deadline()).plusSeconds(1));
            awaitStage(message, CHILDREN_AND_FAMILIES, EscalationStage.TEAM_MANAGER);
            // The school has no team manager: its first escalation goes to the duty officer.
            awaitStage(message, SCHOOL, EscalationStage.DUTY_OFFICER);
            assertThat(reread("police.hub", message).routingTo(HEALTH_VISITING).stage())
                    .isEqualTo(EscalationStage.NONE);

            clock.advance(hub.bean(Partnerships.class)
                    .current()
                    .partnership()
                    .protectionMessageRouting()
                    .escalateToDutyOfficerAfter()
                    .plusSeconds(1));
            awaitStage(message, CHILDREN_AND_FAMILIES, EscalationStage.DUTY_OFFICER);
            Thread.sleep(2_500); // more sweeps, which must find nothing more to do

            ProtectionMessageView seen = reread("police.hub", message);
            List<ProtectionMessageStep> socialWorkSteps = seen.timeline().stream()
                    .filter(step -> socialWork.id().equals(step.routing()))
                    .filter(escalation())
                    .toList();
            assertThat(socialWorkSteps)
                    .extracting(ProtectionMessageStep::kind, ProtectionMessageStep::to)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(
                                    ProtectionMessageStep.Kind.ESCALATED_TO_MANAGER, Username.of("sw.manager")),
                            org.assertj.core.groups.Tuple.tuple(
                                    ProtectionMessageStep.Kind.ESCALATED_TO_DUTY_OFFICER, Username.of("duty.sw")));
            assertThat(seen.timeline().stream()
                            .filter(step -> seen.routingTo(SCHOOL).id().equals(step.routing()))
                            .filter(escalation()))
                    .hasSize(1);
            assertThat(hub.bean(Deliveries.class).deliveriesOf(message.id().focus()))
                    .filteredOn(delivery -> delivery.notification().topic().equals("protection-message-escalated"))
                    .hasSize(3);
            assertThat(count(
                            hub,
                            "select count(*) from transparency_event where event_type = ? and event like ?",
                            EventType.PROTECTION.code(),
                            "%\"escalate\"%" + message.id().reference() + "\"%"))
                    .isEqualTo(3L * 4);
            // The duty officer holds the case now, and sees the message.
            assertThat(messages.find(protecting("duty.sw"), message.id())).isPresent();
        }

        @Test
        void logsTheEscalationOfAnAdultAtRiskUnderAdultProtection() throws Exception {
            PersonId adult = adult(hub);
            involve(hub, adult, "sw.hamilton");
            Requester police = new Requester.Staff(
                    Username.of("police.hub"), Purpose.ADULT_PROTECTION, "Concern raised about an adult's safety");
            ProtectionMessageView message = messages.raise(
                    police,
                    new ProtectionMessageDraft(
                            ConcernKind.ADULT,
                            ConcernPriority.URGENT,
                            "Officers found the adult without food or heating and unable to ask for help.",
                            List.of(ConcernPerson.of(adult, ConcernRole.SUBJECT))));
            Routing adultCare = message.routingTo(TeamId.of("adult-care-hamilton"));

            clock.advance(
                    Duration.between(clock.instant(), adultCare.deadline()).plusSeconds(1));
            Instant giveUp = Instant.now().plusSeconds(60);
            while (messages.find(police, message.id())
                            .orElseThrow()
                            .routingTo(adultCare.team())
                            .stage()
                    == EscalationStage.NONE) {
                assertThat(Instant.now()).as("escalated within a minute").isBefore(giveUp);
                Thread.sleep(200);
            }

            String escalations = "select count(*) from transparency_event where event_type = ? and event like ?"
                    + " and event like ?";
            assertThat(count(
                            hub,
                            escalations,
                            EventType.PROTECTION.code(),
                            "%\"escalate\"%" + message.id().reference() + "\"%",
                            "%\"adult-protection\"%"))
                    .isPositive();
            assertThat(count(
                            hub,
                            escalations,
                            EventType.PROTECTION.code(),
                            "%\"escalate\"%" + message.id().reference() + "\"%",
                            "%\"child-protection\"%"))
                    .isZero();
        }

        private Predicate<ProtectionMessageStep> escalation() {
            return step -> step.kind() == ProtectionMessageStep.Kind.ESCALATED_TO_MANAGER
                    || step.kind() == ProtectionMessageStep.Kind.ESCALATED_TO_DUTY_OFFICER;
        }
    }

    @Nested
    class RepliesOutcomesAndClosing {

        @Test
        void recordsRepliesAndTheOutcomeThenClosesTheCaseAndEndsItsRelationships() {
            Family family = family();
            ProtectionMessageView message =
                    messages.raise(protecting("police.hub"), domesticIncident(family, ConcernPriority.STANDARD));

            messages.reply(protecting("hv.blantyre"), message.id(), "Visited today; both children seen and well.");
            assertThatThrownBy(() -> messages.recordOutcome(
                            protecting("sw.blantyre"), message.id(), ConcernOutcome.NO_FURTHER_ACTION, " "))
                    .isInstanceOf(ProtectionMessageRefused.class)
                    .hasMessage("no further action needs a reason");
            assertThatThrownBy(() -> messages.close(protecting("sw.blantyre"), message.id()))
                    .isInstanceOf(ProtectionMessageRefused.class)
                    .hasMessageContaining("record the outcome");
            messages.recordOutcome(
                    protecting("sw.blantyre"), message.id(), ConcernOutcome.INTER_AGENCY_REFERRAL_DISCUSSION, null);
            ProtectionMessageView closed = messages.close(protecting("sw.blantyre"), message.id());

            assertThat(closed.outcome()).isEqualTo(ConcernOutcome.INTER_AGENCY_REFERRAL_DISCUSSION);
            assertThat(closed.closedAt()).isNotNull();
            assertThat(closed.timeline())
                    .extracting(ProtectionMessageStep::kind)
                    .containsSubsequence(
                            ProtectionMessageStep.Kind.RAISED,
                            ProtectionMessageStep.Kind.REPLIED,
                            ProtectionMessageStep.Kind.OUTCOME,
                            ProtectionMessageStep.Kind.CLOSED);
            assertThat(closed.timeline())
                    .filteredOn(step -> step.kind() == ProtectionMessageStep.Kind.REPLIED)
                    .singleElement()
                    .satisfies(step -> {
                        assertThat(step.by()).isEqualTo(Username.of("hv.blantyre"));
                        assertThat(step.text()).isEqualTo("Visited today; both children seen and well.");
                    });
            for (PersonId person : family.all()) {
                assertThat(hub.bean(Relationships.class).of(person))
                        .filteredOn(relationship -> message.id().reference().equals(relationship.source()))
                        .isNotEmpty()
                        .allSatisfy(
                                relationship -> assertThat(relationship.end()).isEqualTo(today(hub)));
            }
            assertThatThrownBy(() -> messages.reply(protecting("hv.blantyre"), message.id(), "After closing"))
                    .isInstanceOf(ProtectionMessageRefused.class)
                    .hasMessageContaining("is closed");
            assertThat(count(hub, "select count(*) from transparency_event where event like ?", "%children seen%"))
                    .isZero();
        }
    }

    @Nested
    class PersonPosingRisk {

        @Test
        void aRepresentativeNamedAsPosingRiskSeesNothingOfTheChild() {
            Family family = family();
            Representatives representatives = hub.bean(Representatives.class);
            RepresentativeAuthority authority = representatives.record(
                    new AuthorityDraft(
                            family.ryan(),
                            family.mark(),
                            Authority.Kind.PARENTAL_RESPONSIBILITY,
                            null,
                            Set.of(),
                            today(hub).minusDays(1),
                            null),
                    ProtectionFixtures.actor(hub, "sw.blantyre"));
            representatives.verify(authority.id(), ProtectionFixtures.actor(hub, "sw.blantyre"));
            Requester.Portal mark = new Requester.Portal("mark.portal", family.mark());
            AccessItem demographics = new AccessItem(
                    "record-item-demographics",
                    Category.DEMOGRAPHICS,
                    Sensitivity.NORMAL,
                    AgencyId.of("slc-social-work"));
            AccessDecisions decisions = hub.bean(AccessDecisions.class);
            assertThat(decisions
                            .decide(mark, Action.READ, family.ryan(), List.of(demographics))
                            .get(0)
                            .allowed())
                    .isTrue();

            ProtectionMessageView raised =
                    messages.raise(protecting("police.hub"), domesticIncident(family, ConcernPriority.URGENT));

            AccessDecision after = decisions
                    .decide(mark, Action.READ, family.ryan(), List.of(demographics))
                    .get(0);
            assertThat(after.allowed()).isFalse();
            assertThat(after.decidingRules()).containsExactly("p3-not-posing-risk");
            assertThat(hub.bean(org.ecarehub.access.PosingRiskRegister.class)
                            .namedAsPosingRisk(family.lisa(), family.ryan()))
                    .isFalse();

            messages.recordOutcome(
                    protecting("sw.blantyre"), raised.id(), ConcernOutcome.NO_FURTHER_ACTION, "Family supported");
            messages.close(protecting("sw.blantyre"), raised.id());

            AccessDecision afterClosing = decisions
                    .decide(mark, Action.READ, family.ryan(), List.of(demographics))
                    .get(0);
            assertThat(afterClosing.allowed())
                    .as("closing the case does not make the child safe from him")
                    .isFalse();
            assertThat(afterClosing.decidingRules()).containsExactly("p3-not-posing-risk");
        }
    }

    static List<Holder> holders(PersonId person) {
        return new ArrayList<>(hub.bean(Relationships.class).of(person).stream()
                .map(Relationship::holder)
                .toList());
    }
}
