package org.ecarehub.protection.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.ecarehub.partnership.ConcernKind;
import org.ecarehub.partnership.ConcernPriority;
import org.ecarehub.protection.ConcernOutcome;
import org.ecarehub.protection.ConcernPersonView;
import org.ecarehub.protection.ConcernRole;
import org.ecarehub.protection.EscalationStage;
import org.ecarehub.protection.ProtectionMessageId;
import org.ecarehub.protection.ProtectionMessageStep;
import org.ecarehub.protection.ProtectionMessageStep.Kind;
import org.ecarehub.protection.ProtectionMessageView;
import org.ecarehub.protection.Routing;
import org.ecarehub.protection.RoutingId;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;
import org.junit.jupiter.api.Test;

class MessageVersionsTests {

    static final Instant RAISED = Instant.parse("2026-03-02T02:00:00Z");
    static final RoutingId SOCIAL_WORK = new RoutingId(7);
    static final RoutingId SCHOOL = new RoutingId(8);
    static final AgencyId COUNCIL = AgencyId.of("slc-social-work");
    static final TeamId CHILDREN_AND_FAMILIES = TeamId.of("children-families-blantyre");
    static final TeamId SCHOOL_TEAM = TeamId.of("blantyre-primary");
    static final Username SOCIAL_WORKER = Username.of("sw.blantyre");

    static Instant at(int minutes) {
        return RAISED.plusSeconds(60L * minutes);
    }

    static ProtectionMessageStep step(int minutes, Kind kind, RoutingId routing, Username by) {
        return new ProtectionMessageStep(at(minutes), kind, routing, by, COUNCIL, null, null, null, null);
    }

    /**
     * Raised to social work and the school, escalated to social work's manager, acknowledged by social work, replied
     * to, given an outcome and closed: ten steps.
     */
    static ProtectionMessageView closedCase() {
        List<ProtectionMessageStep> timeline = List.of(
                step(0, Kind.RAISED, null, Username.of("police.hub")),
                step(0, Kind.DELIVERED, SOCIAL_WORK, null),
                step(0, Kind.DELIVERED, SCHOOL, null),
                step(60, Kind.ESCALATED_TO_MANAGER, SOCIAL_WORK, null),
                step(70, Kind.ACKNOWLEDGED, SOCIAL_WORK, SOCIAL_WORKER),
                new ProtectionMessageStep(
                        at(80), Kind.REPLIED, null, SOCIAL_WORKER, COUNCIL, CHILDREN_AND_FAMILIES, null, null, "Seen"),
                new ProtectionMessageStep(
                        at(90),
                        Kind.OUTCOME,
                        null,
                        SOCIAL_WORKER,
                        COUNCIL,
                        CHILDREN_AND_FAMILIES,
                        null,
                        ConcernOutcome.NO_FURTHER_ACTION,
                        "Family moved away"),
                step(100, Kind.CLOSED, null, SOCIAL_WORKER));
        return new ProtectionMessageView(
                new ProtectionMessageId(12),
                ConcernKind.CHILD,
                ConcernPriority.URGENT,
                "The child was present at an incident",
                RAISED,
                true,
                Username.of("police.hub"),
                AgencyId.of("police-scotland"),
                null,
                List.of(ConcernPersonView.seen(PersonId.of("p-1"), ConcernRole.SUBJECT)),
                List.of(
                        new Routing(
                                SOCIAL_WORK,
                                COUNCIL,
                                CHILDREN_AND_FAMILIES,
                                true,
                                at(30),
                                at(70),
                                SOCIAL_WORKER,
                                EscalationStage.TEAM_MANAGER),
                        new Routing(SCHOOL, COUNCIL, SCHOOL_TEAM, true, at(30), null, null, EscalationStage.NONE)),
                ConcernOutcome.NO_FURTHER_ACTION,
                "Family moved away",
                at(100),
                timeline);
    }

    static Routing routing(ProtectionMessageView view, RoutingId id) {
        return view.routings().stream()
                .filter(routing -> routing.id().equals(id))
                .findFirst()
                .orElse(null);
    }

    @Test
    void makesOneVersionAStepOfTheTimelineTheLastTheMessageAsRead() {
        ProtectionMessageView latest = closedCase();

        List<ProtectionMessageView> versions = MessageVersions.of(latest);

        assertThat(versions).hasSize(8);
        assertThat(versions).extracting(view -> view.timeline().size()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(versions.get(7)).isSameAs(latest);
    }

    @Test
    void showsEachRoutingFromItsDeliveryWithItsStageAndAcknowledgementAsOfEachVersion() {
        List<ProtectionMessageView> versions = MessageVersions.of(closedCase());

        assertThat(versions.get(0).routings()).isEmpty();
        assertThat(versions.get(1).routings()).extracting(Routing::id).containsExactly(SOCIAL_WORK);
        assertThat(versions.get(2).routings()).extracting(Routing::id).containsExactly(SOCIAL_WORK, SCHOOL);
        assertThat(routing(versions.get(2), SOCIAL_WORK).stage()).isEqualTo(EscalationStage.NONE);
        assertThat(routing(versions.get(3), SOCIAL_WORK).stage()).isEqualTo(EscalationStage.TEAM_MANAGER);
        assertThat(routing(versions.get(3), SOCIAL_WORK).acknowledged()).isFalse();
        Routing acknowledged = routing(versions.get(4), SOCIAL_WORK);
        assertThat(acknowledged.acknowledgedAt()).isEqualTo(at(70));
        assertThat(acknowledged.acknowledgedBy()).isEqualTo(SOCIAL_WORKER);
        assertThat(acknowledged.stage()).isEqualTo(EscalationStage.TEAM_MANAGER);
        assertThat(routing(versions.get(6), SCHOOL).acknowledged()).isFalse();
        assertThat(routing(versions.get(6), SCHOOL).deadline()).isEqualTo(at(30));
    }

    @Test
    void givesTheOutcomeAndTheClosingOnlyFromTheStepsThatMadeThem() {
        List<ProtectionMessageView> versions = MessageVersions.of(closedCase());

        assertThat(versions.get(5).outcome()).isNull();
        assertThat(versions.get(5).open()).isTrue();
        assertThat(versions.get(6).outcome()).isEqualTo(ConcernOutcome.NO_FURTHER_ACTION);
        assertThat(versions.get(6).outcomeReason()).isEqualTo("Family moved away");
        assertThat(versions.get(6).open()).isTrue();
        assertThat(versions.get(7).open()).isFalse();
    }
}
