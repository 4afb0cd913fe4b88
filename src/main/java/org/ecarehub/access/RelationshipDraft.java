package org.ecarehub.access;

import java.time.LocalDate;
import java.util.Objects;
import java.util.regex.Pattern;
import org.ecarehub.shared.PersonId;

/**
 * A relationship to start: the person, who holds it, why, from which day and until which day (the last day it is
 * active, or null while open-ended), and what made it (an opaque reference such as {@code service-request-12}, or
 * null).
 */
public record RelationshipDraft(
        PersonId person, Holder holder, RelationshipKind kind, LocalDate start, LocalDate end, String source) {

    /** A source names a thing by its id; free text could hold personal data, which the log must never receive. */
    private static final Pattern SOURCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}");

    public RelationshipDraft {
        require(person != null, "a relationship needs a person");
        require(holder != null, "a relationship needs a holder: a staff account or a team");
        require(kind != null, "a relationship needs a kind");
        require(start != null, "a relationship needs a start day");
        require(end == null || !end.isBefore(start), "a relationship cannot end before it starts");
        require(
                source == null || SOURCE.matcher(source).matches(),
                "a relationship's source is a reference such as service-request-12: letters, digits and . _ : / -,"
                        + " at most 100 characters");
    }

    public static RelationshipDraft of(PersonId person, Holder holder, RelationshipKind kind, LocalDate start) {
        return new RelationshipDraft(person, holder, kind, start, null, null);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new RelationshipRefused(message);
        }
    }

    @Override
    public String toString() {
        return "RelationshipDraft[" + Objects.toString(holder) + ", " + kind + ", " + start + " to " + end + "]";
    }
}
