package org.ecarehub.person.matching;

import java.util.Arrays;
import java.util.List;

/** Pairs of record indices with their match probability, in growable primitive arrays. */
final class ScoredPairs {

    private int[] first = new int[1024];
    private int[] second = new int[1024];
    private double[] probability = new double[1024];
    private int size;

    void add(int i, int j, double score) {
        if (size == first.length) {
            int capacity = size * 2;
            first = Arrays.copyOf(first, capacity);
            second = Arrays.copyOf(second, capacity);
            probability = Arrays.copyOf(probability, capacity);
        }
        first[size] = i;
        second[size] = j;
        probability[size] = score;
        size++;
    }

    int size() {
        return size;
    }

    int first(int pair) {
        return first[pair];
    }

    int second(int pair) {
        return second[pair];
    }

    double probability(int pair) {
        return probability[pair];
    }

    static ScoredPairs concat(List<ScoredPairs> parts) {
        ScoredPairs all = new ScoredPairs();
        for (ScoredPairs part : parts) {
            for (int pair = 0; pair < part.size; pair++) {
                all.add(part.first[pair], part.second[pair], part.probability[pair]);
            }
        }
        return all;
    }

    /** The pair numbers from the highest probability to the lowest. */
    int[] byProbabilityDescending() {
        // Probabilities are non-negative, so their bit patterns sort as they do; the pair number rides in the low bits.
        long[] keyed = new long[size];
        for (int pair = 0; pair < size; pair++) {
            long bits = Double.doubleToLongBits(probability[pair]) >>> 2;
            keyed[pair] = (bits & ~((1L << 32) - 1) | pair);
        }
        Arrays.parallelSort(keyed);
        int[] order = new int[size];
        for (int k = 0; k < size; k++) {
            order[k] = (int) keyed[size - 1 - k];
        }
        return order;
    }
}
