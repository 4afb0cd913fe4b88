package org.ecarehub.person.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.ecarehub.person.population.SourcedRecord;
import org.ecarehub.person.population.SyntheticPopulation;

/**
 * The online matching benchmark (bench/person.sh): a {@link MatchIndex} of about a million records, each held-out
 * record of the same people matched against it, one at a time, timing each match. For comparison, in the same run, a
 * few records are scored against every indexed record, as matching without blocking would.
 */
public final class OnlineMatchBenchmark {

    private OnlineMatchBenchmark() {}

    /** {@code OnlineMatchBenchmark [people] [queries]}. */
    public static void main(String[] args) {
        int people = args.length > 0 ? Integer.parseInt(args[0]) : 503_000;
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        List<SourcedRecord> records = SyntheticPopulation.generate(people, 7).records();
        List<PersonRecord> indexed = new ArrayList<>();
        List<PersonRecord> held = new ArrayList<>();
        // Every hundredth record stays out of the index and comes later, as a new record of a known person would.
        for (int i = 0; i < records.size(); i++) {
            (i % 100 == 0 && held.size() < queries ? held : indexed)
                    .add(records.get(i).record());
        }
        long started = System.nanoTime();
        MatchModel model = Linker.usingAllProcessors().fit(indexed);
        double fitSeconds = (System.nanoTime() - started) / 1e9;
        MatchIndex index = new MatchIndex(model);
        started = System.nanoTime();
        for (int i = 0; i < indexed.size(); i++) {
            index.put(i, indexed.get(i));
        }
        double loadSeconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "index: %,d records (fitted in %.1f s, loaded in %.1f s); %,d queries%n",
                index.size(),
                fitSeconds,
                loadSeconds,
                held.size());
        // Warm-up, as a running hub would be.
        for (int i = 0; i < Math.min(2_000, held.size()); i++) {
            index.match(held.get(i), -1);
        }
        long[] nanos = new long[held.size()];
        long candidates = 0;
        int linked = 0;
        for (int i = 0; i < held.size(); i++) {
            long start = System.nanoTime();
            List<MatchIndex.Candidate> found = index.match(held.get(i), -1);
            nanos[i] = System.nanoTime() - start;
            candidates += found.size();
            if (!found.isEmpty() && found.get(0).probability() >= Thresholds.DEFAULT.match()) {
                linked++;
            }
        }
        Arrays.sort(nanos);
        System.out.printf(
                Locale.ROOT,
                "online match: p50 %.2f ms, p99 %.2f ms, max %.2f ms; %.1f candidates a query; %d of %d above the"
                        + " match threshold%n",
                nanos[nanos.length / 2] / 1e6,
                nanos[(int) Math.ceil(nanos.length * 0.99) - 1] / 1e6,
                nanos[nanos.length - 1] / 1e6,
                (double) candidates / held.size(),
                linked,
                held.size());
        PreparedRecord[] all = indexed.stream().map(PreparedRecord::of).toArray(PreparedRecord[]::new);
        int[] levels = new int[Comparisons.FIELDS];
        int scans = 20;
        started = System.nanoTime();
        double best = 0;
        for (int q = 0; q < scans; q++) {
            PreparedRecord query = PreparedRecord.of(held.get(q));
            for (PreparedRecord other : all) {
                Comparisons.compare(query, other, levels);
                best = Math.max(best, model.probability(model.weight(levels, query, other)));
            }
        }
        System.out.printf(
                Locale.ROOT,
                "without blocking (every indexed record scored): %.0f ms a query, mean of %d%n",
                (System.nanoTime() - started) / 1e6 / scans,
                scans);
    }
}
