package org.ecarehub.access;

/** The hub's number for one challenge a person or representative raised. */
public record ChallengeId(long value) {

    /** How the transparency log and the review queue name it: {@code challenge-3}. */
    public String reference() {
        return "challenge-" + value;
    }

    @Override
    public String toString() {
        return reference();
    }
}
