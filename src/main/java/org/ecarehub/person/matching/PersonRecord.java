package org.ecarehub.person.matching;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.ecarehub.shared.LogRedactor;

/**
 * One agency's record of a person, as the agency holds it: the fields of a person file, plus the previous family names
 * an agency may know. Every field but the agency and its local id may be null for unknown; the CHI is kept as recorded,
 * valid or not.
 *
 * <p>{@link #toString()} shows the agency only: the rest identifies a person.
 */
public record PersonRecord(
        String agency,
        String localId,
        String chi,
        String givenName,
        String familyName,
        String otherGivenNames,
        LocalDate dateOfBirth,
        String sex,
        String address,
        String postcode,
        String phone,
        List<String> previousFamilyNames) {

    public PersonRecord {
        Objects.requireNonNull(agency, "agency");
        Objects.requireNonNull(localId, "local id");
        previousFamilyNames = previousFamilyNames == null ? List.of() : List.copyOf(previousFamilyNames);
    }

    @Override
    public String toString() {
        return "PersonRecord[" + agency + ", " + LogRedactor.MASK + "]";
    }
}
