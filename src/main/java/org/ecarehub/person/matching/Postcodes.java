package org.ecarehub.person.matching;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * UK postcodes in one spelling ("ML3 9AA"), and their parts from the finest to the coarsest, so that a comparison
 * can give credit for the same unit, sector ("ML3 9"), district ("ML3") or area ("ML").
 */
public record Postcodes(String unit, String sector, String district, String area) {

    private static final Pattern POSTCODE = Pattern.compile("([A-Z]{1,2})([0-9][A-Z0-9]?)([0-9])([A-Z]{2})");

    /** The postcode, when the text is one, whatever its spacing and case. */
    public static Optional<Postcodes> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        StringBuilder letters = new StringBuilder(8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                letters.append(c);
            } else if (c >= 'a' && c <= 'z') {
                letters.append((char) (c - 'a' + 'A'));
            } else if (Character.isLetterOrDigit(c)) {
                return Optional.empty();
            }
        }
        String compact = letters.toString();
        var matcher = POSTCODE.matcher(compact);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String district = matcher.group(1) + matcher.group(2);
        String sector = district + " " + matcher.group(3);
        return Optional.of(new Postcodes(sector + matcher.group(4), sector, district, matcher.group(1)));
    }
}
