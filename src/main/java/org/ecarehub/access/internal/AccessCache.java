package org.ecarehub.access.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.ecarehub.access.BreakGlassGrant;
import org.ecarehub.access.Relationship;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What rule 6 needs to know about each person, kept in memory so that a decision reads no table: their
 * relationships, their break-glass grants and who is working a review about them. A person's entry is loaded on
 * first use and dropped whenever a change about them is made ({@link AccessChanges}).
 *
 * <p>An entry is loaded inside {@link ConcurrentHashMap#computeIfAbsent}, and a change drops it with {@link
 * ConcurrentHashMap#remove} after its commit, which waits for a load of the same person in progress: a load that read
 * the rows before the commit cannot put its stale entry back after the drop.
 */
@Component
class AccessCache {

    /** One person's facts for rule 6; lists in the order of their ids. */
    record Facts(List<Relationship> relationships, List<BreakGlassGrant> grants, Set<Username> workingOn) {}

    private final JdbcClient jdbc;
    private final AccessSettings settings;
    private final Map<PersonId, Facts> facts = new ConcurrentHashMap<>();

    AccessCache(JdbcClient jdbc, AccessSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    Facts of(PersonId person) {
        if (AccessChanges.changedInThisTransaction().contains(person)) {
            // Read from the tables, never the shared entries; remembered for this transaction until its next change
            // about the person, since a transaction that starts a dozen relationships then decides about each person.
            return AccessChanges.readInThisTransaction().computeIfAbsent(person, this::load);
        }
        Facts cached = facts.get(person);
        if (cached != null) {
            return cached;
        }
        if (facts.size() >= settings.cacheSize()) {
            // Rarely reached (one entry per person seen since the last change to them); emptying is simpler than
            // tracking use, and the next decisions reload what they need.
            facts.clear();
        }
        return facts.computeIfAbsent(person, this::load);
    }

    void drop(PersonId person) {
        facts.remove(person);
    }

    void dropAll() {
        facts.clear();
    }

    int size() {
        return facts.size();
    }

    private Facts load(PersonId person) {
        List<Relationship> relationships = jdbc.sql(AccessRows.RELATIONSHIP + " where person_id = ? order by id")
                .param(person.value())
                .query(AccessRows::relationship)
                .list();
        // Grants and claimed reviews are rare: one round trip says whether either exists before reading them.
        boolean[] present = jdbc.sql("select exists (select 1 from access_break_glass where person_id = ?),"
                        + " exists (select 1 from access_review where person_id = ? and state = 'CLAIMED')")
                .params(person.value(), person.value())
                .query((row, number) -> new boolean[] {row.getBoolean(1), row.getBoolean(2)})
                .single();
        List<BreakGlassGrant> grants = !present[0]
                ? List.of()
                : jdbc.sql(AccessRows.GRANT + " where person_id = ? order by id")
                        .param(person.value())
                        .query(AccessRows::grant)
                        .list();
        Set<Username> workingOn = !present[1]
                ? Set.of()
                : jdbc
                        .sql("select claimed_by from access_review where person_id = ? and state = 'CLAIMED'")
                        .param(person.value())
                        .query(String.class)
                        .list()
                        .stream()
                        .map(Username::of)
                        .collect(Collectors.toUnmodifiableSet());
        return new Facts(List.copyOf(relationships), List.copyOf(grants), workingOn);
    }
}
