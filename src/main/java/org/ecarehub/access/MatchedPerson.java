package org.ecarehub.access;

import java.util.Objects;
import org.ecarehub.person.MatchGrade;

/**
 * A person a match found, as the caller may see them, scored and graded only from the records the caller may see: a
 * score that came from a record they may not see would confirm what only that record holds.
 *
 * @param score the best match probability among the caller's visible records, from 0 to 1
 */
public record MatchedPerson(PersonView person, double score, MatchGrade grade) {

    public MatchedPerson {
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(grade, "grade");
    }
}
