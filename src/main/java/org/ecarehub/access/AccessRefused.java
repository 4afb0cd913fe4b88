package org.ecarehub.access;

/** The requester may not do this at all, whoever it is about: the decision says which rule refused and why. */
public class AccessRefused extends RuntimeException {

    private final transient AccessDecision decision;

    public AccessRefused(AccessDecision decision) {
        super(decision.reason());
        this.decision = decision;
    }

    public AccessDecision decision() {
        return decision;
    }
}
