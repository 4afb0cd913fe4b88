package org.ecarehub.person.population;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Objects;
import org.ecarehub.shared.LogRedactor;

/**
 * A synthetic person as they really are, before any agency records them: invented, but shaped like a resident of
 * South Lanarkshire or the south of Glasgow. The CHI number is valid (date of birth, sex digit and check digit agree).
 * The previous address and postcode are those before a move, or null for someone who has not moved.
 *
 * <p>{@link #toString()} shows the key only, as for real people: a synthetic record must not teach a log to print
 * names.
 */
public record SyntheticPerson(
        String key,
        String givenName,
        String otherGivenNames,
        String familyName,
        List<String> previousFamilyNames,
        LocalDate dateOfBirth,
        String sex,
        String chi,
        String address,
        String postcode,
        String previousAddress,
        String previousPostcode,
        String phone,
        String householdKey) {

    public SyntheticPerson {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(givenName, "given name");
        Objects.requireNonNull(familyName, "family name");
        Objects.requireNonNull(dateOfBirth, "date of birth");
        Objects.requireNonNull(sex, "sex");
        Objects.requireNonNull(chi, "chi");
        Objects.requireNonNull(householdKey, "household key");
        previousFamilyNames = previousFamilyNames == null ? List.of() : List.copyOf(previousFamilyNames);
    }

    /** Whole years of age on the given day. */
    public int ageOn(LocalDate day) {
        return Period.between(dateOfBirth, day).getYears();
    }

    @Override
    public String toString() {
        return "SyntheticPerson[" + key + ", " + LogRedactor.MASK + "]";
    }
}
