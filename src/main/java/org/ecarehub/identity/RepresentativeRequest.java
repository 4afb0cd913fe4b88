package org.ecarehub.identity;

import java.time.Instant;
import java.util.Objects;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;

/**
 * A portal account's request that someone be added as a person's representative, waiting in the partnership's
 * verification queue until staff have checked the document and recorded the authority, or found it wanting.
 *
 * @param kind the authority's kind as the consent module names it ({@code WELFARE_ATTORNEY}...)
 * @param representativeName who the holder says acts for the person; shown to staff, never logged
 * @param decidedBy the staff account that dealt with it; null while it waits
 */
public record RepresentativeRequest(
        long id,
        Username account,
        PersonId person,
        String kind,
        String representativeName,
        String documentReference,
        Instant requestedAt,
        Outcome outcome,
        String decidedBy) {

    /** Where the request stands. */
    public enum Outcome {
        WAITING,
        RECORDED,
        REFUSED
    }

    public RepresentativeRequest {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(outcome, "outcome");
    }

    @Override
    public String toString() {
        return "RepresentativeRequest[" + id + ", " + account + ", " + outcome + "]";
    }
}
