package org.ecarehub.access.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ecarehub.access.BreakGlassGrants;
import org.ecarehub.access.CaldicottReviews;
import org.ecarehub.access.PosingRiskRegister;
import org.ecarehub.access.Relationships;
import org.ecarehub.access.Withheld;
import org.ecarehub.consent.Authority;
import org.ecarehub.consent.ConsentAnswer;
import org.ecarehub.consent.Consents;
import org.ecarehub.consent.DecisionArea;
import org.ecarehub.consent.RepresentativeAuthority;
import org.ecarehub.consent.Representatives;
import org.ecarehub.consent.Withholding;
import org.ecarehub.consent.WithholdingTarget;
import org.ecarehub.consent.Withholdings;
import org.ecarehub.partnership.Agency;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.partnership.StaffAccount;
import org.ecarehub.person.AgencyRecordVersion;
import org.ecarehub.person.PersonIndex;
import org.ecarehub.shared.PersonId;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** The facts of a decision, from the relationship, grant and review caches of this module and the consent cache. */
@Component
class ModuleFacts implements FactSource {

    private final Relationships relationships;
    private final BreakGlassGrants grants;
    private final CaldicottReviews reviews;
    private final Consents consents;
    private final Representatives representatives;
    private final Withholdings withholdings;
    private final PersonIndex index;
    private final ObjectProvider<PosingRiskRegister> posingRisk;

    ModuleFacts(
            Relationships relationships,
            BreakGlassGrants grants,
            CaldicottReviews reviews,
            Consents consents,
            Representatives representatives,
            Withholdings withholdings,
            PersonIndex index,
            ObjectProvider<PosingRiskRegister> posingRisk) {
        this.posingRisk = posingRisk;
        this.representatives = representatives;
        this.withholdings = withholdings;
        this.index = index;
        this.relationships = relationships;
        this.grants = grants;
        this.reviews = reviews;
        this.consents = consents;
    }

    /**
     * Facts about a person merged into another are facts about the person they are now part of, and the other way
     * round: a relationship, grant, consent, withholding or authority recorded under either id holds for both while
     * the merge is in force, and for its own person alone again after an unmerge, since nothing is moved.
     */
    @Override
    public StaffFacts staffFacts(StaffAccount user, PersonId person, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, DecisionPoint.PARTNERSHIP_ZONE);
        List<PersonId> ids = index.idsNow(person);
        return new StaffFacts(
                ids.stream().anyMatch(id -> relationships.active(id, user.username(), user.teams(), today)),
                ids.stream().anyMatch(id -> grants.active(user.username(), id, now)),
                ids.stream().anyMatch(id -> reviews.workingOn(user.username(), id)));
    }

    /** The latest decision recorded under any of the person's ids: the newest says what the person decided last. */
    @Override
    public ConsentFacts consent(PersonId person, Purpose purpose, Agency recipient, Category category, LocalDate day) {
        ConsentAnswer answer = ConsentAnswer.NONE;
        for (PersonId id : index.idsNow(person)) {
            ConsentAnswer found = consents.latest(id, purpose, recipient.id(), recipient.type(), category, day);
            if (found.consent() != null
                    && (answer.consent() == null
                            || found.consent().value() > answer.consent().value())) {
                answer = found;
            }
        }
        return new ConsentFacts(
                answer.state(),
                answer.namesCategory(),
                answer.consent() == null ? null : answer.consent().toString());
    }

    @Override
    public PortalFacts portalFacts(PersonId self, PersonId subject, LocalDate day) {
        List<PersonId> ids = index.idsNow(subject);
        Map<String, Withheld> withheld = new HashMap<>();
        for (PersonId id : ids) {
            for (Withholding withholding : withholdings.inForce(id, day)) {
                WithholdingTarget target = withholding.target();
                withheld.put(
                        target.isAccessEvent() ? "access-event-" + target.accessEvent() : target.item(),
                        new Withheld(
                                withholding.exemption().code(),
                                withholding.exemption().showsNotice(),
                                withholding.reviewBy()));
            }
        }
        if (ids.contains(self)) {
            return new PortalFacts(List.of(), false, -1, Set.of(), false, withheld);
        }
        List<Authority> authorities = representatives.heldBy(self).stream()
                .filter(held -> ids.contains(held.person()))
                .map(RepresentativeAuthority::authority)
                .toList();
        Set<Category> keptFromParents = new HashSet<>();
        ids.forEach(id -> keptFromParents.addAll(representatives.keptFromParents(id, day)));
        return new PortalFacts(
                authorities,
                ids.stream().anyMatch(id -> representatives.lacksCapacity(id, DecisionArea.WELFARE, day)),
                age(subject, day),
                Set.copyOf(keptFromParents),
                // Asked of every implementation: a register that cannot answer throws, so the decision fails closed.
                posingRisk.stream()
                        .anyMatch(register -> ids.stream().anyMatch(id -> register.namedAsPosingRisk(self, id))),
                withheld);
    }

    /** The age in whole years by the date of birth recorded last, or -1 when none is known. */
    private int age(PersonId person, LocalDate day) {
        return index.person(person)
                .flatMap(found -> found.records().stream()
                        .filter(version -> version.demographics().dateOfBirth() != null)
                        .max(Comparator.comparing(AgencyRecordVersion::recordedAt))
                        .map(version -> Period.between(version.demographics().dateOfBirth(), day)
                                .getYears()))
                .orElse(-1);
    }
}
