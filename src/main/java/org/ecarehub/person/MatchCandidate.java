package org.ecarehub.person;

import java.util.Objects;
import org.ecarehub.shared.PersonId;

/**
 * A current agency record scored against a set of details, with the person it is part of now: whoever shows the
 * person must show them only through records the viewer may see, and score them only from those.
 *
 * @param probability the match probability of the record and the details, from 0 to 1
 */
public record MatchCandidate(PersonId person, AgencyRecordId record, double probability, MatchGrade grade) {

    public MatchCandidate {
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(grade, "grade");
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("a match probability is between 0 and 1");
        }
    }
}
