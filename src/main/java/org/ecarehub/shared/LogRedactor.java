package org.ecarehub.shared;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Masks what identifies a person in free text bound for a log line: CHI and other long numbers, postcodes,
 * telephone numbers and email addresses. Names cannot be recognised in free text, so the types that hold them
 * mask themselves in {@code toString()}; this is the net under that.
 */
public final class LogRedactor {

    public static final String MASK = "[redacted]";

    private static final List<Pattern> PATTERNS = List.of(
            Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+"),
            // UK postcodes, with or without the space, any case.
            Pattern.compile("(?i)\\b[A-Z]{1,2}[0-9][A-Z0-9]?\\s*[0-9][A-Z]{2}\\b"),
            // Telephone numbers: +44 or a leading 0, then groups of digits.
            Pattern.compile("(\\+44\\s?|\\b0)[0-9]{2,4}[\\s-]?[0-9]{3,4}[\\s-]?[0-9]{3,4}\\b"),
            // CHI numbers (10 digits, often written 3-3-4) and any other run of 9 or more digits.
            Pattern.compile("\\b[0-9]{3}[\\s-]?[0-9]{3}[\\s-]?[0-9]{4}\\b"),
            Pattern.compile("\\b[0-9]{9,}\\b"));

    private LogRedactor() {}

    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String redacted = text;
        for (Pattern pattern : PATTERNS) {
            redacted = pattern.matcher(redacted).replaceAll(MASK);
        }
        return redacted;
    }
}
