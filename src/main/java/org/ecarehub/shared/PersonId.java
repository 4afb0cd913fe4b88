package org.ecarehub.shared;

import java.util.Objects;
import java.util.UUID;

/**
 * The person index's own id for a person the partnership serves: random, meaningless outside the hub, and the
 * same across every agency's records of that person.
 *
 * <p>{@link #toString()} masks it: an id that links to a person stays out of log lines.
 */
public record PersonId(String value) {

    public PersonId {
        Objects.requireNonNull(value, "person id");
        if (value.isEmpty() || value.length() > 64 || !value.chars().allMatch(PersonId::allowed)) {
            throw new IllegalArgumentException("not a valid person id");
        }
    }

    public static PersonId random() {
        return new PersonId(UUID.randomUUID().toString());
    }

    public static PersonId of(String value) {
        return new PersonId(value);
    }

    private static boolean allowed(int c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    }

    @Override
    public String toString() {
        return "PersonId[" + LogRedactor.MASK + "]";
    }
}
