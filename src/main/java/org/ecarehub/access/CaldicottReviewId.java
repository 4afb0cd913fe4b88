package org.ecarehub.access;

/** The hub's number for one Caldicott review task. */
public record CaldicottReviewId(long value) {

    /** How the transparency log names it: {@code caldicott-review-3}. */
    public String reference() {
        return "caldicott-review-" + value;
    }

    @Override
    public String toString() {
        return reference();
    }
}
