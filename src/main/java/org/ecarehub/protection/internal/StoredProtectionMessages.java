package org.ecarehub.protection.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ecarehub.access.AccessDecision;
import org.ecarehub.access.AccessDecisions;
import org.ecarehub.access.AccessItem;
import org.ecarehub.access.AccessRefused;
import org.ecarehub.access.Holder;
import org.ecarehub.access.Relationship;
import org.ecarehub.access.RelationshipDraft;
import org.ecarehub.access.RelationshipKind;
import org.ecarehub.access.Relationships;
import org.ecarehub.access.Requester;
import org.ecarehub.messaging.Deliveries;
import org.ecarehub.messaging.Notification;
import org.ecarehub.messaging.Receiver;
import org.ecarehub.partnership.Action;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.PartnershipSnapshot;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.partnership.ProtectionMessageRouting;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.partnership.StaffAccount;
import org.ecarehub.person.Actor;
import org.ecarehub.person.PersonIndex;
import org.ecarehub.protection.ConcernOutcome;
import org.ecarehub.protection.ConcernPerson;
import org.ecarehub.protection.ConcernPersonView;
import org.ecarehub.protection.ConcernRole;
import org.ecarehub.protection.EscalationStage;
import org.ecarehub.protection.ProtectionMessageAcknowledged;
import org.ecarehub.protection.ProtectionMessageClosed;
import org.ecarehub.protection.ProtectionMessageDraft;
import org.ecarehub.protection.ProtectionMessageForbidden;
import org.ecarehub.protection.ProtectionMessageId;
import org.ecarehub.protection.ProtectionMessageRaised;
import org.ecarehub.protection.ProtectionMessageRefused;
import org.ecarehub.protection.ProtectionMessageStep;
import org.ecarehub.protection.ProtectionMessageView;
import org.ecarehub.protection.ProtectionMessages;
import org.ecarehub.protection.Routing;
import org.ecarehub.protection.RoutingId;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.BatchInserts;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Placeholders;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Protection messages over the {@code protection_message} tables. A write loads the message under its row lock,
 * checks that the caller is a party to it (else {@link ProtectionMessageForbidden}), asks the decision about each
 * subject, stores the step, and logs, delivers and publishes it, all in one transaction.
 */
@Service
class StoredProtectionMessages implements ProtectionMessages {

    static final String TOPIC_RECEIVED = "protection-message-received";
    static final String SENDER = "protection";
    static final int LONGEST_TEXT = 4000;

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final AccessDecisions decisions;
    private final Relationships relationships;
    private final Partnerships partnerships;
    private final PersonIndex index;
    private final Deliveries deliveries;
    private final ProtectionJournal journal;
    private final Escalations escalations;
    private final Clock clock;

    StoredProtectionMessages(
            JdbcClient jdbc,
            JdbcTemplate batches,
            AccessDecisions decisions,
            Relationships relationships,
            Partnerships partnerships,
            PersonIndex index,
            Deliveries deliveries,
            ProtectionJournal journal,
            Escalations escalations,
            Clock clock) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.decisions = decisions;
        this.relationships = relationships;
        this.partnerships = partnerships;
        this.index = index;
        this.deliveries = deliveries;
        this.journal = journal;
        this.escalations = escalations;
        this.clock = clock;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Raising

