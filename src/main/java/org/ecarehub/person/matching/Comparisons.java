package org.ecarehub.person.matching;

/**
 * The graded comparison of two prepared records, field by field, into the levels of {@link Field}. Allocation-free:
 * the linker calls it tens of millions of times.
 */
final class Comparisons {

    static final int FIELDS = Field.values().length;

    private static final double SIMILAR_NAME = 0.92;
    private static final double SIMILAR_STREET = 0.9;
    private static final int GENERATION_YEARS = 15;

    private Comparisons() {}

    /** Writes each field's level, indexed by {@link Field#ordinal()}, into {@code levels}. */
    static void compare(PreparedRecord a, PreparedRecord b, int[] levels) {
        levels[Field.CHI.ordinal()] = chi(a.chi, b.chi);
        int given = given(a, b);
        int family = family(a, b);
        if (given == Field.GIVEN_NAME.differentLevel()) {
            // Given and family names swapped in one record: its family name is the other's given name, and its given
            // name the other's family name, or not when the family name has changed as well.
            int swappedGiven = swapped(a.family, b.given);
            int swappedFamily = swappedFamily(a.given, b);
            if (swappedGiven == Field.GIVEN_NAME.differentLevel()) {
                swappedGiven = swapped(b.family, a.given);
                swappedFamily = swappedFamily(b.given, a);
            }
            if (swappedGiven < given && swappedFamily <= family) {
                given = swappedGiven;
                family = swappedFamily;
            }
        }
        levels[Field.GIVEN_NAME.ordinal()] = given;
        levels[Field.FAMILY_NAME.ordinal()] = family;
        levels[Field.DATE_OF_BIRTH.ordinal()] = dateOfBirth(a.dateOfBirth, b.dateOfBirth);
        levels[Field.SEX.ordinal()] = a.sex == 0 || b.sex == 0 ? 0 : a.sex == b.sex ? 1 : 2;
        levels[Field.RESIDENCE.ordinal()] = residence(a, b);
        levels[Field.PHONE.ordinal()] = a.phone == null || b.phone == null ? 0 : a.phone.equals(b.phone) ? 1 : 2;
    }

    static int chi(String a, String b) {
        if (a == null || b == null) {
            return 0;
        }
        if (a.equals(b)) {
            return 1;
        }
        return a.length() == b.length() && oneSlip(a, b) ? 2 : 3;
    }

    static int given(PreparedRecord a, PreparedRecord b) {
        if (a.given.isEmpty() || b.given.isEmpty()) {
            return 0;
        }
        if (a.given.equals(b.given)) {
            return 1;
        }
        if (sharesGroup(a.givenGroups, b.givenGroups)
                || contains(a.otherGiven, b.given)
                || contains(b.otherGiven, a.given)) {
            return 2;
        }
        if (a.given.length() > 1 && b.given.length() > 1 && similar(a.given, a.givenCode, b.given, b.givenCode)) {
            return 3;
        }
        if ((a.given.length() == 1 || b.given.length() == 1) && a.given.charAt(0) == b.given.charAt(0)) {
            return 4;
        }
        return 5;
    }

    static int family(PreparedRecord a, PreparedRecord b) {
        if (a.family.isEmpty() || b.family.isEmpty()) {
            return 0;
        }
        if (a.family.equals(b.family)) {
            return 1;
        }
        if (contains(a.previousFamilies, b.family)
                || contains(b.previousFamilies, a.family)
                || contains(a.familyParts, b.family)
                || contains(b.familyParts, a.family)
                || sharesPart(a.familyParts, b.familyParts)) {
            return 2;
        }
        if (similar(a.family, a.familyCode, b.family, b.familyCode)) {
            return 3;
        }
        return 4;
    }

    static int dateOfBirth(int a, int b) {
        if (a == 0 || b == 0) {
            return 0;
        }
        if (a == b) {
            return 1;
        }
        int yearA = a / 10000;
        int yearB = b / 10000;
        int monthA = a / 100 % 100;
        int monthB = b / 100 % 100;
        int dayA = a % 100;
        int dayB = b % 100;
        boolean sameDay = monthA == monthB && dayA == dayB;
        if (sameDay && (Math.abs(yearA - yearB) == 1 || Math.abs(yearA - yearB) == 10)) {
            return 2;
        }
        if (yearA == yearB && dayA == monthB && monthA == dayB) {
            return 2;
        }
        if (oneDigitApart(a, b)) {
            return 2;
        }
        return Math.abs(yearA - yearB) < GENERATION_YEARS ? 3 : 4;
    }

    /**
     * The address decides when it says the same flat or building; otherwise the postcode and the address's street
     * and words give what they can, the finest first.
     */
    static int residence(PreparedRecord a, PreparedRecord b) {
        int address = address(a, b);
        int postcode = postcode(a.postcode, b.postcode);
        if (address == 1 || address == 2) {
            return address;
        }
        if (postcode == 1) {
            return 3;
        }
        if (address == 3 || postcode == 2) {
            return 4;
        }
        if (address == 4 || postcode == 3) {
            return 5;
        }
        return address == 0 && postcode == 0 ? 0 : 6;
    }

    /** 1 same unit, 2 same sector or one character apart, 3 same district, 4 different, 0 not compared. */
    static int postcode(Postcodes a, Postcodes b) {
        if (a == null || b == null) {
            return 0;
        }
        if (a.unit().equals(b.unit())) {
            return 1;
        }
        if (a.sector().equals(b.sector()) || oneCharacterApart(a.unit(), b.unit())) {
            return 2;
        }
        return a.district().equals(b.district()) ? 3 : 4;
    }

