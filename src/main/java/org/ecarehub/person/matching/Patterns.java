package org.ecarehub.person.matching;

/**
 * How many pairs showed each agreement pattern (one level per factor), the only thing expectation-maximisation needs:
 * some thousands of distinct patterns stand for millions of pairs. Counts are weighted, so that a random sample of
 * the pairs the blocking rules left out can stand for all of them.
 */
public final class Patterns {

    private static final Factor[] FACTORS = Factor.values();
    static final int SIZE;

    static {
        int size = 1;
        for (Factor factor : FACTORS) {
            size *= factor.levelCount();
        }
        SIZE = size;
    }

    private final double[] counts = new double[SIZE];

    void add(int[] fieldLevels, double weight) {
        counts[encode(fieldLevels)] += weight;
    }

    void addAll(Patterns other) {
        for (int i = 0; i < SIZE; i++) {
            counts[i] += other.counts[i];
        }
    }

    double[] counts() {
        return counts;
    }

    /** How many pairs the counts stand for. */
    public double pairs() {
        double total = 0;
        for (double count : counts) {
            total += count;
        }
        return total;
    }

    static int encode(int[] fieldLevels) {
        int code = 0;
        for (Factor factor : FACTORS) {
            code = code * factor.levelCount() + factor.level(fieldLevels);
        }
        return code;
    }

    /** Writes each factor's level, indexed by {@link Factor#ordinal()}, into {@code factorLevels}. */
    static void decode(int code, int[] factorLevels) {
        for (int f = FACTORS.length - 1; f >= 0; f--) {
            int count = FACTORS[f].levelCount();
            factorLevels[f] = code % count;
            code /= count;
        }
    }
}
