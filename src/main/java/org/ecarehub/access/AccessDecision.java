package org.ecarehub.access;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The decision on one request: ALLOW or DENY, the rules that decided it (for an ALLOW every rule that allowed, for a
 * DENY the one that denied), the lawful basis and flags of an ALLOW, the sharing agreement it crossed under, and for a
 * DENY the reason and what would allow it.
 */
public record AccessDecision(
        boolean allowed,
        List<String> decidingRules,
        LawfulBasis basis,
        Set<DecisionFlag> flags,
        String agreement,
        String reason,
        String wouldAllow) {

    public AccessDecision {
        decidingRules = List.copyOf(decidingRules);
        flags = Set.copyOf(flags);
    }

    public Optional<String> whatWouldAllow() {
        return Optional.ofNullable(wouldAllow);
    }
}
