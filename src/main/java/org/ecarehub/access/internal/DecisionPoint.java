package org.ecarehub.access.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ecarehub.access.AccessDecision;
import org.ecarehub.access.AccessDecisions;
import org.ecarehub.access.AccessFacts;
import org.ecarehub.access.AccessItem;
import org.ecarehub.access.AccessPolicy;
import org.ecarehub.access.AgencySystemRules;
import org.ecarehub.access.PortalAccess;
import org.ecarehub.access.PortalRules;
import org.ecarehub.access.RepresentativeAccess;
import org.ecarehub.access.RepresentativeRules;
import org.ecarehub.access.Requester;
import org.ecarehub.access.StaffAccessRequest;
import org.ecarehub.access.Withheld;
import org.ecarehub.consent.Authority;
import org.ecarehub.partnership.Action;
import org.ecarehub.partnership.Agency;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.PartnershipSnapshot;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.partnership.StaffAccount;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;
import org.springframework.stereotype.Service;

/**
 * The decision point: turns a requester into the staff account or agency system the policy decides for, gathers the
 * facts from the modules' caches, decides each item by {@link AccessPolicy} or {@link AgencySystemRules}, and hands
 * the decisions to the {@link DecisionJournal} before anything is returned.
 */
@Service
class DecisionPoint implements AccessDecisions {

    /** The partnership's day starts and ends on Scottish time, whatever the server's clock zone. */
    static final ZoneId PARTNERSHIP_ZONE = ZoneId.of("Europe/London");

    private final Partnerships partnerships;
    private final FactSource facts;
    private final DecisionJournal journal;
    private final Clock clock;

    DecisionPoint(Partnerships partnerships, FactSource facts, DecisionJournal journal, Clock clock) {
        this.partnerships = partnerships;
        this.facts = facts;
        this.journal = journal;
        this.clock = clock;
    }

    @Override
    public List<AccessDecision> decide(Requester requester, Action action, PersonId person, List<AccessItem> items) {
        PartnershipSnapshot snapshot = partnerships.current();
        Instant now = clock.instant();
        List<AccessDecision> decisions = evaluate(snapshot.partnership(), requester, action, person, items, now);
        journal.record(snapshot, requester, action, person, items, decisions, now);
        return decisions;
    }

    @Override
    public AccessDecision mayAttempt(Requester requester, Action action, Category category) {
        Partnership partnership = partnerships.current().partnership();
        LocalDate today = LocalDate.ofInstant(clock.instant(), PARTNERSHIP_ZONE);
        if (requester instanceof Requester.Staff staff) {
            return AccessPolicy.attempt(partnership, staff.user(), staff.purpose(), action, category, today);
        }
        if (requester instanceof Requester.Portal portal) {
            // A portal account never searches the index; it reads the records it is bound to or acts for.
            return new AccessDecision(
                    false,
                    List.of(PortalRules.BOUND),
                    null,
                    Set.of(),
                    null,
                    "a portal account does not search for people",
                    null);
        }
        Requester.AgencySystem system = (Requester.AgencySystem) requester;
        if (system.onBehalfOf() == null) {
            return AgencySystemRules.attempt(agencyActive(partnership, system), system.purpose());
        }
        return ownStaff(partnership, system).isEmpty()
                ? AgencySystemRules.notOwnStaff()
                : AccessPolicy.attempt(partnership, system.onBehalfOf(), system.purpose(), action, category, today);
    }

    @Override
    public void logWithoutPerson(Requester requester, Action action, Category category, AccessDecision decision) {
        journal.recordWithoutPerson(partnerships.current(), requester, action, category, decision, clock.instant());
    }

    /** The decisions, not yet logged: for a caller in this package that logs them itself, as a search does. */
    List<AccessDecision> evaluate(
            Partnership partnership,
            Requester requester,
            Action action,
            PersonId person,
            List<AccessItem> items,
            Instant now) {
        LocalDate today = LocalDate.ofInstant(now, PARTNERSHIP_ZONE);
        if (requester instanceof Requester.Staff staff) {
            return asStaff(
                    partnership,
                    staff.user(),
                    staff.purpose(),
                    staff.justification(),
                    action,
                    person,
                    items,
                    now,
                    today,
                    false);
        }
        if (requester instanceof Requester.Portal portal) {
            return asPortal(portal, person, items, today);
        }
        Requester.AgencySystem system = (Requester.AgencySystem) requester;
        if (system.onBehalfOf() != null) {
            return ownStaff(partnership, system).isEmpty()
                    ? items.stream()
                            .map(item -> AgencySystemRules.notOwnStaff())
                            .toList()
                    : asStaff(
                            partnership,
                            system.onBehalfOf(),
                            system.purpose(),
                            system.justification(),
                            action,
                            person,
                            items,
                            now,
                            today,
                            false);
        }
        AccessDecision attempt = AgencySystemRules.attempt(agencyActive(partnership, system), system.purpose());
        if (!attempt.allowed()) {
            return items.stream().map(item -> attempt).toList();
        }
        return items.stream()
                .map(item -> action == Action.CREATE || action == Action.UPDATE
                        ? AgencySystemRules.decideWrite(
                                system.agency(), item.owner().value())
                        : AgencySystemRules.decideRead(system.agency(), item))
                .toList();
    }

