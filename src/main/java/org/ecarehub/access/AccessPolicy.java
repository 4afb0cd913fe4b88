package org.ecarehub.access;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.ecarehub.partnership.Action;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.partnership.StaffAccount;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.Username;

/**
 * Evaluates the staff rules in order: the first DENY decides; an ALLOW needs every rule to allow or to find the request
 * none of its concern. Plain Java, so the policy can be tested and measured without a Spring context.
 */
public final class AccessPolicy {

    private AccessPolicy() {}

    public static AccessDecision decide(Partnership partnership, StaffAccessRequest request, AccessFacts facts) {
        return decide(partnership, request, facts, StaffRules.IN_ORDER);
    }

    /**
     * Rules 1 to 3 alone, before any person or item is known: may this account take this action on this category for
     * this purpose at all? A search asks this before it looks for anyone.
     */
    public static AccessDecision attempt(
            Partnership partnership,
            Username user,
            Purpose purpose,
            Action action,
            Category category,
            LocalDate today) {
        AgencyId agency = partnership.staff(user).map(StaffAccount::agency).orElse(null);
        if (agency == null) {
            return notStaff();
        }
        return decide(
                partnership,
                new StaffAccessRequest(user, purpose, action, category, Sensitivity.NORMAL, agency, null, today),
                AccessFacts.none(),
                List.of(StaffRules.ACTIVE, StaffRules.PURPOSE, StaffRules.ROLE));
    }

    private static AccessDecision notStaff() {
        return new AccessDecision(
                false,
                List.of(StaffRules.ACTIVE.name()),
                null,
                Set.of(),
                null,
                "the account is not a staff account of the partnership",
                null);
    }

    private static AccessDecision decide(
            Partnership partnership, StaffAccessRequest request, AccessFacts facts, List<AccessRule> rules) {
        StaffAccount user = partnership.staff(request.user()).orElse(null);
        if (user == null) {
            return notStaff();
        }
        List<String> allowedBy = new ArrayList<>();
        LawfulBasis basis = StaffRules.ownAgency(user, request) ? LawfulBasis.OWN_AGENCY : null;
        Set<DecisionFlag> flags = EnumSet.noneOf(DecisionFlag.class);
        String agreement = null;
        for (AccessRule rule : rules) {
            RuleOutcome outcome = rule.apply(partnership, user, request, facts);
            switch (outcome.verdict()) {
                case DENY -> {
                    return new AccessDecision(
                            false, List.of(rule.name()), null, Set.of(), null, outcome.reason(), outcome.wouldAllow());
                }
                case ALLOW -> {
                    allowedBy.add(rule.name());
                    if (outcome.basis() != null) {
                        basis = outcome.basis();
                    }
                    flags.addAll(outcome.flags());
                    if (outcome.agreement() != null) {
                        agreement = outcome.agreement();
                    }
                }
                case NOT_MY_CONCERN -> {}
            }
        }
        return new AccessDecision(true, allowedBy, basis, flags, agreement, null, null);
    }
}
