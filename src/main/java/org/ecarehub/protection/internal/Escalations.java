package org.ecarehub.protection.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ecarehub.access.Holder;
import org.ecarehub.access.RelationshipDraft;
import org.ecarehub.access.RelationshipKind;
import org.ecarehub.access.Relationships;
import org.ecarehub.messaging.Deliveries;
import org.ecarehub.messaging.JobLeases;
import org.ecarehub.messaging.Notification;
import org.ecarehub.messaging.Receiver;
import org.ecarehub.partnership.ConcernKind;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.partnership.ProtectionMessageRouting;
import org.ecarehub.partnership.StaffAccount;
import org.ecarehub.person.Actor;
import org.ecarehub.protection.ConcernOutcome;
import org.ecarehub.protection.ConcernRole;
import org.ecarehub.protection.EscalationStage;
import org.ecarehub.protection.ProtectionMessageEscalated;
import org.ecarehub.protection.ProtectionMessageId;
import org.ecarehub.protection.ProtectionMessageStep;
import org.ecarehub.protection.Routing;
import org.ecarehub.protection.RoutingId;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Escalation of unacknowledged routings: past its deadline to the receiving team's manager (a member holding one of
 * the routing's manager roles; the duty officer at once when the team has none), then, the file's further time later,
 * to the partnership's duty officer. A sweep every few seconds on each node, run by one node at a time through a job
 * lease; each escalation moves the routing's stage up by a conditional update in its own transaction, so a stage is
 * reached once, whichever node and however many sweeps.
 */
@Component
class Escalations {

    static final String JOB = "protection-message-escalation";
    static final String TOPIC_ESCALATED = "protection-message-escalated";

    private static final Logger log = LoggerFactory.getLogger(Escalations.class);

    private final JdbcClient jdbc;
    private final Partnerships partnerships;
    private final Relationships relationships;
    private final Deliveries deliveries;
    private final ProtectionJournal journal;
    private final JobLeases leases;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Escalations(
            JdbcClient jdbc,
            Partnerships partnerships,
            Relationships relationships,
            Deliveries deliveries,
            ProtectionJournal journal,
            JobLeases leases,
            TransactionTemplate transactions,
            Clock clock) {
        this.jdbc = jdbc;
        this.partnerships = partnerships;
        this.relationships = relationships;
        this.deliveries = deliveries;
        this.journal = journal;
        this.leases = leases;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(
            initialDelayString = "${ecare.protection.escalation-check:PT5S}",
            fixedDelayString = "${ecare.protection.escalation-check:PT5S}")
    void sweepOnce() {
        if (partnerships.current().version() == 0) {
            return;
        }
        try {
            leases.runExclusively(JOB, Duration.ofMinutes(5), this::sweep);
        } catch (RuntimeException e) {
            // The next sweep tries again; the routings stay due until a sweep escalates them.
            log.warn("Protection message escalation sweep failed: {}", e.toString());
        }
    }

    /** Escalates every routing due now, each in its own transaction; returns how many it escalated. */
    int sweep() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Duration further =
                partnerships.current().partnership().protectionMessageRouting().escalateToDutyOfficerAfter();
        List<Long> due = jdbc.sql("select r.id from protection_message_routing r join protection_message m"
                        + " on m.id = r.message_id where m.closed_at is null and r.acknowledged_at is null and"
                        + " ((r.escalation_stage = 0 and r.deadline <= ?)"
                        + " or (r.escalation_stage = 1 and r.manager_escalated_at <= ?)) order by r.id")
                .params(MessageRows.timestamp(now), MessageRows.timestamp(now.minus(further)))
                .query(Long.class)
                .list();
        int escalated = 0;
        for (Long id : due) {
            Boolean done = transactions.execute(status ->
                    escalate(new RoutingId(id), now, Actor.hub("protection message escalation"), null, false));
            if (Boolean.TRUE.equals(done)) {
                escalated++;
            }
        }
        if (escalated > 0) {
            log.info("Escalated {} unacknowledged protection message routings", escalated);
        }
        return escalated;
    }

    /** Whether a message is open, and its kind. */
    private record MessageState(boolean open, ConcernKind kind) {}

