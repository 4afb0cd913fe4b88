package org.ecarehub.person.matching;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Addresses as agencies type them, brought to one spelling: lower case, street words unabbreviated ("Rd" is "road"),
 * and the building number told apart from the flat, whether the flat is written "Flat 2/1, 14 Main St", "2/1 14 Main
 * Street" or, as in Edinburgh, "14/2 Main Street".
 *
 * @param building the building number with any letter ("14", "12a"), or empty
 * @param flat the flat within the building ("2/1", "2"), or empty
 * @param street the street's words joined by single spaces ("main street"), or empty
 * @param tokens every word and number of the address, for a comparison by the words two addresses share
 */
public record Addresses(String building, String flat, String street, List<String> tokens) {

    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("rd", "road"),
            Map.entry("st", "street"),
            Map.entry("str", "street"),
            Map.entry("ave", "avenue"),
            Map.entry("av", "avenue"),
            Map.entry("cres", "crescent"),
            Map.entry("cresc", "crescent"),
            Map.entry("dr", "drive"),
            Map.entry("gdns", "gardens"),
            Map.entry("gds", "gardens"),
            Map.entry("pl", "place"),
            Map.entry("terr", "terrace"),
            Map.entry("ter", "terrace"),
            Map.entry("tce", "terrace"),
            Map.entry("ct", "court"),
            Map.entry("crt", "court"),
            Map.entry("sq", "square"),
            Map.entry("ln", "lane"),
            Map.entry("pk", "park"),
            Map.entry("gr", "grove"),
            Map.entry("gro", "grove"),
            Map.entry("cl", "close"),
            Map.entry("wy", "way"),
            Map.entry("qd", "quadrant"),
            Map.entry("hts", "heights"),
            Map.entry("bldgs", "buildings"),
            Map.entry("e", "east"),
            Map.entry("w", "west"),
            Map.entry("n", "north"),
            Map.entry("s", "south"));

    /** Words that say which flat, not where: dropped once the flat is read. */
    private static final List<String> FLAT_WORDS = List.of("flat", "flt", "apartment", "apt", "unit");

    /** The address in one spelling; an address with no words or numbers gives empty parts. */
    public static Addresses parse(String text) {
        if (text == null) {
            return new Addresses("", "", "", List.of());
        }
        String lower = fold(text);
        List<String> words = new ArrayList<>(8);
        int start = -1;
        for (int i = 0; i <= lower.length(); i++) {
            char c = i < lower.length() ? lower.charAt(i) : ' ';
            boolean wordChar = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/';
            if (wordChar && start < 0) {
                start = i;
            } else if (!wordChar && start >= 0) {
                String word = lower.substring(start, i);
                words.add(WORDS.getOrDefault(word, word));
                start = -1;
            }
        }
        String flat = "";
        String building = "";
        List<String> street = new ArrayList<>();
        boolean streetDone = false;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            boolean nextIsNumber = i + 1 < words.size() && isNumberish(words.get(i + 1));
            if (FLAT_WORDS.contains(word) && i + 1 < words.size() && isNumberish(words.get(i + 1))) {
                flat = words.get(++i);
            } else if (isSlashed(word)) {
                if (nextIsNumber || !building.isEmpty()) {
                    // "2/1 14 Main Street": Glasgow's floor and flat before the building number.
                    flat = word;
                } else {
                    // "14/2 Main Street": the building, then the flat.
                    int slash = word.indexOf('/');
                    building = word.substring(0, slash);
                    flat = word.substring(slash + 1);
                }
            } else if (isNumber(word) && street.isEmpty()) {
                if (building.isEmpty()) {
                    building = word;
                } else if (flat.isEmpty()) {
                    // "14 3 Main Street" read as building then flat would be a guess: keep the last as the building.
                    flat = building;
                    building = word;
                }
            } else if (!streetDone && !isNumber(word) && word.indexOf('/') < 0) {
                street.add(word);
                if (isStreetEnding(word)) {
                    streetDone = true;
                }
            }
        }
        List<String> tokens = new ArrayList<>(words.size());
        for (String word : words) {
            if (!FLAT_WORDS.contains(word) && !tokens.contains(word)) {
                tokens.add(word);
            }
        }
        return new Addresses(building, flat, String.join(" ", street), List.copyOf(tokens));
    }

    private static String fold(String text) {
        if (Names.isAscii(text)) {
            return text.toLowerCase(Locale.ROOT);
        }
        return java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT);
    }

    private static boolean isNumberish(String word) {
        return isNumber(word) || isSlashed(word);
    }

    /** Digits with at most one letter after them: "14", "12a". */
    private static boolean isNumber(String word) {
        int digits = 0;
        while (digits < word.length() && Character.isDigit(word.charAt(digits))) {
            digits++;
        }
        if (digits == 0) {
            return false;
        }
        return digits == word.length()
                || (digits == word.length() - 1 && word.charAt(digits) >= 'a' && word.charAt(digits) <= 'z');
    }

    /** Two numbers joined by a slash: "2/1", "14/2". */
    private static boolean isSlashed(String word) {
        int slash = word.indexOf('/');
        return slash > 0
                && slash == word.lastIndexOf('/')
                && isNumber(word.substring(0, slash))
                && isNumber(word.substring(slash + 1));
    }

    private static boolean isStreetEnding(String word) {
        return switch (word) {
            case "road",
                    "street",
                    "avenue",
                    "crescent",
                    "drive",
                    "gardens",
                    "place",
                    "terrace",
                    "court",
                    "square",
                    "lane",
                    "park",
                    "grove",
                    "close",
                    "way",
                    "quadrant",
                    "view",
                    "wynd",
                    "row",
                    "brae",
                    "loan",
                    "gate",
                    "walk",
                    "rise",
                    "circle",
                    "green",
                    "hill",
                    "heights",
                    "buildings",
                    "parade" -> true;
            default -> false;
        };
    }

    /** Whether the address says anything to compare. */
    public boolean isEmpty() {
        return tokens.isEmpty();
    }
}