    /** 1 same flat, 2 same building, 3 same street, 4 shared words, 5 different, 0 not compared. */
    static int address(PreparedRecord first, PreparedRecord second) {
        Addresses a = first.address;
        Addresses b = second.address;
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        boolean sameStreet = sameStreet(a.street(), b.street());
        if (sameStreet && !a.building().isEmpty() && a.building().equals(b.building())) {
            return a.flat().equals(b.flat()) ? 1 : 2;
        }
        if (sameStreet) {
            return 3;
        }
        return sharedWords(first.addressWords, second.addressWords) ? 4 : 5;
    }

    /**
     * The same street, or one mistyped: Jaro-Winkler is asked only of names that start alike and are of nearly one
     * length, since most pairs of addresses are on streets with nothing in common and it is the costliest step.
     */
    private static boolean sameStreet(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return false;
        }
        if (a.equals(b)) {
            return true;
        }
        return a.charAt(0) == b.charAt(0)
                && Math.abs(a.length() - b.length()) <= 3
                && JaroWinkler.similarity(a, b) >= SIMILAR_STREET;
    }

    /** A given name written in the family name's place, as a family-name level against the other's family name. */
    private static int swappedFamily(String writtenAsGiven, PreparedRecord other) {
        if (writtenAsGiven.isEmpty() || other.family.isEmpty()) {
            return 0;
        }
        if (contains(other.familyParts, writtenAsGiven) || contains(other.previousFamilies, writtenAsGiven)) {
            return 2;
        }
        int level = swapped(writtenAsGiven, other.family);
        return level == 5 ? Field.FAMILY_NAME.differentLevel() : level;
    }

    /** A name in one record's given place against the other's family place: 1 same, 3 similar, otherwise 5. */
    private static int swapped(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 5;
        }
        if (a.equals(b)) {
            return 1;
        }
        return JaroWinkler.similarity(a, b) >= SIMILAR_NAME || withinOneEdit(a, b) ? 3 : 5;
    }

    /** Spelt or sounding alike: the same phonetic code, Jaro-Winkler at least 0.92, or one typing slip apart. */
    private static boolean similar(String a, String codeA, String b, String codeB) {
        return (!codeA.isEmpty() && codeA.equals(codeB))
                || JaroWinkler.similarity(a, b) >= SIMILAR_NAME
                || (a.length() > 2 && b.length() > 2 && withinOneEdit(a, b));
    }

    /**
     * One insertion, deletion, substitution or swap of neighbours apart (optimal string alignment distance at most
     * one), found without allocating: short names mistyped once fall below any Jaro-Winkler threshold that keeps
     * different names apart ("tveo" and "theo").
     */
    static boolean withinOneEdit(String a, String b) {
        int lengthA = a.length();
        int lengthB = b.length();
        if (Math.abs(lengthA - lengthB) > 1) {
            return false;
        }
        int start = 0;
        while (start < lengthA && start < lengthB && a.charAt(start) == b.charAt(start)) {
            start++;
        }
        if (start == lengthA && start == lengthB) {
            return true;
        }
        if (lengthA == lengthB) {
            // A substitution, or neighbours swapped.
            if (a.regionMatches(start + 1, b, start + 1, lengthA - start - 1)) {
                return true;
            }
            return start + 1 < lengthA
                    && a.charAt(start) == b.charAt(start + 1)
                    && a.charAt(start + 1) == b.charAt(start)
                    && a.regionMatches(start + 2, b, start + 2, lengthA - start - 2);
        }
        // One character more in the longer.
        String longer = lengthA > lengthB ? a : b;
        String shorter = longer == a ? b : a;
        return longer.regionMatches(start + 1, shorter, start, shorter.length() - start);
    }

    private static boolean sharesGroup(int[] a, int[] b) {
        for (int x : a) {
            for (int y : b) {
                if (x == y) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean contains(String[] names, String name) {
        for (String candidate : names) {
            if (candidate.equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sharesPart(String[] a, String[] b) {
        for (String part : a) {
            if (contains(b, part)) {
                return true;
            }
        }
        return false;
    }

    /** Half or more of the shorter address's words appear in the other: a merge of two sorted hash lists. */
    private static boolean sharedWords(int[] a, int[] b) {
        int shared = 0;
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                shared++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return shared * 2 >= Math.min(a.length, b.length);
    }

    /** Equal but for one changed character or two neighbours swapped, as a mistyped number is. */
    static boolean oneSlip(String a, String b) {
        int first = -1;
        int differences = 0;
        for (int i = 0; i < a.length(); i++) {
            if (a.charAt(i) != b.charAt(i)) {
                if (differences == 0) {
                    first = i;
                }
                differences++;
            }
        }
        if (differences == 1) {
            return true;
        }
        return differences == 2
                && first + 1 < a.length()
                && a.charAt(first) == b.charAt(first + 1)
                && a.charAt(first + 1) == b.charAt(first);
    }

    private static boolean oneDigitApart(int a, int b) {
        int differences = 0;
        while (a != 0 || b != 0) {
            if (a % 10 != b % 10) {
                differences++;
            }
            a /= 10;
            b /= 10;
        }
        return differences == 1;
    }

    private static boolean oneCharacterApart(String a, String b) {
        return a.length() == b.length() && oneSlip(a, b);
    }
}