    Instant now() {
        return clock.instant();
    }

    /**
     * Decides and logs as {@link #decide}, with the governance task of rule 6 being the one the caller holds: a match
     * review the staff member has claimed, which is about these records whatever person the index holds them under.
     */
    List<AccessDecision> decideWithinTask(
            Requester.Staff staff, Action action, PersonId person, List<AccessItem> items) {
        PartnershipSnapshot snapshot = partnerships.current();
        Instant now = clock.instant();
        List<AccessDecision> decisions = asStaff(
                snapshot.partnership(),
                staff.user(),
                staff.purpose(),
                staff.justification(),
                action,
                person,
                items,
                now,
                LocalDate.ofInstant(now, PARTNERSHIP_ZONE),
                true);
        journal.record(snapshot, staff, action, person, items, decisions, now);
        return decisions;
    }

    PartnershipSnapshot snapshot() {
        return partnerships.current();
    }

    void record(
            PartnershipSnapshot snapshot,
            Requester requester,
            Action action,
            PersonId person,
            List<AccessItem> items,
            List<AccessDecision> decisions,
            Instant now) {
        journal.record(snapshot, requester, action, person, items, decisions, now);
    }

    private List<AccessDecision> asStaff(
            Partnership partnership,
            Username username,
            Purpose purpose,
            String justification,
            Action action,
            PersonId person,
            List<AccessItem> items,
            Instant now,
            LocalDate today,
            boolean withinTask) {
        Optional<StaffAccount> account = partnership.staff(username);
        FactSource.StaffFacts staffFacts = account.map(user -> facts.staffFacts(user, person, now))
                .orElse(new FactSource.StaffFacts(false, false, false));
        Agency agency =
                account.flatMap(user -> partnership.agency(user.agency())).orElse(null);
        Map<Category, FactSource.ConsentFacts> consents = new EnumMap<>(Category.class);
        List<AccessDecision> decisions = new ArrayList<>(items.size());
        for (AccessItem item : items) {
            FactSource.ConsentFacts consent = agency == null || agency.id().equals(item.owner())
                    ? FactSource.ConsentFacts.NONE
                    : consents.computeIfAbsent(
                            item.category(), category -> facts.consent(person, purpose, agency, category, today));
            AccessFacts itemFacts = new AccessFacts(
                    staffFacts.relationship(),
                    staffFacts.breakGlass(),
                    staffFacts.governanceTask() || withinTask,
                    consent.state(),
                    consent.namesCategory());
            decisions.add(AccessPolicy.decide(
                    partnership,
                    new StaffAccessRequest(
                            username,
                            purpose,
                            action,
                            item.category(),
                            item.sensitivity(),
                            item.owner(),
                            justification,
                            today),
                    itemFacts));
        }
        return decisions;
    }

    private List<AccessDecision> asPortal(
            Requester.Portal portal, PersonId person, List<AccessItem> items, LocalDate today) {
        if (portal.boundTo() == null) {
            return items.stream()
                    .map(item -> PortalRules.decide(
                            new PortalAccess(false, null, null, item.category(), item.sensitivity())))
                    .toList();
        }
        FactSource.PortalFacts known = facts.portalFacts(portal.boundTo(), person, today);
        boolean own = portal.boundTo().equals(person);
        List<AccessDecision> decisions = new ArrayList<>(items.size());
        for (AccessItem item : items) {
            Withheld withheld = known.withheld().get(item.id());
            if (own) {
                decisions.add(PortalRules.decide(
                        new PortalAccess(true, null, withheld, item.category(), item.sensitivity())));
                continue;
            }
            AccessDecision decided = new AccessDecision(
                    false,
                    List.of(RepresentativeRules.HOLDS_AUTHORITY),
                    null,
                    Set.of(),
                    null,
                    "the account holds no authority over this person",
                    null);
            for (Authority authority : known.authorities()) {
                AccessDecision underIt = PortalRules.decide(new PortalAccess(
                        true,
                        new RepresentativeAccess(
                                authority,
                                known.lacksWelfareCapacity(),
                                known.age(),
                                known.keptFromParents(),
                                known.namedAsPosingRisk(),
                                item.category(),
                                item.sensitivity(),
                                today),
                        withheld,
                        item.category(),
                        item.sensitivity()));
                if (underIt.allowed() || decided.decidingRules().contains(RepresentativeRules.HOLDS_AUTHORITY)) {
                    decided = underIt;
                }
                if (underIt.allowed()) {
                    break;
                }
            }
            decisions.add(decided);
        }
        return decisions;
    }

    private static boolean agencyActive(Partnership partnership, Requester.AgencySystem system) {
        return partnership.agency(system.agency()).map(Agency::active).orElse(false);
    }

    private static Optional<StaffAccount> ownStaff(Partnership partnership, Requester.AgencySystem system) {
        return partnership
                .staff(system.onBehalfOf())
                .filter(account -> account.agency().equals(system.agency()))
                .filter(partnership::isActiveMember);
    }
}
