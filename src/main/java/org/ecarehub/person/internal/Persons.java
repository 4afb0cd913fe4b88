package org.ecarehub.person.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.ecarehub.shared.PersonId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The persons of the index, and which of them a merge in force has joined into another. */
@Repository
class Persons {

    private final JdbcClient jdbc;

    Persons(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void create(PersonId person, Instant at, String by) {
        jdbc.sql("insert into person_person (id, created_at, created_by) values (?, ?, ?)")
                .params(person.value(), Timestamp.from(at), by)
                .update();
    }

    boolean exists(PersonId person) {
        return jdbc.sql("select count(*) from person_person where id = ?")
                        .param(person.value())
                        .query(Long.class)
                        .single()
                > 0;
    }

    /**
     * Where a person stands among merges, in one query: whom a merge in force joined them into, if anyone, and
     * whether anyone is joined into them. Empty when there is no such person.
     */
    Optional<Standing> standing(PersonId person) {
        return jdbc.sql("select p.merged_into, exists (select 1 from person_person m where m.merged_into = p.id)"
                        + " from person_person p where p.id = ?")
                .param(person.value())
                .query((row, number) -> new Standing(
                        row.getString(1) == null ? null : PersonId.of(row.getString(1)), row.getBoolean(2)))
                .optional();
    }

    /**
     * A person's place among merges.
     *
     * @param mergedInto the person a merge in force joined this one into directly, or null
     * @param absorbs whether a merge in force joined anyone into this person
     */
    record Standing(PersonId mergedInto, boolean absorbs) {

        /** Neither merged into anyone nor joined by anyone: the person is their own effective person and closure. */
        boolean alone() {
            return mergedInto == null && !absorbs;
        }
    }

    /** The person this one is merged into directly, if a merge in force joined it. */
    /**
     * The person this id stands for now: itself, or the person a merge in force joined it into (followed through
     * further merges); empty when there is no such person. One query when the person is not merged, the usual case.
     */
    Optional<PersonId> now(PersonId person) {
        Optional<Optional<PersonId>> row = jdbc.sql("select merged_into from person_person where id = ?")
                .param(person.value())
                .query((result, number) ->
                        Optional.ofNullable(result.getString(1)).map(PersonId::of))
                .optional();
        return row.map(into -> into.map(this::effective).orElse(person));
    }

    Optional<PersonId> mergedInto(PersonId person) {
        return jdbc.sql("select merged_into from person_person where id = ?")
                .param(person.value())
                .query(String.class)
                .optional()
                .map(PersonId::of);
    }

    void setMergedInto(PersonId person, PersonId survivor) {
        jdbc.sql("update person_person set merged_into = ? where id = ?")
                .params(survivor == null ? null : survivor.value(), person.value())
                .update();
    }

    /** The person that this one is part of now: itself, or the end of its chain of merges in force. */
    PersonId effective(PersonId person) {
        PersonId current = person;
        Set<PersonId> seen = new LinkedHashSet<>();
        while (seen.add(current)) {
            Optional<PersonId> next = mergedInto(current);
            if (next.isEmpty()) {
                return current;
            }
            current = next.get();
        }
        throw new IllegalStateException("the merges of a person go round in a circle");
    }

    /** The person and every person merged into them by merges in force, directly or through another. */
    Set<PersonId> closure(PersonId person) {
        Set<PersonId> closure = new LinkedHashSet<>();
        Deque<PersonId> queue = new ArrayDeque<>();
        queue.add(person);
        while (!queue.isEmpty()) {
            PersonId next = queue.poll();
            if (closure.add(next)) {
                jdbc.sql("select id from person_person where merged_into = ?")
                        .param(next.value())
                        .query(String.class)
                        .list()
                        .forEach(id -> queue.add(PersonId.of(id)));
            }
        }
        return closure;
    }
}
