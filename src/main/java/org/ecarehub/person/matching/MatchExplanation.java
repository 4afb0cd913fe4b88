package org.ecarehub.person.matching;

import java.util.List;

/**
 * Why two records scored as they did: the weight, in bits, each factor of the model added or took away, with each
 * field's level of agreement; the prior weight, from the share of all pairs that are one person; and the adjustment
 * for how rare or common an exactly agreeing name is. The weights and the prior add up to the log-odds of the match
 * probability.
 */
public record MatchExplanation(
        double probability, double priorWeight, double nameFrequencyWeight, List<FactorWeight> factors) {

    public MatchExplanation {
        factors = List.copyOf(factors);
    }

    /** One factor's agreement, field by field, and the weight it carried. */
    public record FactorWeight(Factor factor, List<FieldLevel> fields, String agreement, double weight) {
        public FactorWeight {
            fields = List.copyOf(fields);
        }
    }

    /** One field's level of agreement within a factor. */
    public record FieldLevel(Field field, int level, String agreement) {}

    /** The level of one field, wherever its factor put it. */
    public FieldLevel field(Field field) {
        return factors.stream()
                .flatMap(factor -> factor.fields().stream())
                .filter(level -> level.field() == field)
                .findFirst()
                .orElseThrow();
    }

    /** The total weight of evidence, in bits, prior included. */
    public double totalWeight() {
        return priorWeight
                + nameFrequencyWeight
                + factors.stream().mapToDouble(FactorWeight::weight).sum();
    }
}
