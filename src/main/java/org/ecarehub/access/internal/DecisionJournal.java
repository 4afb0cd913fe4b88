package org.ecarehub.access.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ecarehub.access.AccessDecision;
import org.ecarehub.access.AccessItem;
import org.ecarehub.access.DecisionFlag;
import org.ecarehub.access.RecordAccessed;
import org.ecarehub.access.Requester;
import org.ecarehub.partnership.Action;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.PartnershipSnapshot;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.partnership.StaffAccount;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.transparency.EventType;
import org.ecarehub.transparency.LogEvent;
import org.ecarehub.transparency.TransparencyLog;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Writes decisions to the transparency log before anything leaves: one event about the person for each distinct
 * outcome of a request (allowed under one basis, allowed under another, refused), with the rules, basis, agreement,
 * consent, flags and the partnership configuration version; then starts what a decision sets going (a protection
 * override's review, W3's withholding). When the log cannot record them it throws, and the caller returns nothing.
 */
@Component
class DecisionJournal {

    private final TransparencyLog log;
    private final DecisionFollowUps followUps;
    private final ApplicationEventPublisher published;

    DecisionJournal(TransparencyLog log, DecisionFollowUps followUps, ApplicationEventPublisher published) {
        this.log = log;
        this.followUps = followUps;
        this.published = published;
    }

    void record(
            PartnershipSnapshot snapshot,
            Requester requester,
            Action action,
            PersonId person,
            List<AccessItem> items,
            List<AccessDecision> decisions,
            Instant now) {
        if (items.size() != decisions.size()) {
            throw new IllegalArgumentException("one decision is needed for each item");
        }
        Caller caller = Caller.of(snapshot.partnership(), requester);
        Map<Outcome, List<AccessItem>> groups = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            groups.computeIfAbsent(Outcome.of(decisions.get(i)), outcome -> new ArrayList<>())
                    .add(items.get(i));
        }
        List<LogEvent> events = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>(groups.keySet());
        for (Outcome outcome : outcomes) {
            List<AccessItem> group = groups.get(outcome);
            events.add(new LogEvent(
                    EventType.ACCESS,
                    now,
                    caller.who(),
                    new LogEvent.What(
                            action.code(),
                            group.stream()
                                    .map(item -> item.category().code())
                                    .distinct()
                                    .toList(),
                            group.stream().map(AccessItem::id).toList(),
                            outcome.allowed() ? caller.recipientOf(group) : null),
                    person,
                    outcome.why(caller, snapshot.version())));
        }
        List<TransparencyLog.Appended> appended = log.appendAll(events);
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome outcome = outcomes.get(i);
            long eventId = appended.get(i).eventId();
            if (outcome.flags().contains(DecisionFlag.PROTECTION_OVERRIDE.code())) {
                Set<AgencyId> owners = new LinkedHashSet<>();
                groups.get(outcome).forEach(item -> owners.add(item.owner()));
                owners.forEach(owner -> followUps.protectionOverride(person, owner, caller.account(), eventId));
            }
            if (caller.protectionPurpose()) {
                followUps.protectionAccess(person, caller.account(), caller.purpose(), eventId);
            }
            // After the follow-ups, so that a listener in this transaction finds W3's withholding already made.
            if (caller.agency() != null) {
                published.publishEvent(new RecordAccessed(
                        eventId, person, caller.agency(), caller.purpose(), outcome.allowed(), outcome.flags()));
            }
        }
    }

    void recordWithoutPerson(
            PartnershipSnapshot snapshot,
            Requester requester,
            Action action,
            Category category,
            AccessDecision decision,
            Instant now) {
        Caller caller = Caller.of(snapshot.partnership(), requester);
        log.append(new LogEvent(
                EventType.ACCESS,
                now,
                caller.who(),
                new LogEvent.What(action.code(), List.of(category.code()), List.of(), null),
                null,
                Outcome.of(decision).why(caller, snapshot.version())));
    }

    /** Who asked, as the log names them, and for what. */
    private record Caller(LogEvent.Who who, AgencyId agency, String account, Purpose purpose, String justification) {

        static Caller of(Partnership partnership, Requester requester) {
            if (requester instanceof Requester.Staff staff) {
                StaffAccount account = partnership.staff(staff.user()).orElse(null);
                return new Caller(
                        LogEvent.Who.staff(
                                staff.user().value(),
                                account == null ? null : account.agency().value(),
                                account == null
                                        ? List.of()
                                        : account.roles().stream()
                                                .map(role -> role.value())
                                                .toList()),
                        account == null ? null : account.agency(),
                        staff.user().value(),
                        staff.purpose(),
                        staff.justification());
            }
            if (requester instanceof Requester.Portal portal) {
                return new Caller(
                        new LogEvent.Who(
                                portal.boundTo() == null ? "person" : "portal", portal.account(), null, List.of()),
                        null,
                        portal.account(),
                        Purpose.SUBJECT_ACCESS,
                        null);
            }
            Requester.AgencySystem system = (Requester.AgencySystem) requester;
            String onBehalfOf =
                    system.onBehalfOf() == null ? null : system.onBehalfOf().value();
            return new Caller(
                    new LogEvent.Who(
                            "system", system.clientId(), system.agency().value(), List.of(), onBehalfOf),
                    system.agency(),
                    onBehalfOf == null ? system.clientId() : onBehalfOf,
                    system.purpose(),
                    system.justification());
        }

        boolean protectionPurpose() {
            return purpose == Purpose.CHILD_PROTECTION || purpose == Purpose.ADULT_PROTECTION;
        }

        /** Where allowed items went: the caller's agency, when any of them is another agency's. */
        String recipientOf(List<AccessItem> items) {
            if (agency == null) {
                return null;
            }
            return items.stream().anyMatch(item -> !item.owner().equals(agency)) ? agency.value() : null;
        }
    }

    /** What the log says of a group of items decided alike. */
    private record Outcome(
            boolean allowed, List<String> rules, String basis, String agreement, List<String> flags, String reason) {

        static Outcome of(AccessDecision decision) {
            return new Outcome(
                    decision.allowed(),
                    decision.decidingRules(),
                    decision.basis() == null ? null : decision.basis().code(),
                    decision.agreement(),
                    decision.flags().stream().map(DecisionFlag::code).sorted().toList(),
                    decision.allowed() ? null : decision.reason());
        }

        LogEvent.Why why(Caller caller, int configurationVersion) {
            return new LogEvent.Why(
                    caller.purpose().code(),
                    allowed ? "allow" : "deny",
                    rules,
                    basis,
                    agreement,
                    null,
                    caller.justification(),
                    configurationVersion,
                    flags);
        }
    }
}
