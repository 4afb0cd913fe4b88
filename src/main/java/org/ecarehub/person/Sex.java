package org.ecarehub.person;

import java.util.Arrays;
import java.util.Optional;

/** Sex as an agency records it, with the one-letter codes of person files. */
public enum Sex {
    FEMALE("F"),
    MALE("M"),
    /** Recorded as not known. */
    UNKNOWN("U");

    private final String code;

    Sex(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<Sex> fromCode(String code) {
        return Arrays.stream(values()).filter(sex -> sex.code.equals(code)).findFirst();
    }
}
