package org.ecarehub.access;

import java.time.LocalDate;

/**
 * A search for people by the details the FHIR contract names; every field may be null, and at least one must be given.
 * Names match case-insensitively from their start; a date of birth and a postcode match exactly (a postcode without
 * regard to spaces and case); an identifier is an agency's local id (with its agency) or a CHI number.
 *
 * @param identifierAgency the agency whose local id {@code identifier} is, or null for a CHI number
 */
public record PersonQuery(
        String personId,
        String identifierAgency,
        String identifier,
        String family,
        String given,
        String name,
        LocalDate birthDate,
        String postcode) {

    public boolean isEmpty() {
        return personId == null
                && identifier == null
                && family == null
                && given == null
                && name == null
                && birthDate == null
                && postcode == null;
    }

    /**
     * The query names a person exactly, as POLICY.md "Finding a person" means it: a valid CHI number, or given name,
     * family name and date of birth all given.
     */
    public boolean exact() {
        boolean chi = identifier != null
                && identifierAgency == null
                && org.ecarehub.person.ChiNumber.of(identifier).valid();
        boolean names = given != null && !given.isBlank() && family != null && !family.isBlank() && birthDate != null;
        return chi || names;
    }
}
