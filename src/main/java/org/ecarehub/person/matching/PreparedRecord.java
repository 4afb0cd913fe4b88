package org.ecarehub.person.matching;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.codec.language.DoubleMetaphone;

/**
 * A person record brought to the one spelling the comparisons use, worked out once so that comparing two records
 * allocates nothing: name keys and their phonetic codes, given-name variant groups, the date of birth as a number,
 * CHI digits, postcode parts, address parts and phone digits.
 *
 * <p>{@link #toString()} names the agency only.
 */
public final class PreparedRecord {

    private static final DoubleMetaphone METAPHONE = new DoubleMetaphone();
    private static final int[] NO_GROUPS = {};

    final PersonRecord source;
    final String given;
    final String[] otherGiven;
    final int[] givenGroups;
    final String givenCode;
    final String family;
    final String[] familyParts;
    final String[] previousFamilies;
    final String familyCode;
    /** yyyymmdd, or 0 when not known. */
    final int dateOfBirth;
    /** 'F', 'M', or 0 when not known. */
    final char sex;
    /** Ten or so digits as recorded, valid or not, or null. */
    final String chi;
    /** Whether the CHI passes its checks: two records with one valid CHI are taken as one person when fitting. */
    final boolean chiValid;

    final Postcodes postcode;
    final Addresses address;
    /** The address's words as sorted, distinct hashes, to count shared words without comparing strings. */
    final int[] addressWords;

    final String phone;
    /** How often the given and family names occur among the records being matched, set once they are all known. */
    double givenFrequency;

    double familyFrequency;

    private PreparedRecord(PersonRecord source, GivenNameVariants variants) {
        this.source = source;
        List<String> givenParts = Names.parts(source.givenName());
        this.given = givenParts.isEmpty() ? "" : givenParts.get(0);
        List<String> others =
                new ArrayList<>(givenParts.size() > 1 ? givenParts.subList(1, givenParts.size()) : List.of());
        others.addAll(Names.parts(source.otherGivenNames()));
        this.otherGiven = others.toArray(String[]::new);
        this.givenGroups = given.isEmpty() ? NO_GROUPS : variants.groups(given);
        this.givenCode = code(given);
        this.family = Names.key(source.familyName());
        List<String> parts = Names.parts(source.familyName());
        this.familyParts = parts.size() > 1 ? parts.toArray(String[]::new) : new String[0];
        this.previousFamilies = source.previousFamilyNames().stream()
                .map(Names::key)
                .filter(name -> !name.isEmpty())
                .toArray(String[]::new);
        this.familyCode = code(family);
        LocalDate born = source.dateOfBirth();
        this.dateOfBirth =
                born == null ? 0 : born.getYear() * 10000 + born.getMonthValue() * 100 + born.getDayOfMonth();
        this.sex = sex(source.sex());
        this.chi = digits(source.chi(), 9);
        this.chiValid = source.chi() != null
                && org.ecarehub.person.ChiNumber.of(source.chi()).valid();
        this.postcode = Postcodes.parse(source.postcode()).orElse(null);
        this.address = Addresses.parse(source.address());
        this.addressWords = address.tokens().stream()
                .mapToInt(String::hashCode)
                .sorted()
                .distinct()
                .toArray();
        this.phone = phone(source.phone());
    }

    public static PreparedRecord of(PersonRecord source) {
        return new PreparedRecord(source, GivenNameVariants.standard());
    }

    public PersonRecord source() {
        return source;
    }

    private static String code(String key) {
        if (key.isEmpty()) {
            return "";
        }
        String code = METAPHONE.doubleMetaphone(key);
        return code == null ? "" : code;
    }

    private static char sex(String recorded) {
        if (recorded == null) {
            return 0;
        }
        return switch (recorded.strip().toUpperCase(java.util.Locale.ROOT)) {
            case "F", "FEMALE" -> 'F';
            case "M", "MALE" -> 'M';
            default -> 0;
        };
    }

    /** The digits of a number, or null when fewer than {@code atLeast} remain. */
    private static String digits(String recorded, int atLeast) {
        if (recorded == null) {
            return null;
        }
        StringBuilder digits = new StringBuilder(recorded.length());
        for (int i = 0; i < recorded.length(); i++) {
            char c = recorded.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        return digits.length() >= atLeast ? digits.toString() : null;
    }

    /** A UK phone number's national digits: "+44 1698 123456" and "01698 123456" agree. */
    private static String phone(String recorded) {
        String digits = digits(recorded, 7);
        if (digits == null) {
            return null;
        }
        if (digits.startsWith("44") && digits.length() == 12) {
            return "0" + digits.substring(2);
        }
        return digits;
    }

    @Override
    public String toString() {
        return "PreparedRecord[" + source.agency() + "]";
    }
}
