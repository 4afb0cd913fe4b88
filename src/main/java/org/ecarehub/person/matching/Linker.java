package org.ecarehub.person.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Links person records within and across agencies: blocks them into candidate pairs, fits a Fellegi-Sunter model to
 * those pairs by expectation-maximisation, scores every pair, and forms people from the {@code match} pairs so that
 * a chain of matches never joins two records that the evidence says are different people.
 *
 * <p>Candidate pairs are compared twice (once to count patterns for the fit, once to score) rather than kept, so that
 * memory grows with the records and the pairs worth reporting, not with every pair compared.
 */
public final class Linker {

    private static final int EM_ITERATIONS = 40;
    private static final int SAMPLED_PAIRS = 1_000_000;
    private static final long SAMPLE_SEED = 20_261_125L;
    private static final int SAMPLED_PER_RECORD = 50;
    private static final int BLOCKS_PER_TASK = 512;
    private static final int INDEX_BITS = 22;
    private static final long INDEX_MASK = (1L << INDEX_BITS) - 1;

    /** The most records one run can link: candidate keys carry the record's index in their low bits. */
    public static final int MAX_RECORDS = 1 << INDEX_BITS;

    private final int threads;

    public Linker(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        this.threads = threads;
    }

    /** A linker with a thread for each processor. */
    public static Linker usingAllProcessors() {
        return new Linker(Runtime.getRuntime().availableProcessors());
    }

    /** Hears how far a run has got: once per stage with done 0, and as comparisons complete. */
    public interface Progress {
        Progress NONE = (stage, done, total) -> {};

        void advanced(String stage, long done, long total);
    }

