package org.ecarehub.person.population;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Homes for synthetic households on invented streets of real towns, each home given once. A street is houses or
 * tenement closes of eight flats; its homes share postcode units of ten to twenty-five homes, in one of the town's real
 * postcode sectors, with units made up from the letters postcodes use.
 */
final class Addresses {

    /** The letters of a postcode's unit part: never C, I, K, M, O or V. */
    private static final String UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ";

    private static final String[] FLATS = {"0/1", "0/2", "1/1", "1/2", "2/1", "2/2", "3/1", "3/2"};

    /** The story addresses of the demo (DEMO.md): no synthetic household lives there. */
    private static final Set<String> STORY_STREETS = Set.of("Burnbank Road", "Calder Street");

    private static final Set<String> STORY_POSTCODES = Set.of("ML3 9AA", "G72 0AB");

    private static final String[] QUALIFIERS = {"Upper", "Lower", "North", "South", "East", "West", "Old", "New"};

    private static final int OPEN_STREETS_PER_TOWN = 12;

    private static final WeightedChoice<String> STREET_KINDS = WeightedChoice.<String>builder()
            .add("Road", 14)
            .add("Street", 14)
            .add("Avenue", 9)
            .add("Drive", 9)
            .add("Crescent", 7)
            .add("Place", 5)
            .add("Gardens", 5)
            .add("Court", 4)
            .add("Terrace", 3)
            .add("Way", 3)
            .add("Grove", 3)
            .add("Lane", 2)
            .add("View", 2)
            .add("Brae", 2)
            .add("Wynd", 1)
            .add("Loan", 1)
            .build();

    private final SplittableRandom random;
    private final WeightedChoice<Town> towns;
    private final List<String> stems;
    private final Map<Town, List<Street>> openStreets = new HashMap<>();
    private final Map<Town, Set<String>> streetNames = new HashMap<>();
    private final Map<String, Sector> sectors = new HashMap<>();

    Addresses(SplittableRandom random) {
        this.random = random;
        WeightedChoice.Builder<Town> builder = WeightedChoice.builder();
        Town.ALL.forEach(town -> builder.add(town, town.weight()));
        this.towns = builder.build();
        this.stems = Resources.rows("street-names.txt", 1, 1).stream()
                .map(row -> row[0])
                .toList();
    }

    Town town() {
        return towns.pick(random);
    }

    /** A home nobody else has been given, in a town drawn by its population. */
    Address newHome() {
        return newHome(town());
    }

    Address newHome(Town town) {
        List<Street> open = openStreets.computeIfAbsent(town, t -> new ArrayList<>());
        while (open.size() < OPEN_STREETS_PER_TOWN) {
            open.add(newStreet(town));
        }
        int index = random.nextInt(open.size());
        Street street = open.get(index);
        Address home = street.nextHome();
        if (street.full()) {
            open.set(index, open.get(open.size() - 1));
            open.remove(open.size() - 1);
        }
        return home;
    }

    private Street newStreet(Town town) {
        Set<String> names = streetNames.computeIfAbsent(town, t -> new HashSet<>());
        for (int attempt = 0; attempt < 1000; attempt++) {
            String kind = STREET_KINDS.pick(random);
            String stem = stems.get(random.nextInt(stems.size()));
            // Once the plain names run short in a very large population, streets get an Upper, North and the like.
            String name =
                    (attempt < 100 ? "" : QUALIFIERS[random.nextInt(QUALIFIERS.length)] + " ") + stem + " " + kind;
            if (!STORY_STREETS.contains(name) && names.add(name)) {
                String sector = town.sectors().get(random.nextInt(town.sectors().size()));
                boolean tenement = random.nextDouble() < town.tenementShare();
                int capacity = tenement ? FLATS.length * (3 + random.nextInt(18)) : 20 + random.nextInt(100);
                return new Street(town, name, kind, sectors.computeIfAbsent(sector, Sector::new), tenement, capacity);
            }
        }
        throw new IllegalStateException("No street name is left in " + town.name());
    }

    /** A postcode sector's units, given out at random until all four hundred are used, then shared. */
    private final class Sector {

        private final String prefix;
        private final boolean[] used = new boolean[UNIT_LETTERS.length() * UNIT_LETTERS.length()];
        private final List<String> given = new ArrayList<>();

        Sector(String prefix) {
            this.prefix = prefix;
            for (String story : STORY_POSTCODES) {
                if (story.startsWith(prefix) && story.length() == prefix.length() + 2) {
                    used[
                            UNIT_LETTERS.indexOf(story.charAt(prefix.length())) * UNIT_LETTERS.length()
                                    + UNIT_LETTERS.indexOf(story.charAt(prefix.length() + 1))] = true;
                }
            }
        }

        String newUnit() {
            for (int attempt = 0; attempt < 40; attempt++) {
                int unit = random.nextInt(used.length);
                if (!used[unit]) {
                    used[unit] = true;
                    String postcode = prefix
                            + UNIT_LETTERS.charAt(unit / UNIT_LETTERS.length())
                            + UNIT_LETTERS.charAt(unit % UNIT_LETTERS.length());
                    given.add(postcode);
                    return postcode;
                }
            }
            return given.isEmpty() ? prefix + "ZZ" : given.get(random.nextInt(given.size()));
        }
    }

    private final class Street {

        private final Town town;
        private final String name;
        private final String kind;
        private final Sector sector;
        private final boolean tenement;
        private final int capacity;
        private final int firstNumber;
        private int homes;
        private String postcode;
        private int homesInUnit;
        private int unitSize;

        Street(Town town, String name, String kind, Sector sector, boolean tenement, int capacity) {
            this.town = town;
            this.name = name;
            this.kind = kind;
            this.sector = sector;
            this.tenement = tenement;
            this.capacity = capacity;
            this.firstNumber = 1 + random.nextInt(2);
        }

        Address nextHome() {
            if (postcode == null || homesInUnit >= unitSize) {
                postcode = sector.newUnit();
                homesInUnit = 0;
                unitSize = 10 + random.nextInt(16);
            }
            homesInUnit++;
            int home = homes++;
            if (tenement) {
                int close = home / FLATS.length;
                return new Address(FLATS[home % FLATS.length], firstNumber + 2 * close, name, kind, town, postcode);
            }
            return new Address(null, firstNumber + home, name, kind, town, postcode);
        }

        boolean full() {
            return homes >= capacity;
        }
    }
}
