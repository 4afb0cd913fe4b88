package org.ecarehub.person.matching;

import java.util.ArrayList;
import java.util.List;

/**
 * A Fellegi-Sunter model: for each {@link Factor} and level of agreement, the probability m of seeing it in a pair of
 * records of one person and u in a pair of records of two people, and the share λ of all pairs that are one person. A
 * pair's weight is the sum of log2(m/u) over the factors; its match probability follows from the weight and λ. Given
 * and family names that agree exactly weigh more when the name is rare and less when it is common, in proportion to
 * how often the name occurs among the records being linked.
 *
 * <p>{@link #estimate} fits m, u and λ by expectation-maximisation to the pairs of the data being linked: the
 * candidate pairs of the blocking rules, whose match or not is the hidden variable; those among them that share one
 * valid CHI, taken as one person; and a random sample of the pairs the rules left out, weighted to stand for all of
 * those and taken as pairs of different people (among them one pair in many thousands may be a person's two
 * records). The pairs sharing a CHI keep the fit from taking a household for a person: without them, the many
 * candidate pairs of one family at one address, agreeing on almost everything, can pull the "match" class their way. The sample anchors u where different people agree by chance
 * often, so the fit cannot mistake a common name for a person; the candidates give u where they agree rarely, as
 * twins and a father and son of one name do. The {@link #priors()} start the fit and count as a few pseudo-pairs, so
 * a level no pair shows keeps a sane value.
 */
public final class MatchModel {

    private static final Factor[] FACTORS = Factor.values();
    private static final double PSEUDO_PAIRS = 5;
    private static final double SAME_CHI_SHARE = 0.8;
    private static final double FLOOR = 1e-300;
    private static final double MAX_FREQUENCY_ADJUSTMENT = 6;

    private final double[][] m;
    private final double[][] u;
    private final double lambda;
    private final double[][] weights;
    private final double priorWeight;
    private final double givenCollision;
    private final double familyCollision;

    MatchModel(double[][] m, double[][] u, double lambda, double givenCollision, double familyCollision) {
        this.m = m;
        this.u = u;
        this.lambda = lambda;
        this.givenCollision = givenCollision;
        this.familyCollision = familyCollision;
        this.priorWeight = log2(lambda / (1 - lambda));
        this.weights = new double[FACTORS.length][];
        for (Factor factor : FACTORS) {
            int f = factor.ordinal();
            weights[f] = new double[factor.levelCount()];
            for (int level = 1; level < factor.levelCount(); level++) {
                weights[f][level] = log2(Math.max(m[f][level], FLOOR) / Math.max(u[f][level], FLOOR));
            }
        }
    }

    /**
     * What a partnership would assume before seeing its data, field by field (a factor of several fields starts as
     * if they were independent); the starting point of {@link #estimate}.
     */
    public static MatchModel priors() {
        double[][] fieldM = new double[Field.values().length][];
        double[][] fieldU = new double[Field.values().length][];
        set(fieldM, fieldU, Field.CHI, new double[] {0.9, 0.05, 0.05}, new double[] {1e-6, 1e-5, 0.99999});
        set(fieldM, fieldU, Field.GIVEN_NAME, new double[] {0.85, 0.08, 0.04, 0.01, 0.02}, new double[] {
            0.02, 0.005, 0.02, 0.005, 0.95
        });
        set(fieldM, fieldU, Field.FAMILY_NAME, new double[] {0.88, 0.04, 0.04, 0.04}, new double[] {
            0.01, 0.001, 0.02, 0.969
        });
        set(fieldM, fieldU, Field.DATE_OF_BIRTH, new double[] {0.95, 0.04, 0.007, 0.003}, new double[] {
            3e-5, 3e-4, 0.4, 0.59967
        });
        set(fieldM, fieldU, Field.SEX, new double[] {0.98, 0.02}, new double[] {0.5, 0.5});
        set(fieldM, fieldU, Field.RESIDENCE, new double[] {0.7, 0.05, 0.05, 0.05, 0.05, 0.1}, new double[] {
            1e-4, 2e-4, 5e-4, 0.01, 0.05, 0.9393
        });
        set(fieldM, fieldU, Field.PHONE, new double[] {0.7, 0.3}, new double[] {1e-5, 0.99999});
        double[][] m = new double[FACTORS.length][];
        double[][] u = new double[FACTORS.length][];
        for (Factor factor : FACTORS) {
            m[factor.ordinal()] = joint(factor, fieldM);
            u[factor.ordinal()] = joint(factor, fieldU);
        }
        return new MatchModel(m, u, 1e-4, 0, 0);
    }

