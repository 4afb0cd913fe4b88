package org.ecarehub.access.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ecarehub.access.AccessDecision;
import org.ecarehub.access.AccessItem;
import org.ecarehub.access.BreakGlassGrant;
import org.ecarehub.access.BreakGlassGrants;
import org.ecarehub.access.Explanation;
import org.ecarehub.access.Explanations;
import org.ecarehub.access.PortalAccess;
import org.ecarehub.access.PortalRules;
import org.ecarehub.access.Relationship;
import org.ecarehub.access.Relationships;
import org.ecarehub.access.RepresentativeAccess;
import org.ecarehub.access.Requester;
import org.ecarehub.access.Sensitivity;
import org.ecarehub.consent.RepresentativeAuthority;
import org.ecarehub.consent.Representatives;
import org.ecarehub.partnership.Action;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Duty;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.PartnershipSnapshot;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.partnership.Role;
import org.ecarehub.partnership.StaffAccount;
import org.ecarehub.person.AgencyRecordVersion;
import org.ecarehub.person.Person;
import org.ecarehub.person.PersonIndex;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;
import org.springframework.stereotype.Service;

/**
 * Works out an {@link Explanation} by asking the decision point itself, for each member of staff involved with the
 * person, each category and each agency that knows the person, what it would decide today: so the explanation can
 * never say other than the decisions do.
 */
@Service
class Explainer implements Explanations {

    /** The categories unscheduled care reaches under the emergency purpose without a relationship (rule 6). */
    private static final Set<Category> EMERGENCY_BASICS =
            EnumSet.of(Category.DEMOGRAPHICS, Category.CONTACTS, Category.ALERTS);

    private final DecisionPoint decisions;
    private final PersonIndex index;
    private final Relationships relationships;
    private final BreakGlassGrants grants;
    private final Representatives representatives;
    private final FactSource facts;

    Explainer(
            DecisionPoint decisions,
            PersonIndex index,
            Relationships relationships,
            BreakGlassGrants grants,
            Representatives representatives,
            FactSource facts) {
        this.decisions = decisions;
        this.index = index;
        this.relationships = relationships;
        this.grants = grants;
        this.representatives = representatives;
        this.facts = facts;
    }

