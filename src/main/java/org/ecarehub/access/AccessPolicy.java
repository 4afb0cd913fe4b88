package org.ecarehub.access;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.StaffAccount;

/**
 * Evaluates the staff rules in order: the first DENY decides; an ALLOW needs every rule to allow or to find the request
 * none of its concern. Plain Java, so the policy can be tested and measured without a Spring context.
 */
public final class AccessPolicy {

    private AccessPolicy() {}

    public static AccessDecision decide(Partnership partnership, StaffAccessRequest request, AccessFacts facts) {
        StaffAccount user = partnership.staff(request.user()).orElse(null);
        if (user == null) {
            return new AccessDecision(
                    false,
                    List.of(StaffRules.ACTIVE.name()),
                    null,
                    Set.of(),
                    null,
                    "the account is not a staff account of the partnership",
                    null);
        }
        List<String> allowedBy = new ArrayList<>();
        LawfulBasis basis = StaffRules.ownAgency(user, request) ? LawfulBasis.OWN_AGENCY : null;
        Set<DecisionFlag> flags = EnumSet.noneOf(DecisionFlag.class);
        String agreement = null;
        for (AccessRule rule : StaffRules.IN_ORDER) {
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