    @Override
    @Transactional
    public ProtectionMessageView raise(Requester requester, ProtectionMessageDraft draft) {
        if (draft == null) {
            throw new ProtectionMessageRefused("there is no protection message to raise");
        }
        PartnershipSnapshot snapshot = partnerships.current();
        Partnership partnership = snapshot.partnership();
        Acting acting = Acting.of(requester, partnership, snapshot.version());
        // A concern is raised under a protection purpose, whoever raises it: the decision's rules would let an agency's
        // system on its own create "its own agency's" items under administration, which is no basis for a concern.
        if (acting.purpose() != Purpose.CHILD_PROTECTION && acting.purpose() != Purpose.ADULT_PROTECTION) {
            throw new ProtectionMessageRefused(
                    "a protection message is raised under the child-protection or adult-protection purpose, not "
                            + acting.purpose().code());
        }
        for (ConcernPerson named : draft.people()) {
            Optional<PersonId> now = index.personNow(named.person());
            if (now.isEmpty() || !now.get().equals(named.person())) {
                throw new ProtectionMessageRefused(
                        "a person named as " + named.role().code() + " is not a current person of the index");
            }
        }
        Instant now = now();
        LocalDate today = Escalations.day(now);
        List<PersonId> subjects = draft.people().stream()
                .filter(named -> named.role() == ConcernRole.SUBJECT)
                .map(ConcernPerson::person)
                .toList();
        Set<TeamId> involved = new LinkedHashSet<>();
        for (PersonId subject : subjects) {
            for (Relationship relationship : relationships.of(subject)) {
                if (!relationship.activeOn(today)) {
                    continue;
                }
                if (relationship.holder().team() != null) {
                    involved.add(relationship.holder().team());
                } else {
                    partnership
                            .staff(relationship.holder().user())
                            .filter(partnership::isActiveMember)
                            .ifPresent(account -> involved.addAll(account.teams()));
                }
            }
        }
        TeamId senderTeam = acting.team();
        List<Routes.Route> routes = Routes.plan(partnership, draft.kind(), involved, senderTeam, now);
        if (routes.isEmpty()) {
            throw new ProtectionMessageRefused("no team of the partnership would receive this concern: the"
                    + " partnership file's protection-message-routing names none for a "
                    + draft.kind().code()
                    + " concern and no receiving team is involved with the subjects");
        }
        ProtectionMessageRouting routing = partnership.protectionMessageRouting();
        ProtectionMessageId id = insert(draft, acting, senderTeam, now, !routing.inOfficeHours(now));
        List<Object[]> personRows = new ArrayList<>();
        for (ConcernPerson person : draft.people()) {
            personRows.add(new Object[] {
                id.value(),
                person.person().value(),
                person.role().code(),
                person.sensitivity().name(),
                personRows.size()
            });
        }
        BatchInserts.all(
                batches,
                "insert into protection_message_person (message_id, person_id, role, sensitivity, position)"
                        + " values (?, ?, ?, ?, ?)",
                personRows);
        List<PersonId> people =
                draft.people().stream().map(ConcernPerson::person).toList();
        // The sender's side holds the case too, so that it can follow its message; the decision below then finds
        // the relationship that raising a concern creates.
        List<RelationshipDraft> drafts = new ArrayList<>();
        Holder senderHolder = senderTeam != null
                ? Holder.team(senderTeam)
                : acting.user() != null ? Holder.staff(acting.user()) : null;
        for (PersonId person : people) {
            if (senderHolder != null) {
                drafts.add(relationship(person, senderHolder, today, id));
            }
            for (Routes.Route route : routes) {
                drafts.add(relationship(person, Holder.team(route.team().id()), today, id));
            }
        }
        relationships.startAll(drafts, acting.actor());
        List<AccessDecision> decided = new ArrayList<>();
        for (ConcernPerson named : draft.people()) {
            AccessDecision decision = decisions
                    .decide(requester, Action.CREATE, named.person(), List.of(item(id, acting.agency(), named)))
                    .get(0);
            if (!decision.allowed()) {
                throw new AccessRefused(decision);
            }
            decided.add(decision);
        }
        // The routings in one batch that returns their ids, then the message's first steps in another: a message goes
        // to five teams or more, and each insert alone was a round trip in the sender's transaction.
        List<RoutingId> routingIds = insertRoutings(id, routes, routing, draft, now);
        List<Object[]> steps = new ArrayList<>();
        steps.add(Escalations.stepRow(
                id,
                now,
                ProtectionMessageStep.Kind.RAISED,
                null,
                acting.user(),
                acting.agency(),
                senderTeam,
                null,
                null,
                null));
        List<Receiver> receivers = new ArrayList<>();
        List<String> items = new ArrayList<>(List.of(
                id.reference(),
                "kind:" + draft.kind().code(),
                "priority:" + draft.priority().code()));
        for (int i = 0; i < routes.size(); i++) {
            Routes.Route route = routes.get(i);
            receivers.add(Receiver.team(route.team().agency(), route.team().id()));
            steps.add(Escalations.stepRow(
                    id,
                    now,
                    ProtectionMessageStep.Kind.DELIVERED,
                    routingIds.get(i),
                    null,
                    null,
                    route.team().id(),
                    null,
                    null,
                    null));
            items.add("team:" + route.team().id().value());
        }
        BatchInserts.all(batches, Escalations.STEP_INSERT, steps);
        deliveries.send(new Notification(TOPIC_RECEIVED, id.focus(), subjects.get(0), SENDER), receivers);
        journal.record(
                "raise",
                items,
                null,
                people,
                acting.actor(),
                acting.purpose().code(),
                now,
                new ProtectionMessageRaised(
                        id,
                        acting.agency(),
                        people,
                        routes.stream().map(route -> route.team().id()).toList(),
                        now));
        return view(load(id, false).orElseThrow(), acting, requester, false);
    }

