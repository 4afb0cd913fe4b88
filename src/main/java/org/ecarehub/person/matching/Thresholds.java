package org.ecarehub.person.matching;

/**
 * The two match probabilities that sort scored pairs: at or above {@code match} the records are one person, at or
 * above {@code review} a person decides, below it nothing is said.
 */
public record Thresholds(double match, double review) {

    /** Chosen on the generated benchmark population: see docs/person-index.md. */
    public static final Thresholds DEFAULT = new Thresholds(0.9, 0.5);

    public Thresholds {
        if (!(review > 0 && review <= match && match <= 1)) {
            throw new IllegalArgumentException("thresholds must satisfy 0 < review threshold <= match threshold <= 1");
        }
    }
}
