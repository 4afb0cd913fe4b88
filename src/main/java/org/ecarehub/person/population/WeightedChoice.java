package org.ecarehub.person.population;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Values drawn at random in proportion to their weights. */
final class WeightedChoice<T> {

    private final List<T> values;
    private final double[] cumulative;

    private WeightedChoice(List<T> values, double[] cumulative) {
        this.values = values;
        this.cumulative = cumulative;
    }

    static <T> Builder<T> builder() {
        return new Builder<>();
    }

    T pick(SplittableRandom random) {
        double target = random.nextDouble() * cumulative[cumulative.length - 1];
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (cumulative[middle] > target) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return values.get(low);
    }

    int size() {
        return values.size();
    }

    List<T> values() {
        return values;
    }

    static final class Builder<T> {

        private final List<T> values = new ArrayList<>();
        private final List<Double> weights = new ArrayList<>();

        Builder<T> add(T value, double weight) {
            if (weight > 0) {
                values.add(value);
                weights.add(weight);
            }
            return this;
        }

        WeightedChoice<T> build() {
            if (values.isEmpty()) {
                throw new IllegalStateException("A weighted choice needs at least one value with a positive weight");
            }
            double[] cumulative = new double[weights.size()];
            double total = 0;
            for (int i = 0; i < cumulative.length; i++) {
                total += weights.get(i);
                cumulative[i] = total;
            }
            return new WeightedChoice<>(List.copyOf(values), cumulative);
        }
    }
}
