package org.ecarehub.protection;

/** The hub's number for one period of a child being looked after. */
public record LookedAfterId(long value) {

    public LookedAfterId {
        if (value < 1) {
            throw new RegisterRefused("a looked-after period's number is a positive whole number, not " + value);
        }
    }

    /** How the transparency log and the access decision name it: {@code looked-after-12}. */
    public String reference() {
        return "looked-after-" + value;
    }

    @Override
    public String toString() {
        return reference();
    }
}