    private List<RoutingId> insertRoutings(
            ProtectionMessageId id,
            List<Routes.Route> routes,
            ProtectionMessageRouting routing,
            ProtectionMessageDraft draft,
            Instant now) {
        List<Object[]> rows = new ArrayList<>();
        for (Routes.Route route : routes) {
            rows.add(new Object[] {
                id.value(),
                route.team().agency().value(),
                route.team().id().value(),
                route.outOfHours(),
                MessageRows.timestamp(routing.deadline(now, draft.priority(), route.outOfHours()))
            });
        }
        return BatchInserts.returningIds(
                        batches,
                        "insert into protection_message_routing (message_id, agency, team, out_of_hours, deadline,"
                                + " escalation_stage) values (?, ?, ?, ?, ?, 0)",
                        rows)
                .stream()
                .map(RoutingId::new)
                .toList();
    }

    private ProtectionMessageId insert(
            ProtectionMessageDraft draft, Acting acting, TeamId senderTeam, Instant now, boolean outOfHours) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into protection_message (kind, priority, concern, sender_user, sender_agency, sender_team,"
                        + " raised_at, out_of_hours) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        draft.kind().code(),
                        draft.priority().code(),
                        draft.concern(),
                        acting.user() == null ? null : acting.user().value(),
                        acting.agency().value(),
                        senderTeam == null ? null : senderTeam.value(),
                        MessageRows.timestamp(now),
                        outOfHours)
                .update(key, "id");
        return new ProtectionMessageId(key.getKeyAs(Number.class).longValue());
    }

    static RelationshipDraft relationship(PersonId person, Holder holder, LocalDate today, ProtectionMessageId id) {
        return new RelationshipDraft(person, holder, RelationshipKind.PROTECTION_MESSAGE, today, null, id.reference());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Reading

    @Override
    @Transactional
    public Optional<ProtectionMessageView> find(Requester requester, ProtectionMessageId id) {
        PartnershipSnapshot snapshot = partnerships.current();
        Acting acting = Acting.of(requester, snapshot.partnership(), snapshot.version());
        Optional<MessageRows.Message> message = id == null ? Optional.empty() : load(id, false);
        if (message.isEmpty() || !party(acting, message.get())) {
            logNobody(requester);
            return Optional.empty();
        }
        ProtectionMessageView view = view(message.get(), acting, requester, true);
        return view == null ? Optional.empty() : Optional.of(view);
    }

    @Override
    @Transactional
    public List<ProtectionMessageView> history(Requester requester, ProtectionMessageId id) {
        // The read's decisions, one a person named, are the same for every version: the message names the same people.
        return find(requester, id).map(MessageVersions::of).orElse(List.of());
    }

    @Override
    @Transactional
    public List<ProtectionMessageView> inbox(Requester requester) {
        PartnershipSnapshot snapshot = partnerships.current();
        Acting acting = Acting.of(requester, snapshot.partnership(), snapshot.version());
        List<MessageRows.StoredRouting> routed;
        if (acting.account() == null) {
            routed = jdbc.sql(MessageRows.ROUTING + " where agency = ?")
                    .param(acting.agency().value())
                    .query(MessageRows::routing)
                    .list();
        } else if (acting.teams().isEmpty()) {
            routed = List.of();
        } else {
            routed = jdbc.sql(MessageRows.ROUTING + " where team in ("
                            + String.join(
                                    ", ",
                                    java.util.Collections.nCopies(acting.teams().size(), "?")) + ")")
                    .params(acting.teams().stream().map(TeamId::value).toList())
                    .query(MessageRows::routing)
                    .list();
        }
        Instant now = now();
        List<ProtectionMessageView> views = new ArrayList<>();
        for (ProtectionMessageId id : routed.stream()
                .map(MessageRows.StoredRouting::message)
                .distinct()
                .toList()) {
            MessageRows.Message message = load(id, false).orElseThrow();
            if (!message.open()) {
                continue;
            }
            ProtectionMessageView view = view(message, acting, requester, true);
            if (view != null) {
                views.add(view);
            }
        }
        if (views.isEmpty()) {
            logNobody(requester);
        }
        views.sort(Comparator.comparing((ProtectionMessageView view) ->
                        ownRoutings(acting, view).stream().allMatch(Routing::acknowledged))
                .thenComparing(view -> ownRoutings(acting, view).stream().noneMatch(routing -> routing.overdue(now)))
                .thenComparing(ProtectionMessageView::raisedAt)
                .thenComparing(view -> view.id().value()));
        return List.copyOf(views);
    }

    @Override
    @Transactional
    public List<ProtectionMessageView> concerning(Requester requester, PersonId person) {
        PartnershipSnapshot snapshot = partnerships.current();
        Acting acting = Acting.of(requester, snapshot.partnership(), snapshot.version());
        List<ProtectionMessageView> views = new ArrayList<>();
        if (person != null) {
            // A person merged into another: the messages naming either are the person's while the merge holds.
            List<PersonId> persons = index.idsNow(person);
            List<Long> ids = jdbc.sql("select distinct message_id from protection_message_person where person_id in ("
                            + Placeholders.marks(persons.size()) + ") order by message_id desc")
                    .params(Placeholders.ids(persons))
                    .query(Long.class)
                    .list();
            for (Long id : ids) {
                MessageRows.Message message =
                        load(new ProtectionMessageId(id), false).orElseThrow();
                if (!party(acting, message)) {
                    continue;
                }
                ProtectionMessageView view = view(message, acting, requester, true);
                // A message is found by a person only when the reader may see that person in it.
                if (view != null && view.people().stream().anyMatch(named -> persons.contains(named.person()))) {
                    views.add(view);
                }
            }
        }
        if (views.isEmpty()) {
            logNobody(requester);
        }
        return List.copyOf(views);
    }

    private static List<Routing> ownRoutings(Acting acting, ProtectionMessageView view) {
        return view.routings().stream().filter(acting::receives).toList();
    }

    /**
     * The message as the reader may see it, each person decided and logged; null when they may see no subject. With
     * {@code decide} false the caller has just been allowed every person (the sender, on raising).
     */
    private ProtectionMessageView view(
            MessageRows.Message message, Acting acting, Requester requester, boolean decide) {
        List<MessageRows.Named> named = people(message.id());
        List<ConcernPersonView> people = new ArrayList<>();
        boolean anySubject = false;
        for (MessageRows.Named person : named) {
            boolean allowed = !decide
                    || decisions
                            .decide(
                                    requester,
                                    Action.READ,
                                    person.person(),
                                    List.of(item(message.id(), message.senderAgency(), person)))
                            .get(0)
                            .allowed();
            if (allowed) {
                people.add(ConcernPersonView.seen(person.person(), person.role()));
                anySubject |= person.role() == ConcernRole.SUBJECT;
            } else {
                people.add(ConcernPersonView.withheld(person.role()));
            }
        }
        if (!anySubject) {
            return null;
        }
        List<Routing> routings = routings(message.id()).stream()
                .map(MessageRows.StoredRouting::routing)
                .toList();
        List<ProtectionMessageStep> timeline = jdbc.sql(MessageRows.STEP)
                .param(message.id().value())
                .query(MessageRows::step)
                .list();
        return new ProtectionMessageView(
                message.id(),
                message.kind(),
                message.priority(),
                message.concern(),
                message.raisedAt(),
                message.outOfHours(),
                message.senderUser(),
                message.senderAgency(),
                message.senderTeam(),
                people,
                routings,
                message.outcome(),
                message.outcomeReason(),
                message.closedAt(),
                timeline);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Steps

    @Override
    @Transactional
    public ProtectionMessageView acknowledge(Requester requester, ProtectionMessageId id, RoutingId routingId) {
        Step step = begin(requester, id, "acknowledge");
        Routing routing = routingOf(step, routingId, "acknowledge");
        if (!step.acting().receives(routing)) {
            throw forbidden("acknowledge", id, routingId);
        }
        if (routing.acknowledged()) {
            throw new ProtectionMessageRefused(routingId + " of " + id + " was acknowledged already");
        }
        Instant now = now();
        int updated = jdbc.sql("update protection_message_routing set acknowledged_at = ?, acknowledged_by = ?"
                        + " where id = ? and acknowledged_at is null")
                .params(
                        MessageRows.timestamp(now),
                        step.acting().user() == null
                                ? null
                                : step.acting().user().value(),
                        routingId.value())
                .update();
        if (updated != 1) {
            throw new ProtectionMessageRefused(routingId + " of " + id + " was acknowledged already");
        }
        step(
                id,
                now,
                ProtectionMessageStep.Kind.ACKNOWLEDGED,
                routingId,
                step.acting(),
                routing.team(),
                null,
                null,
                null);
        journal.record(
                "acknowledge",
                List.of(
                        id.reference(),
                        routingId.reference(),
                        "team:" + routing.team().value()),
                null,
                step.people(),
                step.acting().actor(),
                step.acting().purpose().code(),
                now,
                new ProtectionMessageAcknowledged(
                        id, routingId, routing.team(), step.acting().user(), now));
        return after(step, requester);
    }

    @Override
    @Transactional
    public ProtectionMessageView escalate(Requester requester, ProtectionMessageId id, RoutingId routingId) {
        Step step = begin(requester, id, "escalate");
        Routing routing = routingOf(step, routingId, "escalate");
        if (!step.acting().receives(routing) && !step.acting().sends(step.message())) {
            throw forbidden("escalate", id, routingId);
        }
        if (routing.acknowledged()) {
            throw new ProtectionMessageRefused(
                    routingId + " of " + id + " was acknowledged; there is nothing to escalate");
        }
        if (routing.stage() == EscalationStage.DUTY_OFFICER) {
            throw new ProtectionMessageRefused(routingId + " of " + id + " has reached the duty officer already");
        }
        escalations.escalate(
                routingId, now(), step.acting().actor(), step.acting().purpose().code(), true);
        return after(step, requester);
    }

    @Override
    @Transactional
    public ProtectionMessageView reply(Requester requester, ProtectionMessageId id, String text) {
        if (text == null || text.isBlank()) {
            throw new ProtectionMessageRefused("write the reply");
        }
        String reply = text.strip();
        if (reply.length() > LONGEST_TEXT) {
            throw new ProtectionMessageRefused("a reply has at most " + LONGEST_TEXT + " characters");
        }
        Step step = begin(requester, id, "reply to");
        Instant now = now();
        step(
                id,
                now,
                ProtectionMessageStep.Kind.REPLIED,
                null,
                step.acting(),
                step.acting().team(),
                null,
                null,
                reply);
        journal.record(
                "reply",
                List.of(id.reference()),
                null,
                step.people(),
                step.acting().actor(),
                step.acting().purpose().code(),
                now,
                null);
        return after(step, requester);
    }

    @Override
    @Transactional
    public ProtectionMessageView recordOutcome(
            Requester requester, ProtectionMessageId id, ConcernOutcome outcome, String reason) {
        if (outcome == null) {
            throw new ProtectionMessageRefused("name the outcome: "
                    + java.util.Arrays.stream(ConcernOutcome.values())
                            .map(ConcernOutcome::code)
                            .toList());
        }
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (outcome.needsReason() && why == null) {
            throw new ProtectionMessageRefused("no further action needs a reason");
        }
        if (why != null && why.length() > 2000) {
            throw new ProtectionMessageRefused("a reason has at most 2000 characters");
        }
        Step step = begin(requester, id, "record an outcome of");
        Instant now = now();
        jdbc.sql("update protection_message set outcome = ?, outcome_reason = ? where id = ?")
                .params(outcome.code(), why, id.value())
                .update();
        step(
                id,
                now,
                ProtectionMessageStep.Kind.OUTCOME,
                null,
                step.acting(),
                step.acting().team(),
                null,
                outcome,
                why);
        journal.record(
                "outcome",
                List.of(id.reference(), "outcome:" + outcome.code()),
                null,
                step.people(),
                step.acting().actor(),
                step.acting().purpose().code(),
                now,
                null);
        return after(step, requester);
    }

    @Override
    @Transactional
    public ProtectionMessageView close(Requester requester, ProtectionMessageId id) {
        Step step = begin(requester, id, "close");
        if (step.message().outcome() == null) {
            throw new ProtectionMessageRefused("record the outcome of " + id + " before closing it");
        }
        Instant now = now();
        LocalDate today = Escalations.day(now);
        jdbc.sql("update protection_message set closed_at = ? where id = ?")
                .params(MessageRows.timestamp(now), id.value())
                .update();
        for (PersonId person : step.people()) {
            for (Relationship relationship : relationships.of(person)) {
                if (id.reference().equals(relationship.source())
                        && relationship.kind() == RelationshipKind.PROTECTION_MESSAGE
                        && relationship.end() == null) {
                    relationships.end(relationship.id(), today, step.acting().actor());
                }
            }
        }
        step(
                id,
                now,
                ProtectionMessageStep.Kind.CLOSED,
                null,
                step.acting(),
                step.acting().team(),
                null,
                null,
                null);
        journal.record(
                "close",
                List.of(id.reference()),
                null,
                step.people(),
                step.acting().actor(),
                step.acting().purpose().code(),
                now,
                new ProtectionMessageClosed(id, step.message().outcome(), now));
        // The case ended today; the closer still sees what they closed, while their relationship lasts the day.
        return after(step, requester);
    }

    /** What every step on a message shares: the caller is a party, the case is open, the decision allows it. */
    private Step begin(Requester requester, ProtectionMessageId id, String verb) {
        if (id == null) {
            throw new ProtectionMessageRefused("name the protection message to " + verb);
        }
        PartnershipSnapshot snapshot = partnerships.current();
        Acting acting = Acting.of(requester, snapshot.partnership(), snapshot.version());
        MessageRows.Message message = load(id, true).orElseThrow(() -> forbidden(verb, id, null));
        if (!party(acting, message)) {
            throw forbidden(verb, id, null);
        }
        if (!message.open()) {
            throw new ProtectionMessageRefused(id + " is closed");
        }
        List<MessageRows.Named> named = people(id);
        for (MessageRows.Named person : named) {
            if (person.role() != ConcernRole.SUBJECT) {
                continue;
            }
            AccessDecision decision = decisions
                    .decide(
                            requester,
                            Action.UPDATE,
                            person.person(),
                            List.of(item(id, message.senderAgency(), person)))
                    .get(0);
            if (!decision.allowed()) {
                throw new AccessRefused(decision);
            }
        }
        return new Step(
                acting, message, named.stream().map(MessageRows.Named::person).toList());
    }

    private Routing routingOf(Step step, RoutingId routingId, String verb) {
        if (routingId == null) {
            throw new ProtectionMessageRefused("name the routing to " + verb);
        }
        return routings(step.message().id()).stream()
                .map(MessageRows.StoredRouting::routing)
                .filter(routing -> routing.id().equals(routingId))
                .findFirst()
                .orElseThrow(() -> forbidden(verb, step.message().id(), routingId));
    }

    private ProtectionMessageView after(Step step, Requester requester) {
        return view(load(step.message().id(), false).orElseThrow(), step.acting(), requester, false);
    }

    private record Step(Acting acting, MessageRows.Message message, List<PersonId> people) {}

    private static ProtectionMessageForbidden forbidden(String verb, ProtectionMessageId id, RoutingId routing) {
        return new ProtectionMessageForbidden("you may not " + verb + " " + (routing == null ? "" : routing + " of ")
                + id + ": it was not routed to you");
    }

    /** The sender's side, a receiving team (or its agency's system), or someone it was escalated to. */
    private boolean party(Acting acting, MessageRows.Message message) {
        if (acting.sends(message)) {
            return true;
        }
        if (routings(message.id()).stream()
                .map(MessageRows.StoredRouting::routing)
                .anyMatch(acting::receives)) {
            return true;
        }
        return acting.user() != null
                && jdbc.sql("select count(*) from protection_message_step where message_id = ? and to_user = ?")
                                .params(message.id().value(), acting.user().value())
                                .query(Long.class)
                                .single()
                        > 0;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Helpers

    static AccessItem item(ProtectionMessageId id, AgencyId sender, ConcernPerson named) {
        return new AccessItem(id.reference(), Category.PROTECTION, named.sensitivity(), sender);
    }

    static AccessItem item(ProtectionMessageId id, AgencyId sender, MessageRows.Named named) {
        return new AccessItem(id.reference(), Category.PROTECTION, named.sensitivity(), sender);
    }

    private void step(
            ProtectionMessageId id,
            Instant at,
            ProtectionMessageStep.Kind kind,
            RoutingId routing,
            Acting acting,
            TeamId team,
            Username to,
            ConcernOutcome outcome,
            String text) {
        Escalations.step(
                jdbc,
                id,
                at,
                kind,
                routing,
                acting == null ? null : acting.user(),
                acting == null ? null : acting.agency(),
                team,
                to,
                outcome,
                text);
    }

    Optional<MessageRows.Message> load(ProtectionMessageId id, boolean forUpdate) {
        return jdbc.sql(MessageRows.MESSAGE + " where id = ?" + (forUpdate ? " for update" : ""))
                .param(id.value())
                .query(MessageRows::message)
                .optional();
    }

    private List<MessageRows.Named> people(ProtectionMessageId id) {
        return jdbc.sql(MessageRows.PERSON)
                .param(id.value())
                .query(MessageRows::named)
                .list();
    }

    private List<MessageRows.StoredRouting> routings(ProtectionMessageId id) {
        return jdbc.sql(MessageRows.ROUTING + " where message_id = ? order by id")
                .param(id.value())
                .query(MessageRows::routing)
                .list();
    }

    private void logNobody(Requester requester) {
        decisions.logWithoutPerson(
                requester,
                Action.READ,
                Category.PROTECTION,
                decisions.mayAttempt(requester, Action.READ, Category.PROTECTION));
    }

    private Instant now() {
        // The log keeps milliseconds; storing the same instant lets a step and its log event be matched exactly.
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Who acts: a member of staff, an agency's system on behalf of one of its own, or an agency's system alone. */
    record Acting(StaffAccount account, AgencyId agency, Purpose purpose, Actor actor) {

        static Acting of(Requester requester, Partnership partnership, int version) {
            if (requester instanceof Requester.Staff staff) {
                return staff(requester.actingStaff(partnership).orElseThrow(Acting::refused), staff.purpose(), version);
            }
            if (requester instanceof Requester.AgencySystem system) {
                if (system.onBehalfOf() != null) {
                    return staff(
                            requester.actingStaff(partnership).orElseThrow(Acting::refused), system.purpose(), version);
                }
                if (partnership
                        .agency(system.agency())
                        .map(agency -> agency.active())
                        .orElse(false)) {
                    return new Acting(
                            null, system.agency(), system.purpose(), Actor.agencySystem(system.agency(), version));
                }
            }
            throw refused();
        }

        private static Acting staff(StaffAccount account, Purpose purpose, int version) {
            return new Acting(
                    account,
                    account.agency(),
                    purpose,
                    Actor.staff(
                            account.username(),
                            account.agency(),
                            account.roles().stream().map(role -> role.value()).toList(),
                            version));
        }

        private static ProtectionMessageRefused refused() {
            return new ProtectionMessageRefused("protection messages are raised and worked by active members of"
                    + " staff, or by an agency's system of an active agency");
        }

        Username user() {
            return account == null ? null : account.username();
        }

        List<TeamId> teams() {
            return account == null ? List.of() : account.teams();
        }

        /** The team the caller acts for: their first team, or none. */
        TeamId team() {
            return teams().isEmpty() ? null : teams().get(0);
        }

        boolean receives(Routing routing) {
            return account == null ? agency.equals(routing.agency()) : teams().contains(routing.team());
        }

        boolean sends(MessageRows.Message message) {
            if (account == null) {
                return agency.equals(message.senderAgency());
            }
            return account.username().equals(message.senderUser())
                    || (message.senderTeam() != null && teams().contains(message.senderTeam()));
        }
    }
}
