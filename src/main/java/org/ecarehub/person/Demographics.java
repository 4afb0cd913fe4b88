package org.ecarehub.person;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.ecarehub.person.matching.PersonRecord;
import org.ecarehub.shared.LogRedactor;

/**
 * What one agency holds about who a person is, as the agency recorded it. Every field may be null (or empty) for
 * unknown; a CHI number is kept as recorded with its validity, never dropped for being invalid.
 *
 * <p>{@link #toString()} masks everything: it identifies a person.
 *
 * @param addresses every address the agency holds, current and previous; the current one has no end date
 */
public record Demographics(
        String givenName,
        String otherGivenNames,
        String familyName,
        List<String> previousFamilyNames,
        LocalDate dateOfBirth,
        Sex sex,
        List<Address> addresses,
        String phone,
        ChiNumber chi) {

    public Demographics {
        previousFamilyNames = previousFamilyNames == null ? List.of() : List.copyOf(previousFamilyNames);
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
    }

    /**
     * An agency's record as a person file or the population generator gives it: its address, if any, is the current
     * one, its CHI is kept as recorded with its validity, and a sex other than F, M or U is not known.
     */
    public static Demographics of(PersonRecord record) {
        List<Address> addresses = record.address() == null && record.postcode() == null
                ? List.of()
                : List.of(Address.current(record.address(), record.postcode()));
        return new Demographics(
                record.givenName(),
                record.otherGivenNames(),
                record.familyName(),
                record.previousFamilyNames(),
                record.dateOfBirth(),
                record.sex() == null ? null : Sex.fromCode(record.sex()).orElse(null),
                addresses,
                record.phone(),
                record.chi() == null ? null : ChiNumber.of(record.chi()));
    }

    /** The address the person lives at now: the latest of those without an end date. */
    public Optional<Address> currentAddress() {
        return addresses.stream()
                .filter(Address::isCurrent)
                .max(Comparator.comparing(Address::from, Comparator.nullsFirst(Comparator.naturalOrder())));
    }

    /** The same demographics with these addresses. */
    public Demographics withAddresses(List<Address> replaced) {
        return new Demographics(
                givenName, otherGivenNames, familyName, previousFamilyNames, dateOfBirth, sex, replaced, phone, chi);
    }

    @Override
    public String toString() {
        return "Demographics[" + LogRedactor.MASK + "]";
    }
}
