package org.ecarehub.record;

import java.util.List;
import java.util.Objects;

/** The checks every kind of content makes on the way in, each refusal naming the field. */
final class Checks {

    /** Longest free text in one field: a long letter fits, a pasted file does not. */
    static final int LONG_TEXT = 20_000;

    /** Longest short text: a title, a service's name, a phone number. */
    static final int SHORT_TEXT = 200;

    private Checks() {}

    static String required(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw new RecordRefused(field + " is required");
        }
        return optional(value, field, max);
    }

    /** The text stripped of surrounding white space, or null when there is none. */
    static String optional(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String stripped = value.strip();
        if (stripped.length() > max) {
            throw new RecordRefused(field + " is longer than " + max + " characters");
        }
        if (stripped.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
            throw new RecordRefused(field + " holds control characters");
        }
        return stripped;
    }

    static <T> T present(T value, String field) {
        if (value == null) {
            throw new RecordRefused(field + " is required");
        }
        return value;
    }

    static List<String> texts(List<String> values, String field, int maxCount, int maxLength) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > maxCount) {
            throw new RecordRefused(field + " has more than " + maxCount + " entries");
        }
        for (int i = 0; i < values.size(); i++) {
            required(values.get(i), field + " " + (i + 1), maxLength);
        }
        return values.stream().map(String::strip).toList();
    }

    static <T> List<T> list(List<T> values, String field, int maxCount) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > maxCount) {
            throw new RecordRefused(field + " has more than " + maxCount + " entries");
        }
        if (values.stream().anyMatch(Objects::isNull)) {
            throw new RecordRefused(field + " has an empty entry");
        }
        return List.copyOf(values);
    }
}
