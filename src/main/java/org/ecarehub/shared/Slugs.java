package org.ecarehub.shared;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The one spelling of identifiers that appear in configuration, URLs, tokens and log lines: short, lower-case and
 * free of spaces, so that the same id never turns up in two spellings. Typed ids use it, and so do identifiers
 * that are plain strings in their records (a sharing agreement's id).
 */
public final class Slugs {

    public static final int MAX_LENGTH = 64;

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9.-]*");

    private Slugs() {}

    /** The value, if it is a valid identifier; else an {@link IllegalArgumentException} that says why. */
    public static String require(String value, String kind) {
        Objects.requireNonNull(value, kind);
        if (value.length() > MAX_LENGTH || !SLUG.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a valid " + kind
                    + ": use lower-case letters, digits, '.' and '-', starting with a letter or digit, at most "
                    + MAX_LENGTH + " characters");
        }
        return value;
    }
}
