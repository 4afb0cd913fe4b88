package org.ecarehub.person.matching;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ecarehub.person.population.SyntheticPopulation;

/**
 * The accuracy benchmark of the linker (bench/person.sh): links a generated population and measures, against the
 * generator's truth, the clustered precision and recall (over the transitive closure of match pairs), the share of
 * true pairs left to review and the review pairs per 1,000 records, at the default thresholds and across others.
 */
public final class LinkAccuracy {

    /** The figures of one run. */
    public record Figures(
            int records,
            long truePairs,
            long foundPairs,
            long rightPairs,
            long reviews,
            long trueReviews,
            double seconds) {

        public double precision() {
            return foundPairs == 0 ? 1 : (double) rightPairs / foundPairs;
        }

        public double recall() {
            return truePairs == 0 ? 1 : (double) rightPairs / truePairs;
        }

        /** True pairs not joined that a reviewer is shown. */
        public double trueLeftToReview() {
            return truePairs == 0 ? 0 : (double) trueReviews / truePairs;
        }

        public double reviewsPerThousand() {
            return reviews * 1000.0 / records;
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "records %d, true pairs %d: precision %.5f, recall %.5f, true pairs left to review %.4f,"
                            + " review pairs per 1,000 records %.1f, %.1f s",
                    records,
                    truePairs,
                    precision(),
                    recall(),
                    trueLeftToReview(),
                    reviewsPerThousand(),
                    seconds);
        }
    }

    private LinkAccuracy() {}

    public static Figures measure(List<org.ecarehub.person.population.SourcedRecord> sourced, Thresholds thresholds) {
        List<PersonRecord> records = new ArrayList<>(sourced.size());
        String[] truth = new String[sourced.size()];
        for (int i = 0; i < sourced.size(); i++) {
            // As a person file has them: the files have no column for previous family names.
            PersonRecord record = sourced.get(i).record();
            records.add(new PersonRecord(
                    record.agency(),
                    record.localId(),
                    record.chi(),
                    record.givenName(),
                    record.familyName(),
                    record.otherGivenNames(),
                    record.dateOfBirth(),
                    record.sex(),
                    record.address(),
                    record.postcode(),
                    record.phone(),
                    List.of()));
            truth[i] = sourced.get(i).personKey();
        }
        long started = System.nanoTime();
        LinkResult result = Linker.usingAllProcessors().link(records, thresholds, Linker.Progress.NONE);
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Long> perPerson = new HashMap<>();
        Map<Integer, Long> perCluster = new HashMap<>();
        Map<String, Long> perBoth = new HashMap<>();
        for (int i = 0; i < truth.length; i++) {
            perPerson.merge(truth[i], 1L, Long::sum);
            perCluster.merge(result.clusterOf(i), 1L, Long::sum);
            perBoth.merge(truth[i] + "|" + result.clusterOf(i), 1L, Long::sum);
        }
        long reviews = 0;
        long trueReviews = 0;
        for (LinkResult.Pair pair : result.pairs()) {
            if (pair.decision() == LinkResult.Decision.REVIEW) {
                reviews++;
                if (truth[pair.first()].equals(truth[pair.second()])) {
                    trueReviews++;
                }
            }
        }
        return new Figures(
                records.size(), pairs(perPerson), pairs(perCluster), pairs(perBoth), reviews, trueReviews, seconds);
    }

    private static long pairs(Map<?, Long> sizes) {
        return sizes.values().stream().mapToLong(n -> n * (n - 1) / 2).sum();
    }

    /** {@code LinkAccuracy [people] [seed]}: figures at the default thresholds, then across a grid of them. */
    public static void main(String[] args) {
        int people = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        var population = SyntheticPopulation.generate(people, seed);
        System.out.println("people " + people + ", seed " + seed + ", "
                + population.records().size() + " records");
        System.out.println("default " + Thresholds.DEFAULT + ": " + measure(population.records(), Thresholds.DEFAULT));
        for (double match : new double[] {0.8, 0.9, 0.95, 0.99, 0.999}) {
            for (double review : new double[] {0.1, 0.5, 0.9}) {
                if (review <= match) {
                    Thresholds thresholds = new Thresholds(match, review);
                    System.out.println(thresholds + ": " + measure(population.records(), thresholds));
                }
            }
        }
    }
}