    private static void set(double[][] m, double[][] u, Field field, double[] mLevels, double[] uLevels) {
        m[field.ordinal()] = withNotCompared(mLevels);
        u[field.ordinal()] = withNotCompared(uLevels);
    }

    /** "Not compared" is given the probability 1 within a factor: it multiplies the others' by nothing. */
    private static double[] withNotCompared(double[] levels) {
        double[] all = new double[levels.length + 1];
        all[0] = 1;
        System.arraycopy(levels, 0, all, 1, levels.length);
        return all;
    }

    private static double[] joint(Factor factor, double[][] fieldProbabilities) {
        double[] joint = new double[factor.levelCount()];
        for (int level = 1; level < factor.levelCount(); level++) {
            double probability = 1;
            for (Field field : factor.fields()) {
                probability *= fieldProbabilities[field.ordinal()][factor.fieldLevel(level, field)];
            }
            joint[level] = probability;
        }
        // Missing fields were given probability 1, so the levels of a factor do not yet sum to one.
        double sum = 0;
        for (int level = 1; level < joint.length; level++) {
            sum += joint[level];
        }
        for (int level = 1; level < joint.length; level++) {
            joint[level] /= sum;
        }
        return joint;
    }

    /**
     * Fits m, u and λ to the weighted counts of the pairs' agreement patterns by expectation-maximisation, and takes
     * the name collision rates (the chance that two random records share a given or a family name) for the frequency
     * adjustment.
     */
    public MatchModel estimate(
            Patterns candidates,
            Patterns sameChi,
            Patterns others,
            int iterations,
            double givenCollision,
            double familyCollision) {
        double[][] mNow = copy(m);
        double[][] uNow = copy(u);
        double lambdaNow = lambda;
        double[] counts = candidates.counts();
        int[] levels = new int[FACTORS.length];
        double[][] othersSum = levelSums(others);
        double othersTotal = others.pairs();
        double[][] sameChiSum = levelSums(sameChi);
        double sameChiTotal = sameChi.pairs();
        for (int iteration = 0; iteration < iterations; iteration++) {
            double[][] mSum = zeros();
            double[][] uSum = copy(othersSum);
            double matchSum = sameChiTotal;
            double unlabelledMatches = 0;
            double total = othersTotal + sameChiTotal;
            for (int code = 0; code < counts.length; code++) {
                double count = counts[code];
                if (count == 0) {
                    continue;
                }
                Patterns.decode(code, levels);
                double logOdds = Math.log(lambdaNow) - Math.log(1 - lambdaNow);
                for (int f = 0; f < FACTORS.length; f++) {
                    if (levels[f] != 0) {
                        logOdds += Math.log(Math.max(mNow[f][levels[f]], FLOOR))
                                - Math.log(Math.max(uNow[f][levels[f]], FLOOR));
                    }
                }
                double posterior = 1 / (1 + Math.exp(-logOdds));
                double matches = count * posterior;
                double nonMatches = count - matches;
                matchSum += matches;
                unlabelledMatches += matches;
                total += count;
                for (int f = 0; f < FACTORS.length; f++) {
                    mSum[f][levels[f]] += matches;
                    uSum[f][levels[f]] += nonMatches;
                }
            }
            if (total == 0) {
                break;
            }
            // The pairs one CHI names as one person outweigh the fit's own guesses, which on their own drift towards
            // a parent and child of one name; the CHI itself is weighed by its true share, all of one level.
            double scale = sameChiTotal == 0
                    ? 0
                    : Math.max(1, SAME_CHI_SHARE / (1 - SAME_CHI_SHARE) * unlabelledMatches / sameChiTotal);
            for (Factor factor : FACTORS) {
                int f = factor.ordinal();
                double weight = factor == Factor.CHI ? 1 : scale;
                for (int level = 0; level < factor.levelCount(); level++) {
                    mSum[f][level] += weight * sameChiSum[f][level];
                }
            }
            mNow = productOfMarginals(normalise(mSum, m));
            uNow = atLeastIndependent(normalise(uSum, u));
            lambdaNow = Math.min(0.5, Math.max(1e-15, matchSum / total));
        }
        return new MatchModel(mNow, uNow, lambdaNow, givenCollision, familyCollision);
    }

