package org.ecarehub.protection.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ecarehub.protection.ConcernOutcome;
import org.ecarehub.protection.EscalationStage;
import org.ecarehub.protection.ProtectionMessageStep;
import org.ecarehub.protection.ProtectionMessageView;
import org.ecarehub.protection.Routing;
import org.ecarehub.shared.Username;

/**
 * A message's versions, rebuilt from its timeline: every change to a message or its routings is a step of the timeline,
 * stored once and never changed, so the message as it stood after step N is what the first N steps say.
 */
final class MessageVersions {

    private MessageVersions() {}

    /** The message after each step of its timeline, the first first; the last is the message as read. */
    static List<ProtectionMessageView> of(ProtectionMessageView latest) {
        List<ProtectionMessageStep> timeline = latest.timeline();
        List<ProtectionMessageView> versions = new ArrayList<>();
        for (int steps = 1; steps < timeline.size(); steps++) {
            versions.add(after(latest, timeline.subList(0, steps)));
        }
        versions.add(latest);
        return List.copyOf(versions);
    }

    private static ProtectionMessageView after(ProtectionMessageView latest, List<ProtectionMessageStep> steps) {
        List<Routing> routings = new ArrayList<>();
        for (Routing routing : latest.routings()) {
            // A routing is part of the message from its delivery; one stored without a delivery step, from the start.
            if (delivered(latest.timeline(), routing) && !delivered(steps, routing)) {
                continue;
            }
            routings.add(asAfter(routing, steps));
        }
        ConcernOutcome outcome = null;
        String outcomeReason = null;
        Instant closedAt = null;
        for (ProtectionMessageStep step : steps) {
            if (step.kind() == ProtectionMessageStep.Kind.OUTCOME) {
                outcome = step.outcome();
                outcomeReason = step.text();
            } else if (step.kind() == ProtectionMessageStep.Kind.CLOSED) {
                closedAt = step.at();
            }
        }
        return new ProtectionMessageView(
                latest.id(),
                latest.kind(),
                latest.priority(),
                latest.concern(),
                latest.raisedAt(),
                latest.outOfHours(),
                latest.sentBy(),
                latest.senderAgency(),
                latest.senderTeam(),
                latest.people(),
                routings,
                outcome,
                outcomeReason,
                closedAt,
                steps);
    }

    private static boolean delivered(List<ProtectionMessageStep> steps, Routing routing) {
        return steps.stream()
                .anyMatch(step -> step.kind() == ProtectionMessageStep.Kind.DELIVERED
                        && routing.id().equals(step.routing()));
    }

    private static Routing asAfter(Routing routing, List<ProtectionMessageStep> steps) {
        Instant acknowledgedAt = null;
        Username acknowledgedBy = null;
        EscalationStage stage = EscalationStage.NONE;
        for (ProtectionMessageStep step : steps) {
            if (!routing.id().equals(step.routing())) {
                continue;
            }
            switch (step.kind()) {
                case ACKNOWLEDGED -> {
                    acknowledgedAt = step.at();
                    acknowledgedBy = step.by();
                }
                case ESCALATED_TO_MANAGER -> stage = EscalationStage.TEAM_MANAGER;
                case ESCALATED_TO_DUTY_OFFICER -> stage = EscalationStage.DUTY_OFFICER;
                default -> {
                    // Delivery starts the routing; the other steps are the message's, not the routing's.
                }
            }
        }
        return new Routing(
                routing.id(),
                routing.agency(),
                routing.team(),
                routing.outOfHours(),
                routing.deadline(),
                acknowledgedAt,
                acknowledgedBy,
                stage);
    }
}
