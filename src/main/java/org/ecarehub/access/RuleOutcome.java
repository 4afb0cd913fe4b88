package org.ecarehub.access;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What one rule says of a request: allow (with the lawful basis and flags it sets, if any), deny (with the reason and,
 * where one exists, what would allow it), or that the request is not its concern.
 */
public record RuleOutcome(
        Verdict verdict,
        String reason,
        String wouldAllow,
        LawfulBasis basis,
        Set<DecisionFlag> flags,
        String agreement) {

    /** A rule's verdict. */
    public enum Verdict {
        ALLOW,
        DENY,
        NOT_MY_CONCERN
    }

    public RuleOutcome {
        Objects.requireNonNull(verdict, "verdict");
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
    }

    static RuleOutcome allow() {
        return new RuleOutcome(Verdict.ALLOW, null, null, null, Set.of(), null);
    }

    static RuleOutcome allow(LawfulBasis basis, DecisionFlag... flags) {
        return new RuleOutcome(Verdict.ALLOW, null, null, basis, Set.of(flags), null);
    }

    static RuleOutcome allowUnder(String agreement) {
        return new RuleOutcome(Verdict.ALLOW, null, null, null, Set.of(), agreement);
    }

    static RuleOutcome deny(String reason, String wouldAllow) {
        return new RuleOutcome(
                Verdict.DENY, Objects.requireNonNull(reason, "reason"), wouldAllow, null, Set.of(), null);
    }

    static RuleOutcome notMyConcern() {
        return new RuleOutcome(Verdict.NOT_MY_CONCERN, null, null, null, Set.of(), null);
    }
}