    /** Links the records: pairs above the review threshold and the people they make. */
    public LinkResult link(List<PersonRecord> records, Thresholds thresholds, Progress progress) {
        if (records.size() > MAX_RECORDS) {
            throw new IllegalArgumentException("at most " + MAX_RECORDS + " records can be linked in one run");
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "linker");
            thread.setDaemon(true);
            return thread;
        });
        try {
            return new Run(records, thresholds, progress, pool).link();
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Fits the model to the records without scoring or clustering them: for the person index, whose records are
     * matched one at a time as they come.
     */
    public MatchModel fit(List<PersonRecord> records) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "linker");
            thread.setDaemon(true);
            return thread;
        });
        try {
            return new Run(records, Thresholds.DEFAULT, Progress.NONE, pool).fit();
        } finally {
            pool.shutdownNow();
        }
    }

    private final class Run {

        private final Thresholds thresholds;
        private final Progress progress;
        private final ExecutorService pool;
        private final PreparedRecord[] prepared;
        private final long[][] keys;
        private final long[][] entries;
        private final int[][] blockStarts;
        private long oversizedBlocks;
        private long candidatePairs = -1;
        private double givenCollision;
        private double familyCollision;

        Run(List<PersonRecord> records, Thresholds thresholds, Progress progress, ExecutorService pool) {
            this.thresholds = thresholds;
            this.progress = progress;
            this.pool = pool;
            progress.advanced("preparing", 0, records.size());
            this.prepared = IntStream.range(0, records.size())
                    .parallel()
                    .mapToObj(i -> PreparedRecord.of(records.get(i)))
                    .toArray(PreparedRecord[]::new);
            int rules = Blocking.RULES.size();
            this.keys = new long[rules][prepared.length];
            this.entries = new long[rules][];
            this.blockStarts = new int[rules][];
        }

        LinkResult link() {
            MatchModel model = fit();
            long compared = countPairs();
            List<ScoredPairs> scored = score(model, compared);
            return cluster(model, scored, compared);
        }

        MatchModel fit() {
            countNames();
            block();
            long compared = countPairs();
            Patterns candidates = new Patterns();
            Patterns sameChi = new Patterns();
            compare(candidates, sameChi, compared);
            Patterns others = sampleTheRest(compared);
            return MatchModel.priors()
                    .estimate(candidates, sameChi, others, EM_ITERATIONS, givenCollision, familyCollision);
        }

        private void countNames() {
            Map<String, Integer> given = new HashMap<>();
            Map<String, Integer> family = new HashMap<>();
            for (PreparedRecord record : prepared) {
                if (!record.given.isEmpty()) {
                    given.merge(record.given, 1, Integer::sum);
                }
                if (!record.family.isEmpty()) {
                    family.merge(record.family, 1, Integer::sum);
                }
            }
            givenCollision = collision(given);
            familyCollision = collision(family);
            double total = prepared.length;
            for (PreparedRecord record : prepared) {
                record.givenFrequency = record.given.isEmpty() ? 0 : given.get(record.given) / total;
                record.familyFrequency = record.family.isEmpty() ? 0 : family.get(record.family) / total;
            }
        }

        /** The chance that two records drawn at random share the name, among records that have one. */
        private double collision(Map<String, Integer> counts) {
            double all = counts.values().stream().mapToLong(Integer::longValue).sum();
            if (all == 0) {
                return 0;
            }
            double sum = 0;
            for (int count : counts.values()) {
                sum += (count / all) * (count / all);
            }
            return sum;
        }

        private void block() {
            progress.advanced("blocking", 0, prepared.length);
            IntStream.range(0, prepared.length).parallel().forEach(i -> {
                long[] recordKeys = new long[keys.length];
                Blocking.keys(prepared[i], recordKeys);
                for (int rule = 0; rule < keys.length; rule++) {
                    keys[rule][i] = recordKeys[rule];
                }
            });
            for (int rule = 0; rule < keys.length; rule++) {
                long[] ruleKeys = keys[rule];
                long[] sorted = IntStream.range(0, prepared.length)
                        .filter(i -> ruleKeys[i] != 0)
                        .mapToLong(i -> ruleKeys[i] << INDEX_BITS | i)
                        .toArray();
                Arrays.parallelSort(sorted);
                entries[rule] = sorted;
                List<Integer> starts = new ArrayList<>();
                int start = 0;
                while (start < sorted.length) {
                    int end = start + 1;
                    while (end < sorted.length && sorted[end] >>> INDEX_BITS == sorted[start] >>> INDEX_BITS) {
                        end++;
                    }
                    if (end - start > Blocking.MAX_BLOCK) {
                        oversizedBlocks++;
                        // Its records never met under this rule, so a later rule must not think they did.
                        for (int x = start; x < end; x++) {
                            ruleKeys[(int) (sorted[x] & INDEX_MASK)] = 0;
                        }
                    } else if (end - start > 1) {
                        starts.add(start);
                        starts.add(end);
                    }
                    start = end;
                }
                blockStarts[rule] = starts.stream().mapToInt(Integer::intValue).toArray();
            }
        }

        /** How many pairs the rules bring together, each counted once; counted on the first call only. */
        private long countPairs() {
            if (candidatePairs < 0) {
                candidatePairs = forEachPair(() -> (i, j) -> {}, "counting", 0);
            }
            return candidatePairs;
        }

        /** Counts the candidate pairs' patterns, those of pairs sharing one valid CHI apart. */
        private void compare(Patterns candidates, Patterns sameChi, long total) {
            List<Patterns[]> perThread = java.util.Collections.synchronizedList(new ArrayList<>());
            forEachPair(
                    () -> {
                        Patterns[] own = {new Patterns(), new Patterns()};
                        perThread.add(own);
                        int[] levels = new int[Comparisons.FIELDS];
                        return (i, j) -> {
                            PreparedRecord a = prepared[i];
                            PreparedRecord b = prepared[j];
                            Comparisons.compare(a, b, levels);
                            boolean oneChi = a.chiValid && b.chiValid && a.chi.equals(b.chi);
                            own[oneChi ? 1 : 0].add(levels, 1);
                        };
                    },
                    "comparing",
                    total);
            for (Patterns[] own : perThread) {
                candidates.addAll(own[0]);
                sameChi.addAll(own[1]);
            }
        }

        /**
         * Adds a random sample of the pairs no rule brought together, weighted to stand for all of them, so that the
         * fit sees how often different people agree by chance, not only among the candidates.
         */
        private Patterns sampleTheRest(long compared) {
            long n = prepared.length;
            double rest = n * (n - 1) / 2.0 - compared;
            Patterns sample = new Patterns();
            if (rest < 1) {
                return sample;
            }
            int wanted = (int) Math.min(Math.min(SAMPLED_PAIRS, rest), SAMPLED_PER_RECORD * n);
            progress.advanced("sampling", 0, wanted);
            java.util.SplittableRandom random = new java.util.SplittableRandom(SAMPLE_SEED);
            int[] levels = new int[Comparisons.FIELDS];
            int kept = 0;
            long tries = 0;
            while (kept < wanted && tries < 20L * wanted) {
                tries++;
                int i = random.nextInt(prepared.length);
                int j = random.nextInt(prepared.length);
                if (i == j || isCandidate(i, j)) {
                    continue;
                }
                Comparisons.compare(prepared[i], prepared[j], levels);
                sample.add(levels, 1);
                kept++;
            }
            double weight = rest / Math.max(1, kept);
            double[] counts = sample.counts();
            for (int code = 0; code < counts.length; code++) {
                counts[code] *= weight;
            }
            return sample;
        }

        private boolean isCandidate(int i, int j) {
            return metByEarlierRule(keys.length, i, j);
        }

        private List<ScoredPairs> score(MatchModel model, long total) {
            List<ScoredPairs> perThread = java.util.Collections.synchronizedList(new ArrayList<>());
            double floor = thresholds.review();
            forEachPair(
                    () -> {
                        ScoredPairs own = new ScoredPairs();
                        perThread.add(own);
                        int[] levels = new int[Comparisons.FIELDS];
                        return (i, j) -> {
                            Comparisons.compare(prepared[i], prepared[j], levels);
                            double probability = model.probability(model.weight(levels, prepared[i], prepared[j]));
                            if (probability >= floor) {
                                own.add(i, j, probability);
                            }
                        };
                    },
                    "scoring",
                    total);
            return perThread;
        }

        private LinkResult cluster(MatchModel model, List<ScoredPairs> scored, long compared) {
            progress.advanced("clustering", 0, prepared.length);
            ScoredPairs all = ScoredPairs.concat(scored);
            Clusters clusters = new Clusters(prepared, model, thresholds);
            LinkResult.Builder result = new LinkResult.Builder(prepared, model, compared, oversizedBlocks);
            clusters.decide(all, result);
            return result.build(clusters.clusterOfEachRecord());
        }

        /**
         * Calls a visitor, one per task, for every candidate pair, each pair once, across the pool's threads; returns
         * how many pairs it visited.
         */
        private long forEachPair(java.util.function.Supplier<PairVisitor> visitors, String stage, long total) {
            progress.advanced(stage, 0, total);
            AtomicLong done = new AtomicLong();
            for (int rule = 0; rule < entries.length; rule++) {
                int currentRule = rule;
                int blocks = blockStarts[rule].length / 2;
                AtomicInteger next = new AtomicInteger();
                List<Future<?>> tasks = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    tasks.add(pool.submit(() -> {
                        PairVisitor visitor = visitors.get();
                        int from;
                        while ((from = next.getAndAdd(BLOCKS_PER_TASK)) < blocks) {
                            int to = Math.min(blocks, from + BLOCKS_PER_TASK);
                            long visited = 0;
                            for (int block = from; block < to; block++) {
                                visited += visitBlock(currentRule, block, visitor);
                            }
                            progress.advanced(stage, done.addAndGet(visited), total);
                        }
                    }));
                }
                for (Future<?> task : tasks) {
                    try {
                        task.get();
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("linking was interrupted", interrupted);
                    } catch (ExecutionException failed) {
                        throw new IllegalStateException("linking failed", failed.getCause());
                    }
                }
            }
            return done.get();
        }

        private long visitBlock(int rule, int block, PairVisitor visitor) {
            long[] sorted = entries[rule];
            int start = blockStarts[rule][2 * block];
            int end = blockStarts[rule][2 * block + 1];
            long visited = 0;
            for (int x = start; x < end; x++) {
                int i = (int) (sorted[x] & INDEX_MASK);
                for (int y = x + 1; y < end; y++) {
                    int j = (int) (sorted[y] & INDEX_MASK);
                    if (!metByEarlierRule(rule, i, j)) {
                        visitor.visit(Math.min(i, j), Math.max(i, j));
                        visited++;
                    }
                }
            }
            return visited;
        }

        private boolean metByEarlierRule(int rule, int i, int j) {
            for (int earlier = 0; earlier < rule; earlier++) {
                long key = keys[earlier][i];
                if (key != 0 && key == keys[earlier][j]) {
                    return true;
                }
            }
            return false;
        }
    }

    @FunctionalInterface
    private interface PairVisitor {
        void visit(int i, int j);
    }
}
