package org.ecarehub.person;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ecarehub.shared.LogRedactor;

/**
 * A Community Health Index number as an agency recorded it, checked but never thrown away: ten digits, the first six
 * the date of birth as DDMMYY, the ninth even for females and odd for males, the tenth a modulus-11 check digit. A
 * CHI that fails the checks is kept with the reason, since a mistyped CHI is still evidence for matching.
 *
 * <p>{@link #toString()} masks the number: it identifies a person.
 *
 * @param text the number as recorded, with spaces and hyphens removed
 */
public record ChiNumber(String text, Validity validity) {

    /** Why a CHI number is or is not a valid one. */
    public enum Validity {
        VALID,
        /** Not ten characters once spaces and hyphens are removed. */
        WRONG_LENGTH,
        /** Something other than digits. */
        NOT_DIGITS,
        /** The first six digits are no date in either century. */
        IMPOSSIBLE_DATE,
        /** The tenth digit is not the modulus-11 check digit of the first nine. */
        BAD_CHECK_DIGIT
    }

    private static final int[] WEIGHTS = {10, 9, 8, 7, 6, 5, 4, 3, 2};

    public ChiNumber {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(validity, "validity");
    }

    /** Reads a CHI number as an agency recorded it; spaces and hyphens between digit groups are ignored. */
    public static ChiNumber of(String recorded) {
        Objects.requireNonNull(recorded, "recorded");
        StringBuilder kept = new StringBuilder(recorded.length());
        for (int i = 0; i < recorded.length(); i++) {
            char c = recorded.charAt(i);
            if (c != '-' && !Character.isWhitespace(c)) {
                kept.append(c);
            }
        }
        String text = kept.toString();
        return new ChiNumber(text, check(text));
    }

    public boolean valid() {
        return validity == Validity.VALID;
    }

    /** The check digit of the first nine digits, or empty when they have none (a remainder that gives 10). */
    public static Optional<Integer> checkDigit(String firstNine) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (firstNine.charAt(i) - '0') * WEIGHTS[i];
        }
        int digit = 11 - sum % 11;
        if (digit == 11) {
            return Optional.of(0);
        }
        return digit == 10 ? Optional.empty() : Optional.of(digit);
    }

    /**
     * The dates of birth the first six digits can stand for: the year's century is not in the number, so a date
     * valid in both 19YY and 20YY gives both, the later first.
     */
    public List<LocalDate> possibleBirthDates() {
        if (text.length() < 6 || !text.substring(0, 6).chars().allMatch(Character::isDigit)) {
            return List.of();
        }
        int day = Integer.parseInt(text.substring(0, 2));
        int month = Integer.parseInt(text.substring(2, 4));
        int year = Integer.parseInt(text.substring(4, 6));
        return java.util.stream.Stream.of(2000 + year, 1900 + year)
                .flatMap(fullYear -> date(fullYear, month, day).stream())
                .toList();
    }

    /** The sex the ninth digit records: F when even, M when odd; empty for a number that is not all digits. */
    public Optional<String> sex() {
        if (text.length() != 10 || !text.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.of((text.charAt(8) - '0') % 2 == 0 ? "F" : "M");
    }

    private static Optional<LocalDate> date(int year, int month, int day) {
        try {
            return Optional.of(LocalDate.of(year, month, day));
        } catch (DateTimeException impossible) {
            return Optional.empty();
        }
    }

    private static Validity check(String text) {
        if (text.length() != 10) {
            return Validity.WRONG_LENGTH;
        }
        if (!text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Validity.NOT_DIGITS;
        }
        if (new ChiNumber(text, Validity.VALID).possibleBirthDates().isEmpty()) {
            return Validity.IMPOSSIBLE_DATE;
        }
        Optional<Integer> expected = checkDigit(text.substring(0, 9));
        return expected.isPresent() && expected.get() == text.charAt(9) - '0'
                ? Validity.VALID
                : Validity.BAD_CHECK_DIGIT;
    }

    @Override
    public String toString() {
        return "ChiNumber[" + LogRedactor.MASK + ", " + validity + "]";
    }
}
