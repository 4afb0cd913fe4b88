package org.ecarehub.protection;

/** The hub's number for one adult support and protection case. */
public record AdultAtRiskId(long value) {

    public AdultAtRiskId {
        if (value < 1) {
            throw new RegisterRefused("an adult at risk case's number is a positive whole number, not " + value);
        }
    }

    /** How the transparency log and the access decision name it: {@code adult-at-risk-12}. */
    public String reference() {
        return "adult-at-risk-" + value;
    }

    @Override
    public String toString() {
        return reference();
    }
}
