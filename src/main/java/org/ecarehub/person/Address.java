package org.ecarehub.person;

import java.time.LocalDate;
import java.util.Objects;
import org.ecarehub.shared.LogRedactor;

/**
 * An address an agency holds for a person, with when the person lived there as far as the agency knows: an address
 * without an end date is where they live now. Every field may be null for unknown.
 *
 * <p>{@link #toString()} masks the address: it identifies a person.
 */
public record Address(String text, String postcode, LocalDate from, LocalDate to) {

    public Address {
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("an address cannot end before it starts");
        }
    }

    public static Address current(String text, String postcode) {
        return new Address(text, postcode, null, null);
    }

    public boolean isCurrent() {
        return to == null;
    }

    /** The same address, ended on the day given. */
    public Address endedOn(LocalDate day) {
        return new Address(text, postcode, from, from != null && day.isBefore(from) ? from : day);
    }

    /** Whether two addresses are the same place, whatever their dates. */
    public boolean samePlace(Address other) {
        return Objects.equals(text, other.text) && Objects.equals(postcode, other.postcode);
    }

    @Override
    public String toString() {
        return "Address[" + LogRedactor.MASK + ", from " + from + ", to " + to + "]";
    }
}
