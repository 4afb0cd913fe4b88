package org.ecarehub.person.matching;

/**
 * Forms people from scored pairs, the strongest first. Two clusters join on a {@code match} pair only when every
 * record of one, set against every record of the other, scores at least the review threshold: so a chain of matches
 * A-B, B-C never joins A and C when their own comparison says they are different people. A match pair refused in
 * this way goes to review, with the evidence of both clusters for the reviewer.
 */
final class Clusters {

    private final PreparedRecord[] records;
    private final MatchModel model;
    private final Thresholds thresholds;
    private final int[] parent;
    private final int[] size;
    /** Each record's next record in its cluster, in a circle. */
    private final int[] next;

    private final int[] levels = new int[Comparisons.FIELDS];

    Clusters(PreparedRecord[] records, MatchModel model, Thresholds thresholds) {
        this.records = records;
        this.model = model;
        this.thresholds = thresholds;
        this.parent = new int[records.length];
        this.size = new int[records.length];
        this.next = new int[records.length];
        for (int i = 0; i < records.length; i++) {
            parent[i] = i;
            size[i] = 1;
            next[i] = i;
        }
    }

    /** Decides every pair: match pairs first, strongest first, then reviews between records left apart. */
    void decide(ScoredPairs pairs, LinkResult.Builder result) {
        int[] order = pairs.byProbabilityDescending();
        for (int pair : order) {
            double probability = pairs.probability(pair);
            int i = pairs.first(pair);
            int j = pairs.second(pair);
            if (probability >= thresholds.match()) {
                if (find(i) == find(j) || canJoin(i, j)) {
                    union(i, j);
                    result.add(i, j, probability, LinkResult.Decision.MATCH);
                } else {
                    result.add(i, j, probability, LinkResult.Decision.REVIEW);
                }
            }
        }
        for (int pair : order) {
            double probability = pairs.probability(pair);
            int i = pairs.first(pair);
            int j = pairs.second(pair);
            // A review pair within one person changes nothing: the person is already formed by stronger evidence.
            if (probability < thresholds.match() && find(i) != find(j)) {
                result.add(i, j, probability, LinkResult.Decision.REVIEW);
            }
        }
    }

    private boolean canJoin(int i, int j) {
        int first = i;
        do {
            int second = j;
            do {
                if (first != i || second != j) {
                    Comparisons.compare(records[first], records[second], levels);
                    if (model.probability(model.weight(levels, records[first], records[second])) < thresholds.match()) {
                        return false;
                    }
                }
                second = next[second];
            } while (second != j);
            first = next[first];
        } while (first != i);
        return true;
    }

    int find(int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private void union(int i, int j) {
        int rootI = find(i);
        int rootJ = find(j);
        if (rootI == rootJ) {
            return;
        }
        if (size[rootI] < size[rootJ]) {
            int swap = rootI;
            rootI = rootJ;
            rootJ = swap;
        }
        parent[rootJ] = rootI;
        size[rootI] += size[rootJ];
        int afterI = next[i];
        next[i] = next[j];
        next[j] = afterI;
    }

    /** Each record's cluster, as the index of one record of it. */
    int[] clusterOfEachRecord() {
        int[] cluster = new int[records.length];
        for (int i = 0; i < records.length; i++) {
            cluster[i] = find(i);
        }
        return cluster;
    }
}
