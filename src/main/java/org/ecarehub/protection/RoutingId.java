package org.ecarehub.protection;

/** The routing of one protection message to one team, which that team acknowledges. */
public record RoutingId(long value) {

    public RoutingId {
        if (value < 1) {
            throw new ProtectionMessageRefused("a routing's number is positive");
        }
    }

    /** How the log names it: {@code routing-7}. */
    public String reference() {
        return "routing-" + value;
    }

    @Override
    public String toString() {
        return reference();
    }
}