    @Override
    public Optional<Explanation> explain(Requester requester, PersonId id) {
        Optional<Person> found = index.person(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Person person = found.get();
        PartnershipSnapshot snapshot = decisions.snapshot();
        Partnership partnership = snapshot.partnership();
        AgencyId owner = ownerForTheQuestion(partnership, requester, person);
        AccessItem whoIsInvolved = new AccessItem("explanation", Category.CONTACTS, Sensitivity.NORMAL, owner);
        AccessDecision allowed = decisions
                .decide(requester, Action.READ, person.id(), List.of(whoIsInvolved))
                .get(0);
        if (!allowed.allowed()) {
            return Optional.empty();
        }
        Instant now = decisions.now();
        LocalDate today = LocalDate.ofInstant(now, DecisionPoint.PARTNERSHIP_ZONE);
        Set<AgencyId> owners = new LinkedHashSet<>();
        person.records().stream().map(version -> version.record().agency()).forEach(owners::add);
        return Optional.of(new Explanation(
                person.id(),
                today,
                snapshot.version(),
                staff(partnership, person.id(), owners, now, today),
                emergency(partnership),
                representatives(person.id(), today)));
    }

    private static AgencyId ownerForTheQuestion(Partnership partnership, Requester requester, Person person) {
        if (requester instanceof Requester.Staff staff) {
            Optional<AgencyId> own = partnership.staff(staff.user()).map(StaffAccount::agency);
            if (own.isPresent()) {
                return own.get();
            }
        }
        if (requester instanceof Requester.AgencySystem system) {
            return system.agency();
        }
        // Who is involved with a person is the hub's knowledge, not one agency's; a portal account's view of it
        // does not depend on the owner, and a caller unknown to the partnership is refused by rule 1 whatever it is.
        return person.records().stream()
                .map(AgencyRecordVersion::record)
                .map(record -> record.agency())
                .findFirst()
                .orElse(partnership.agencies().get(0).id());
    }

    private List<Explanation.StaffView> staff(
            Partnership partnership, PersonId person, Set<AgencyId> owners, Instant now, LocalDate today) {
        Map<Username, String> through = new LinkedHashMap<>();
        for (Relationship relationship : relationships.of(person)) {
            if (!relationship.activeOn(today)) {
                continue;
            }
            if (relationship.holder().user() != null) {
                through.putIfAbsent(
                        relationship.holder().user(), relationship.kind().code());
            } else {
                partnership.membersOf(relationship.holder().team()).stream()
                        .filter(partnership::isActiveMember)
                        .forEach(member -> through.putIfAbsent(
                                member.username(), relationship.kind().code()));
            }
        }
        for (BreakGlassGrant grant : grants.grantsFor(person)) {
            if (grant.activeAt(now)) {
                through.putIfAbsent(grant.user(), "break-glass");
            }
        }
        List<Explanation.StaffView> views = new ArrayList<>();
        through.forEach((username, how) -> partnership
                .staff(username)
                .filter(partnership::isActiveMember)
                .ifPresent(account -> views.add(new Explanation.StaffView(
                        account.agency(),
                        username,
                        account.roles(),
                        how,
                        reaches(partnership, account, person, owners, now)))));
        return views;
    }

    /** What the decision point would let the account read of each agency's information, for its usual purpose. */
    private List<Explanation.Reach> reaches(
            Partnership partnership, StaffAccount account, PersonId person, Set<AgencyId> owners, Instant now) {
        Purpose purpose = partnership.defaultPurpose(account).orElse(Purpose.DIRECT_CARE);
        Set<AgencyId> agencies = new LinkedHashSet<>(owners);
        agencies.add(account.agency());
        List<AccessItem> items = new ArrayList<>();
        for (AgencyId owner : agencies) {
            for (Category category : Category.values()) {
                items.add(new AccessItem("explained", category, Sensitivity.NORMAL, owner));
                items.add(new AccessItem("explained", category, Sensitivity.RESTRICTED, owner));
            }
        }
        Requester asThem = new Requester.Staff(account.username(), purpose, null);
        List<AccessDecision> decided = decisions.evaluate(partnership, asThem, Action.READ, person, items, now);
        List<Explanation.Reach> reaches = new ArrayList<>();
        for (int i = 0; i < items.size(); i += 2) {
            AccessDecision normal = decided.get(i);
            if (normal.allowed()) {
                AccessItem item = items.get(i);
                reaches.add(new Explanation.Reach(
                        item.category(),
                        item.owner(),
                        normal.basis(),
                        normal.agreement(),
                        decided.get(i + 1).allowed()));
            }
        }
        return reaches;
    }

    private static List<Explanation.EmergencyView> emergency(Partnership partnership) {
        Map<String, Explanation.EmergencyView> views = new LinkedHashMap<>();
        for (StaffAccount account : partnership.staff()) {
            if (!partnership.isActiveMember(account)) {
                continue;
            }
            for (Role role : partnership.rolesOf(account)) {
                if (!role.hasDuty(Duty.UNSCHEDULED_CARE) || !role.mayUse(Purpose.EMERGENCY)) {
                    continue;
                }
                List<Category> categories = EMERGENCY_BASICS.stream()
                        .filter(category -> role.permits(Action.READ, category))
                        .toList();
                views.putIfAbsent(
                        account.agency().value() + "/" + role.id().value(),
                        new Explanation.EmergencyView(account.agency(), role.id(), categories));
            }
        }
        return List.copyOf(views.values());
    }

    private List<Explanation.RepresentativeView> representatives(PersonId person, LocalDate today) {
        List<Explanation.RepresentativeView> views = new ArrayList<>();
        for (RepresentativeAuthority held : representatives.authoritiesOver(person)) {
            FactSource.PortalFacts known = facts.portalFacts(held.representative(), person, today);
            List<Category> covered = new ArrayList<>();
            for (Category category : Category.values()) {
                AccessDecision decision = PortalRules.decide(new PortalAccess(
                        true,
                        new RepresentativeAccess(
                                held.authority(),
                                known.lacksWelfareCapacity(),
                                known.age(),
                                known.keptFromParents(),
                                known.namedAsPosingRisk(),
                                category,
                                Sensitivity.NORMAL,
                                today),
                        null,
                        category,
                        Sensitivity.NORMAL));
                if (decision.allowed()) {
                    covered.add(category);
                }
            }
            views.add(new Explanation.RepresentativeView(
                    held.representative(), held.authority().kind(), covered));
        }
        return views;
    }
}
