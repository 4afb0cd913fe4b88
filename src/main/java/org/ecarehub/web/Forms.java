package org.ecarehub.web;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/** Reading the record and request forms' fields as typed: blanks are absent, numbers are checked, never guessed. */
final class Forms {

    /** What a user is told when someone else changed the item or request after they opened it. */
    static final String STALE = "Someone changed this since you opened it. Nothing you entered was saved: check the"
            + " current version below and make your change again";

    private Forms() {}

    static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static void require(FormErrors errors, String field, String value, String message) {
        if (value == null) {
            errors.add(field, message);
        }
    }

    /** A positive whole number, or 0 when the text is not one. */
    static int number(String text) {
        Integer number = whole(text, 1, Integer.MAX_VALUE);
        return number == null ? 0 : number;
    }

    /** A whole number from min to max, or null when the text is not one. */
    static Integer whole(String text, int min, int max) {
        if (text == null || !text.strip().matches("\\d{1,9}")) {
            return null;
        }
        int number = Integer.parseInt(text.strip());
        return number < min || number > max ? null : number;
    }

    /** A number such as 10 or 10.5, or null when the text is not one. */
    static BigDecimal decimal(String text) {
        if (text == null || !text.strip().matches("\\d{1,3}(\\.\\d{1,2})?")) {
            return null;
        }
        return new BigDecimal(text.strip());
    }

    /** The text's non-blank lines, each stripped. */
    static List<String> lines(String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split("\\R"))
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .toList();
    }

    /** A module's refusal as a sentence for an error summary: capital first letter, no trailing full stop. */
    static String sentence(String message) {
        if (message == null || message.isEmpty()) {
            return "The change could not be saved";
        }
        return Character.toUpperCase(message.charAt(0)) + message.substring(1);
    }
}
