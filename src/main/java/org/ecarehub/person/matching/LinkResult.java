package org.ecarehub.person.matching;

import java.util.ArrayList;
import java.util.List;

/**
 * What a link run found: the pairs it decided, in the order it decided them, each record's cluster (the people it
 * found), the fitted model, and the counts for the closing summary.
 */
public final class LinkResult {

    /** What a scored pair comes to. */
    public enum Decision {
        MATCH("match"),
        REVIEW("review");

        private final String text;

        Decision(String text) {
            this.text = text;
        }

        /** As the pairs file writes it. */
        public String text() {
            return text;
        }
    }

    /** Two records, by their index in the input, their match probability, and the decision. */
    public record Pair(int first, int second, double probability, Decision decision) {}

    private final PreparedRecord[] records;
    private final MatchModel model;
    private final List<Pair> pairs;
    private final int[] clusters;
    private final long compared;
    private final long oversizedBlocks;

    private LinkResult(Builder builder, int[] clusters) {
        this.records = builder.records;
        this.model = builder.model;
        this.pairs = List.copyOf(builder.pairs);
        this.clusters = clusters;
        this.compared = builder.compared;
        this.oversizedBlocks = builder.oversizedBlocks;
    }

    public List<Pair> pairs() {
        return pairs;
    }

    /** The cluster of a record, as the index of one record of it: records with the same cluster are one person. */
    public int clusterOf(int record) {
        return clusters[record];
    }

    public int records() {
        return records.length;
    }

    public PersonRecord record(int index) {
        return records[index].source;
    }

    public MatchModel model() {
        return model;
    }

    /** How many candidate pairs were compared. */
    public long compared() {
        return compared;
    }

    /** How many blocks were too large to pair within; their records still met under the other rules. */
    public long oversizedBlocks() {
        return oversizedBlocks;
    }

    public long count(Decision decision) {
        return pairs.stream().filter(pair -> pair.decision() == decision).count();
    }

    /** Field by field, why two records of this run scored as they did. */
    public MatchExplanation explain(int first, int second) {
        int[] levels = new int[Comparisons.FIELDS];
        Comparisons.compare(records[first], records[second], levels);
        return model.explain(levels, records[first], records[second]);
    }

    static final class Builder {
        private final PreparedRecord[] records;
        private final MatchModel model;
        private final long compared;
        private final long oversizedBlocks;
        private final List<Pair> pairs = new ArrayList<>();

        Builder(PreparedRecord[] records, MatchModel model, long compared, long oversizedBlocks) {
            this.records = records;
            this.model = model;
            this.compared = compared;
            this.oversizedBlocks = oversizedBlocks;
        }

        void add(int first, int second, double probability, Decision decision) {
            pairs.add(new Pair(first, second, probability, decision));
        }

        LinkResult build(int[] clusters) {
            return new LinkResult(this, clusters);
        }
    }
}