    /**
     * Within one person's records, the mistakes in the fields of a factor happen independently of one another (a
     * wrong birthday says nothing of a misspelt family name), so m of a combination is the product of its fields' own
     * m. Fitting every combination freely would let a rare one, such as a father and son of one name at one address,
     * be taken for a person's records by the fit itself.
     */
    private static double[][] productOfMarginals(double[][] m) {
        for (Factor factor : FACTORS) {
            if (factor.fields().size() < 2) {
                continue;
            }
            double[] joint = m[factor.ordinal()];
            List<double[]> marginals = marginals(factor, joint);
            double sum = 0;
            for (int level = 1; level < joint.length; level++) {
                joint[level] = independent(factor, marginals, level);
                sum += joint[level];
            }
            for (int level = 1; level < joint.length; level++) {
                joint[level] /= sum;
            }
        }
        return m;
    }

    private static List<double[]> marginals(Factor factor, double[] joint) {
        List<double[]> marginals = new ArrayList<>();
        for (Field field : factor.fields()) {
            double[] marginal = new double[field.levelCount()];
            for (int level = 1; level < joint.length; level++) {
                marginal[factor.fieldLevel(level, field)] += joint[level];
            }
            marginals.add(marginal);
        }
        return marginals;
    }

    private static double independent(Factor factor, List<double[]> marginals, int level) {
        double product = 1;
        for (int f = 0; f < factor.fields().size(); f++) {
            product *= marginals.get(f)[factor.fieldLevel(level, factor.fields().get(f))];
        }
        return product;
    }

    /**
     * Different people agree on a combination of a household's fields at least as often as they would if the fields
     * were independent (a family shares them; nothing makes strangers avoid sharing them). Where the pairs are too
     * few to show how often a rare combination occurs by chance, such as one family name and a birthday one digit
     * apart, u is raised to the product of its fields' own u, so that the rare combination is not taken for proof.
     */
    private static double[][] atLeastIndependent(double[][] u) {
        for (Factor factor : FACTORS) {
            if (factor.fields().size() < 2) {
                continue;
            }
            double[] joint = u[factor.ordinal()];
            List<double[]> marginals = new ArrayList<>();
            for (Field field : factor.fields()) {
                double[] marginal = new double[field.levelCount()];
                for (int level = 1; level < joint.length; level++) {
                    marginal[factor.fieldLevel(level, field)] += joint[level];
                }
                // Within the compared pairs, each field's "not compared" level is a share like any other.
                marginals.add(marginal);
            }
            double sum = 0;
            for (int level = 1; level < joint.length; level++) {
                double independent = 1;
                for (int f = 0; f < factor.fields().size(); f++) {
                    independent *= marginals
                            .get(f)[factor.fieldLevel(level, factor.fields().get(f))];
                }
                joint[level] = Math.max(joint[level], independent);
                sum += joint[level];
            }
            for (int level = 1; level < joint.length; level++) {
                joint[level] /= sum;
            }
        }
        return u;
    }

    /** How many pairs, of those counted, showed each level of each factor. */
    private static double[][] levelSums(Patterns patterns) {
        double[][] sums = zeros();
        int[] levels = new int[FACTORS.length];
        double[] counts = patterns.counts();
        for (int code = 0; code < counts.length; code++) {
            if (counts[code] != 0) {
                Patterns.decode(code, levels);
                for (int f = 0; f < FACTORS.length; f++) {
                    sums[f][levels[f]] += counts[code];
                }
            }
        }
        return sums;
    }

