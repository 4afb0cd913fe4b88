package org.ecarehub.person.population;

import org.ecarehub.person.matching.GivenNameVariants;

/**
 * A kind of error agencies make when they record a person, with its default rate. Each rate is the chance that one
 * record has the error, among the records that could have it (stated for each kind). Errors of different fields are
 * drawn independently, so one record can carry several; name errors can compound (a typo in a nickname), and an old
 * address can be written differently, but of the kinds for the postcode, the CHI, the date of birth, the sex or the
 * phone a record has at most one each. The rates are low, as in real client indexes, and invented: they are shaped
 * to exercise a matcher, not measured.
 */
public enum RecordingError {

    /**
     * A short form of the given name from {@link GivenNameVariants} (Bob for Robert): 8% of the records outside the NHS
     * whose given name has one.
     */
    NICKNAME(0.08),

    /**
     * One letter inserted, deleted, changed or swapped with its neighbour, in the given or the family name: 2% of
     * records.
     */
    NAME_TYPO(0.02),

    /**
     * The family name spelt another way (Mc for Mac or the reverse, a space in or out, capitals) or the given name in
     * capitals: 4% of records.
     */
    NAME_SPELLING(0.04),

    /** Given and family name each in the other's field: 0.5% of records. */
    NAMES_SWAPPED(0.005),

    /**
     * The previous family name (a married woman's maiden name, say) still in use: 30% of the records of people whose
     * family name changed.
     */
    PREVIOUS_FAMILY_NAME(0.30),

    /**
     * A hyphenated double name (Kerr-Boyle, Anne-Marie) with one part only, or its parts spaced or run together: 35% of
     * the records of people with one.
     */
    DOUBLE_NAME_PART(0.35),

    /** The address and postcode from before a move: 30% of the records of people who moved. */
    OLD_ADDRESS(0.30),

    /**
     * The address written another way: Rd for Road, "Flat 2/1, 14" written "14/5" or "Flat 5, 14", the town left out,
     * capitals: 15% of records.
     */
    ADDRESS_WRITTEN_DIFFERENTLY(0.15),

    /** No postcode: 3% of records. */
    POSTCODE_MISSING(0.03),

    /** The postcode without its space, with a double space or in lower case: 6% of records. */
    POSTCODE_SPELLING(0.06),

    /** The postcode with one character wrong, still shaped like a postcode: 1% of records. */
    POSTCODE_WRONG(0.01),

    /**
     * No CHI number where the agency usually records one: 2% of the GP practice's and social work's records with a CHI.
     */
    CHI_MISSING(0.02),

    /**
     * Two adjacent digits of the CHI number swapped, leaving an invalid number that is kept: 0.3% of records with a
     * CHI.
     */
    CHI_TRANSPOSED(0.003),

    /** One digit of the CHI number wrong, leaving an invalid number that is kept: 0.3% of records with a CHI. */
    CHI_DIGIT_WRONG(0.003),

    /** Day and month of the date of birth swapped: 0.4% of the records whose day is 12 or less and not the month. */
    DATE_OF_BIRTH_DAY_MONTH_SWAPPED(0.004),

    /** One digit of the day, month or year in the century wrong, still a real date: 0.4% of records. */
    DATE_OF_BIRTH_DIGIT_WRONG(0.004),

    /** The year of birth one out: 0.3% of records. */
    DATE_OF_BIRTH_YEAR_OFF_BY_ONE(0.003),

    /** The year of birth ten out: 0.2% of records. */
    DATE_OF_BIRTH_YEAR_OFF_BY_TEN(0.002),

    /** No date of birth: 1% of the records outside the NHS, which always has one. */
    DATE_OF_BIRTH_MISSING(0.01),

    /** A date of birth that is someone else's entirely: 0.1% of records. */
    DATE_OF_BIRTH_WRONG(0.001),

    /** No sex: 2% of records. */
    SEX_MISSING(0.02),

    /** Sex recorded as U for unknown: 0.5% of records. */
    SEX_UNKNOWN(0.005),

    /** No telephone number: 25% of the records of people who have one. */
    PHONE_MISSING(0.25),

    /**
     * Another telephone number (an old one, or the house phone for the mobile): 8% of the records of people who have
     * one.
     */
    PHONE_DIFFERENT(0.08),

    /**
     * The same person registered twice by one agency, under two local ids, each record with its own errors: 1.5% of
     * records.
     */
    DUPLICATE_REGISTRATION(0.015);

    private final double defaultRate;

    RecordingError(double defaultRate) {
        this.defaultRate = defaultRate;
    }

    public double defaultRate() {
        return defaultRate;
    }
}
