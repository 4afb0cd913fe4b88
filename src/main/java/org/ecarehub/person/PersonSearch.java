package org.ecarehub.person;

import java.time.LocalDate;

/**
 * What to look for in the index's current records; every field may be null and those given must all match one record.
 * Names match case-insensitively from their start (a family name also among previous family names, a given name also
 * among other given names; {@code name} any of them); a date of birth exactly; a postcode without regard to spaces and
 * case, among current addresses; a CHI number as recorded; a local id exactly, with its agency.
 *
 * <p>{@link #toString()} masks everything: it holds identifying details.
 */
public record PersonSearch(
        String chi,
        AgencyRecordId localId,
        String family,
        String given,
        String name,
        LocalDate birthDate,
        String postcode) {

    public boolean isEmpty() {
        return chi == null
                && localId == null
                && family == null
                && given == null
                && name == null
                && birthDate == null
                && postcode == null;
    }

    @Override
    public String toString() {
        return "PersonSearch[masked]";
    }
}
