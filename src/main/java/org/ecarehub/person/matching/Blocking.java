package org.ecarehub.person.matching;

import java.util.List;

/**
 * The blocking rules: two records become a candidate pair when they share the key of any rule, so that one wrong
 * field loses no true pair (a wrong date still meets on CHI or on names and postcode; a new family name still meets
 * on date and given name), while most of the records never meet most of the others. A pair that several rules
 * bring together is compared once, by the first of them.
 */
public final class Blocking {

    /** The rules, by name, in the order they are tried. */
    public static final List<String> RULES = List.of(
            "chi",
            "date of birth and family name sound",
            "date of birth and given name sound",
            "given and family name sounds, either way round",
            "postcode and family name sound",
            "postcode and given name sound",
            "phone",
            "date of birth with day and month either way, and family name initial");

    /** Blocks bigger than this are not paired within, and are counted as too large: they would be all pairs. */
    public static final int MAX_BLOCK = 2_000;

    private static final long NO_KEY = 0;

    private Blocking() {}

    /** Writes the record's key for each rule into {@code keys}, {@link #NO_KEY} where the rule has nothing to go on. */
    static void keys(PreparedRecord record, long[] keys) {
        keys[0] = record.chi == null ? NO_KEY : key(1, record.chi.hashCode(), record.chi.length());
        boolean born = record.dateOfBirth != 0;
        boolean familySound = !record.familyCode.isEmpty();
        boolean givenSound = !record.givenCode.isEmpty();
        keys[1] = born && familySound ? key(2, record.familyCode.hashCode(), record.dateOfBirth) : NO_KEY;
        keys[2] = born && givenSound ? key(3, record.givenCode.hashCode(), record.dateOfBirth) : NO_KEY;
        if (familySound && givenSound) {
            int first = record.givenCode.hashCode();
            int second = record.familyCode.hashCode();
            keys[3] = key(4, Math.min(first, second), Math.max(first, second));
        } else {
            keys[3] = NO_KEY;
        }
        String unit = record.postcode == null ? null : record.postcode.unit();
        keys[4] = unit != null && familySound ? key(5, unit.hashCode(), record.familyCode.hashCode()) : NO_KEY;
        keys[5] = unit != null && givenSound ? key(6, unit.hashCode(), record.givenCode.hashCode()) : NO_KEY;
        keys[6] = record.phone == null ? NO_KEY : key(7, record.phone.hashCode(), record.phone.length());
        if (born && !record.family.isEmpty()) {
            int day = record.dateOfBirth % 100;
            int month = record.dateOfBirth / 100 % 100;
            int either = Math.min(day, month) * 100 + Math.max(day, month);
            keys[7] = key(8, record.dateOfBirth / 10000 * 10000 + either, record.family.charAt(0));
        } else {
            keys[7] = NO_KEY;
        }
    }

    /** A 42-bit key, never {@link #NO_KEY}; two values rarely share one, and if they do their blocks merely merge. */
    private static long key(int rule, int first, int second) {
        long h = rule * 0x9E3779B97F4A7C15L;
        h ^= first;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= second;
        h *= 0x94D049BB133111EBL;
        h ^= h >>> 31;
        return (h & ((1L << 42) - 1)) | 1;
    }
}
