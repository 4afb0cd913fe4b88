package org.ecarehub.person.population;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A home: a house on a street, or a flat in a tenement close written the Glasgow way, floor then position ("Flat
 * 2/1" is the second floor, first door).
 */
record Address(String flat, int number, String street, String streetKind, Town town, String postcode) {

    /** The address as a careful clerk writes it: "Flat 2/1, 14 Quarry Road, Hamilton". */
    String text() {
        String house = number + " " + street;
        return (flat == null ? house : "Flat " + flat + ", " + house) + ", " + town.name();
    }

    /** The same address written another way: abbreviated, with the flat another way, without the town, in capitals. */
    String writtenDifferently(SplittableRandom random) {
        String abbreviation = abbreviation();
        String streetName = abbreviation != null && random.nextInt(3) > 0
                ? street.substring(0, street.length() - streetKind.length()) + abbreviation
                : street;
        String house;
        if (flat == null || (!streetName.equals(street) && random.nextBoolean())) {
            house = (flat == null ? "" : "Flat " + flat + ", ") + number + " " + streetName;
        } else {
            // Flats counted from the ground floor's first door: 0/1 is 1, 2/1 is 5.
            int ordinal = (flat.charAt(0) - '0') * 2 + (flat.charAt(2) - '0');
            house = switch (random.nextInt(4)) {
                case 0 -> number + "/" + ordinal + " " + streetName;
                case 1 -> "Flat " + ordinal + ", " + number + " " + streetName;
                case 2 -> flat + ", " + number + " " + streetName;
                default -> number + " " + streetName + ", Flat " + flat;
            };
        }
        String written = house + ", " + town.name();
        if (written.equals(text()) || random.nextInt(4) == 0) {
            written = house;
        }
        return random.nextInt(6) == 0 ? written.toUpperCase(Locale.ROOT) : written;
    }

    private String abbreviation() {
        return switch (streetKind) {
            case "Road" -> "Rd";
            case "Street" -> "St";
            case "Avenue" -> "Ave";
            case "Drive" -> "Dr";
            case "Crescent" -> "Cres";
            case "Place" -> "Pl";
            case "Gardens" -> "Gdns";
            case "Court" -> "Ct";
            case "Terrace" -> "Terr";
            case "Grove" -> "Gr";
            case "Lane" -> "Ln";
            default -> null;
        };
    }
}