    /** Each factor's level probabilities from the expected counts, with the prior as a few pseudo-pairs. */
    private static double[][] normalise(double[][] sums, double[][] prior) {
        double[][] result = zeros();
        for (Factor factor : FACTORS) {
            int f = factor.ordinal();
            double compared = 0;
            for (int level = 1; level < factor.levelCount(); level++) {
                compared += sums[f][level];
            }
            for (int level = 1; level < factor.levelCount(); level++) {
                result[f][level] = (sums[f][level] + PSEUDO_PAIRS * prior[f][level]) / (compared + PSEUDO_PAIRS);
            }
        }
        return result;
    }

    /** The weight of evidence of a pair, in bits, prior excluded, from its field levels and how rare the names are. */
    double weight(int[] fieldLevels, PreparedRecord a, PreparedRecord b) {
        double total = 0;
        for (Factor factor : FACTORS) {
            total += weights[factor.ordinal()][factor.level(fieldLevels)];
        }
        return total + frequencyAdjustment(fieldLevels, a, b);
    }

    /** Both records spell an exactly agreeing name alike, so the first record's frequency is the name's. */
    private double frequencyAdjustment(int[] fieldLevels, PreparedRecord a, PreparedRecord b) {
        double adjustment = 0;
        if (fieldLevels[Field.GIVEN_NAME.ordinal()] == 1 && givenCollision > 0 && a.givenFrequency > 0) {
            adjustment += clamp(log2(givenCollision / a.givenFrequency));
        }
        // Two records of one home share a family name because they share the home, not by chance: how rare the name
        // is says nothing more there.
        boolean sameHome = fieldLevels[Field.RESIDENCE.ordinal()] == 1 || fieldLevels[Field.RESIDENCE.ordinal()] == 2;
        if (fieldLevels[Field.FAMILY_NAME.ordinal()] == 1
                && !sameHome
                && familyCollision > 0
                && a.familyFrequency > 0) {
            adjustment += clamp(log2(familyCollision / a.familyFrequency));
        }
        return adjustment;
    }

    private static double clamp(double bits) {
        return Math.max(-MAX_FREQUENCY_ADJUSTMENT, Math.min(MAX_FREQUENCY_ADJUSTMENT, bits));
    }

    /** The match probability of a weight, given the share of all pairs that are one person. */
    public double probability(double weight) {
        return 1 / (1 + Math.pow(2, -(weight + priorWeight)));
    }

    /** Every factor's contribution to a pair's score, for the reviewer and for the person who asks why. */
    MatchExplanation explain(int[] fieldLevels, PreparedRecord a, PreparedRecord b) {
        List<MatchExplanation.FactorWeight> factors = new ArrayList<>();
        for (Factor factor : FACTORS) {
            int level = factor.level(fieldLevels);
            List<MatchExplanation.FieldLevel> fields = factor.fields().stream()
                    .map(field -> new MatchExplanation.FieldLevel(
                            field, fieldLevels[field.ordinal()], field.describe(fieldLevels[field.ordinal()])))
                    .toList();
            factors.add(new MatchExplanation.FactorWeight(
                    factor, fields, factor.describe(level), weights[factor.ordinal()][level]));
        }
        double weight = weight(fieldLevels, a, b);
        return new MatchExplanation(probability(weight), priorWeight, frequencyAdjustment(fieldLevels, a, b), factors);
    }

    /** The share of all pairs that are one person. */
    public double lambda() {
        return lambda;
    }

    /** The fitted m probability of a factor's level. */
    public double m(Factor factor, int level) {
        return m[factor.ordinal()][level];
    }

    /** The fitted u probability of a factor's level. */
    public double u(Factor factor, int level) {
        return u[factor.ordinal()][level];
    }

    /** The weight, in bits, of a factor's level. */
    public double weight(Factor factor, int level) {
        return weights[factor.ordinal()][level];
    }

    private static double[][] zeros() {
        double[][] zeros = new double[FACTORS.length][];
        for (Factor factor : FACTORS) {
            zeros[factor.ordinal()] = new double[factor.levelCount()];
        }
        return zeros;
    }

    private static double[][] copy(double[][] source) {
        double[][] copy = new double[source.length][];
        for (int i = 0; i < source.length; i++) {
            copy[i] = source[i].clone();
        }
        return copy;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
