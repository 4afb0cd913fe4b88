package org.ecarehub.fhir.internal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;
import org.hl7.fhir.r4.model.Reference;

/**
 * The hub's ids and dates as a resource a client sends states them; anything else is a 400 naming the field, so that
 * a bad resource is refused before any module is asked.
 */
final class Parsing {

    private Parsing() {}

    /** The person a {@code Patient/ID} reference names. */
    static PersonId patient(Reference reference, String field) {
        String value = reference == null ? null : reference.getReference();
        if (value == null || !value.startsWith("Patient/")) {
            throw invalid(field + " names the person as Patient/ID");
        }
        try {
            return PersonId.of(value.substring("Patient/".length()));
        } catch (IllegalArgumentException notAPersonId) {
            throw invalid(field + " names no person the hub could know");
        }
    }

    static AgencyId agency(String value) {
        try {
            return AgencyId.of(value);
        } catch (IllegalArgumentException | NullPointerException notAnAgency) {
            throw invalid("an Organization reference names an agency by its id, as Organization/AGENCY");
        }
    }

    static Username username(String value) {
        return Username.parse(value)
                .orElseThrow(() -> invalid("a Practitioner reference names a staff account, as Practitioner/USERNAME"));
    }

    static TeamId team(String value) {
        try {
            return TeamId.of(value);
        } catch (IllegalArgumentException | NullPointerException notATeam) {
            throw invalid("a team is named by its id, with the system " + InvolvementResources.TEAM_SYSTEM);
        }
    }

    /** A date of one day, {@code yyyy-mm-dd}; the day part of a date-time is not guessed at. */
    static LocalDate day(String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException | NullPointerException notADay) {
            throw invalid("a date is one day, as yyyy-mm-dd");
        }
    }

    static ca.uhn.fhir.rest.server.exceptions.InvalidRequestException invalid(String text) {
        return Outcomes.invalid(Outcomes.INVALID_RESOURCE, text);
    }
}
