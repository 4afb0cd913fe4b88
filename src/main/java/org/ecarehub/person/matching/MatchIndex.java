package org.ecarehub.person.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The records of the person index held in memory for online matching: a new or changed record meets the records that
 * share a blocking key with it, and each is scored with the current model. Thread-safe: many matches run at once,
 * and a change waits for them.
 */
public final class MatchIndex {

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<Long, PreparedRecord> records = new HashMap<>();
    private final List<Map<Long, long[]>> blocks = new ArrayList<>();
    private MatchModel model;
    private final Map<String, Integer> givenCounts = new HashMap<>();
    private final Map<String, Integer> familyCounts = new HashMap<>();

    public MatchIndex(MatchModel model) {
        this.model = model;
        for (int rule = 0; rule < Blocking.RULES.size(); rule++) {
            blocks.add(new HashMap<>());
        }
    }

    /** One indexed record a new record was scored against. */
    public record Candidate(long recordId, double probability, MatchExplanation explanation) {}

    /** Adds a record, or replaces the record of that id. */
    public void put(long recordId, PersonRecord record) {
        PreparedRecord prepared = PreparedRecord.of(record);
        long[] keys = new long[Blocking.RULES.size()];
        Blocking.keys(prepared, keys);
        lock.writeLock().lock();
        try {
            removeLocked(recordId);
            records.put(recordId, prepared);
            for (int rule = 0; rule < keys.length; rule++) {
                if (keys[rule] != 0) {
                    blocks.get(rule).merge(keys[rule], new long[] {recordId}, MatchIndex::append);
                }
            }
            count(prepared, 1);
        } finally {
            lock.writeLock().unlock();
        }
    }

    public void remove(long recordId) {
        lock.writeLock().lock();
        try {
            removeLocked(recordId);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Replaces the model, as after a new fit to the index's records. */
    public void useModel(MatchModel fitted) {
        lock.writeLock().lock();
        try {
            this.model = fitted;
        } finally {
            lock.writeLock().unlock();
        }
    }

    public MatchModel model() {
        lock.readLock().lock();
        try {
            return model;
        } finally {
            lock.readLock().unlock();
        }
    }

    public int size() {
        lock.readLock().lock();
        try {
            return records.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Scores a record against every indexed record it shares a blocking key with (the record itself excepted, when
     * it is already indexed under {@code ownId}), the most probable first; blocks larger than {@link
     * Blocking#MAX_BLOCK} are passed over as the linker passes them.
     */
    public List<Candidate> match(PersonRecord record, long ownId) {
        PreparedRecord prepared = PreparedRecord.of(record);
        long[] keys = new long[Blocking.RULES.size()];
        Blocking.keys(prepared, keys);
        int[] levels = new int[Comparisons.FIELDS];
        List<Candidate> candidates = new ArrayList<>();
        lock.readLock().lock();
        try {
            setFrequencies(prepared);
            Set<Long> seen = new HashSet<>();
            for (int rule = 0; rule < keys.length; rule++) {
                long[] members = keys[rule] == 0 ? null : blocks.get(rule).get(keys[rule]);
                if (members == null || members.length > Blocking.MAX_BLOCK) {
                    continue;
                }
                for (long id : members) {
                    if (id != ownId && seen.add(id)) {
                        PreparedRecord other = records.get(id);
                        Comparisons.compare(prepared, other, levels);
                        double probability = model.probability(model.weight(levels, prepared, other));
                        candidates.add(new Candidate(id, probability, model.explain(levels, prepared, other)));
                    }
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        candidates.sort(Comparator.comparingDouble(Candidate::probability).reversed());
        return candidates;
    }

    /**
     * Scores a record against one indexed record exactly as {@link #match} would, whether or not they share a blocking
     * key: for checking a candidate person's every record, and for showing a reviewer the evidence.
     *
     * @return empty when no record of that id is indexed
     */
    public java.util.Optional<Candidate> compare(PersonRecord record, long otherId) {
        PreparedRecord prepared = PreparedRecord.of(record);
        int[] levels = new int[Comparisons.FIELDS];
        lock.readLock().lock();
        try {
            PreparedRecord other = records.get(otherId);
            if (other == null) {
                return java.util.Optional.empty();
            }
            setFrequencies(prepared);
            Comparisons.compare(prepared, other, levels);
            double probability = model.probability(model.weight(levels, prepared, other));
            return java.util.Optional.of(new Candidate(otherId, probability, model.explain(levels, prepared, other)));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Why two indexed records score as they do, or empty when either is not indexed. */
    public java.util.Optional<MatchExplanation> explain(long first, long second) {
        int[] levels = new int[Comparisons.FIELDS];
        lock.readLock().lock();
        try {
            PreparedRecord a = records.get(first);
            PreparedRecord b = records.get(second);
            if (a == null || b == null) {
                return java.util.Optional.empty();
            }
            Comparisons.compare(a, b, levels);
            return java.util.Optional.of(model.explain(levels, a, b));
        } finally {
            lock.readLock().unlock();
        }
    }

    private void setFrequencies(PreparedRecord prepared) {
        double total = Math.max(1, records.size());
        prepared.givenFrequency = Math.max(1, givenCounts.getOrDefault(prepared.given, 0)) / total;
        prepared.familyFrequency = Math.max(1, familyCounts.getOrDefault(prepared.family, 0)) / total;
    }

    private void removeLocked(long recordId) {
        PreparedRecord old = records.remove(recordId);
        if (old == null) {
            return;
        }
        long[] keys = new long[Blocking.RULES.size()];
        Blocking.keys(old, keys);
        for (int rule = 0; rule < keys.length; rule++) {
            if (keys[rule] != 0) {
                blocks.get(rule).computeIfPresent(keys[rule], (key, members) -> without(members, recordId));
            }
        }
        count(old, -1);
    }

    private void count(PreparedRecord record, int delta) {
        if (!record.given.isEmpty()) {
            givenCounts.merge(record.given, delta, (a, b) -> a + b == 0 ? null : a + b);
        }
        if (!record.family.isEmpty()) {
            familyCounts.merge(record.family, delta, (a, b) -> a + b == 0 ? null : a + b);
        }
    }

    private static long[] append(long[] members, long[] added) {
        long[] grown = Arrays.copyOf(members, members.length + 1);
        grown[members.length] = added[0];
        return grown;
    }

    private static long[] without(long[] members, long recordId) {
        int at = -1;
        for (int i = 0; i < members.length; i++) {
            if (members[i] == recordId) {
                at = i;
                break;
            }
        }
        if (at < 0) {
            return members;
        }
        if (members.length == 1) {
            return null;
        }
        long[] shrunk = new long[members.length - 1];
        System.arraycopy(members, 0, shrunk, 0, at);
        System.arraycopy(members, at + 1, shrunk, at, members.length - at - 1);
        return shrunk;
    }
}