    /**
     * Moves the routing one stage up, inside the caller's transaction: the timeline, the duty officer's relationship,
     * a delivery and one log event a person named. Returns false when it is not (or no longer) due, unless asked by
     * hand.
     *
     * @param purpose the purpose the escalation is logged under, or null for the purpose of the message's kind
     */
    boolean escalate(RoutingId routingId, Instant now, Actor actor, String purpose, boolean byHand) {
        Optional<MessageRows.StoredRouting> found = jdbc.sql(MessageRows.ROUTING + " where id = ? for update")
                .param(routingId.value())
                .query(MessageRows::routing)
                .optional();
        if (found.isEmpty()) {
            return false;
        }
        Routing routing = found.get().routing();
        ProtectionMessageId message = found.get().message();
        Partnership partnership = partnerships.current().partnership();
        ProtectionMessageRouting rules = partnership.protectionMessageRouting();
        MessageState state = jdbc.sql("select closed_at is null, kind from protection_message where id = ?")
                .param(message.value())
                .query((row, number) -> new MessageState(
                        row.getBoolean(1),
                        ConcernKind.fromCode(row.getString(2)).orElseThrow()))
                .single();
        if (purpose == null) {
            // The sweep works each concern under its own kind's purpose: an adult's under adult-protection.
            purpose = state.kind().purpose().code();
        }
        boolean open = state.open();
        if (!open || routing.acknowledged() || routing.stage() == EscalationStage.DUTY_OFFICER) {
            return false;
        }
        if (!byHand) {
            boolean due = routing.stage() == EscalationStage.NONE
                    ? !now.isBefore(routing.deadline())
                    : !now.isBefore(found.get().managerEscalatedAt().plus(rules.escalateToDutyOfficerAfter()));
            if (!due) {
                return false;
            }
        }
        Optional<StaffAccount> manager = routing.stage() == EscalationStage.NONE
                ? partnership.membersOf(routing.team()).stream()
                        .filter(partnership::isActiveMember)
                        .filter(member -> member.roles().stream().anyMatch(rules.managerRoles()::contains))
                        .findFirst()
                : Optional.empty();
        EscalationStage next = manager.isPresent() ? EscalationStage.TEAM_MANAGER : EscalationStage.DUTY_OFFICER;
        int updated = jdbc.sql("update protection_message_routing set escalation_stage = ?,"
                        + (next == EscalationStage.TEAM_MANAGER ? " manager_escalated_at" : " duty_escalated_at")
                        + " = ? where id = ? and escalation_stage = ? and acknowledged_at is null")
                .params(
                        next.number(),
                        MessageRows.timestamp(now),
                        routingId.value(),
                        routing.stage().number())
                .update();
        if (updated != 1) {
            return false;
        }
        List<PersonId> people =
                jdbc.sql(MessageRows.PERSON).param(message.value()).query(MessageRows::named).list().stream()
                        .map(MessageRows.Named::person)
                        .toList();
        Username to;
        Receiver receiver;
        if (next == EscalationStage.TEAM_MANAGER) {
            to = manager.get().username();
            receiver = Receiver.team(routing.agency(), routing.team());
        } else {
            to = partnership.governance().dutyOfficer();
            StaffAccount officer = partnership.staff(to).orElseThrow();
            receiver = officer.teams().isEmpty()
                    ? Receiver.agency(officer.agency())
                    : Receiver.team(officer.agency(), officer.teams().get(0));
            startDutyOfficerRelationships(message, people, to, now, actor);
        }
        step(
                jdbc,
                message,
                now,
                next == EscalationStage.TEAM_MANAGER
                        ? ProtectionMessageStep.Kind.ESCALATED_TO_MANAGER
                        : ProtectionMessageStep.Kind.ESCALATED_TO_DUTY_OFFICER,
                routingId,
                "hub".equals(actor.kind()) ? null : Username.of(actor.account()),
                actor.agency(),
                routing.team(),
                to,
                null,
                null);
        PersonId subject = jdbc
                .sql("select person_id from protection_message_person where message_id = ? and role = ?"
                        + " order by position")
                .params(message.value(), ConcernRole.SUBJECT.code())
                .query(String.class)
                .list()
                .stream()
                .findFirst()
                .map(PersonId::of)
                .orElse(null);
        deliveries.send(
                new Notification(TOPIC_ESCALATED, message.focus(), subject, StoredProtectionMessages.SENDER),
                List.of(receiver));
        journal.record(
                "escalate",
                List.of(
                        message.reference(),
                        routingId.reference(),
                        "team:" + routing.team().value(),
                        "stage:"
                                + next.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                        "to:" + to.value()),
                null,
                people,
                actor,
                purpose,
                now,
                new ProtectionMessageEscalated(message, routingId, routing.team(), next, to, now));
        return true;
    }

    /** The duty officer holds the case from the escalation, as a receiving team does, until it is closed. */
    private void startDutyOfficerRelationships(
            ProtectionMessageId message, List<PersonId> people, Username officer, Instant now, Actor actor) {
        LocalDate today = day(now);
        List<RelationshipDraft> drafts = new ArrayList<>();
        for (PersonId person : people) {
            boolean holds = relationships.of(person).stream()
                    .anyMatch(relationship -> relationship.kind() == RelationshipKind.PROTECTION_MESSAGE
                            && message.reference().equals(relationship.source())
                            && Holder.staff(officer).equals(relationship.holder())
                            && relationship.end() == null);
            if (!holds) {
                drafts.add(StoredProtectionMessages.relationship(person, Holder.staff(officer), today, message));
            }
        }
        if (!drafts.isEmpty()) {
            relationships.startAll(drafts, actor);
        }
    }

    static final String STEP_INSERT = "insert into protection_message_step (message_id, at, kind, routing_id, by_user,"
            + " by_agency, team, to_user, outcome, text) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    static void step(
            JdbcClient jdbc,
            ProtectionMessageId id,
            Instant at,
            ProtectionMessageStep.Kind kind,
            RoutingId routing,
            Username by,
            AgencyId agency,
            TeamId team,
            Username to,
            ConcernOutcome outcome,
            String text) {
        jdbc.sql(STEP_INSERT)
                .params(stepRow(id, at, kind, routing, by, agency, team, to, outcome, text))
                .update();
    }

    /** A step's row for {@link #STEP_INSERT}, for a caller that inserts several in one batch. */
    static Object[] stepRow(
            ProtectionMessageId id,
            Instant at,
            ProtectionMessageStep.Kind kind,
            RoutingId routing,
            Username by,
            AgencyId agency,
            TeamId team,
            Username to,
            ConcernOutcome outcome,
            String text) {
        return new Object[] {
            id.value(),
            MessageRows.timestamp(at),
            kind.code(),
            routing == null ? null : routing.value(),
            by == null ? null : by.value(),
            agency == null ? null : agency.value(),
            team == null ? null : team.value(),
            to == null ? null : to.value(),
            outcome == null ? null : outcome.code(),
            text
        };
    }

    static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ProtectionMessageRouting.ZONE);
    }
}
