package org.ecarehub.person.population;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How often each family name and given name is given in Scotland, from the resources beside this class: family names
 * with a Zipf-like weight, given names by sex with a weight for each era of birth. Families of a named origin (Khan,
 * Nowak) mostly give names of that origin, and only they give them.
 */
final class NameFrequencies {

    /** The first years of the second, third and fourth eras of the given-name tables. */
    private static final int[] ERA_STARTS = {1950, 1975, 2000};

    private static final int ERAS = ERA_STARTS.length + 1;

    /** The share of children in a family of a named origin who are given a name of that origin. */
    private static final double ORIGIN_NAMES = 0.85;

    private static final String GENERAL = "";

    private final WeightedChoice<String> familyNames;
    private final Map<String, String> originOfFamily;
    /** Given names by sex, then origin ("" for names of no particular origin), then era. */
    private final Map<String, Map<String, List<WeightedChoice<String>>>> givenNames;

    private final Map<String, Integer> givenNameCounts;

    private NameFrequencies(
            WeightedChoice<String> familyNames,
            Map<String, String> originOfFamily,
            Map<String, Map<String, List<WeightedChoice<String>>>> givenNames,
            Map<String, Integer> givenNameCounts) {
        this.familyNames = familyNames;
        this.originOfFamily = originOfFamily;
        this.givenNames = givenNames;
        this.givenNameCounts = givenNameCounts;
    }

    static NameFrequencies standard() {
        return Standard.FREQUENCIES;
    }

    String familyName(SplittableRandom random) {
        return familyNames.pick(random);
    }

    /** A given name for someone of this sex ("F" or "M") born in this year into a family of this name. */
    String givenName(String sex, int birthYear, String familyName, SplittableRandom random) {
        int era = 0;
        while (era < ERA_STARTS.length && birthYear >= ERA_STARTS[era]) {
            era++;
        }
        Map<String, List<WeightedChoice<String>>> byOrigin = givenNames.get(sex);
        String origin = originOfFamily.get(familyName);
        if (origin != null && random.nextDouble() < ORIGIN_NAMES) {
            return byOrigin.get(origin).get(era).pick(random);
        }
        return byOrigin.get(GENERAL).get(era).pick(random);
    }

    int familyNameCount() {
        return familyNames.size();
    }

    int givenNameCount(String sex) {
        return givenNameCounts.get(sex);
    }

    private static NameFrequencies read() {
        WeightedChoice.Builder<String> family = WeightedChoice.builder();
        Map<String, String> originOfFamily = new HashMap<>();
        for (String[] fields : Resources.rows("family-names.txt", 2, 3)) {
            family.add(fields[0], Double.parseDouble(fields[1]));
            if (fields.length == 3) {
                originOfFamily.put(fields[0], fields[2]);
            }
        }
        List<String[]> female = Resources.rows("given-names-female.txt", 1 + ERAS, 2 + ERAS);
        List<String[]> male = Resources.rows("given-names-male.txt", 1 + ERAS, 2 + ERAS);
        return new NameFrequencies(
                family.build(),
                Map.copyOf(originOfFamily),
                Map.of("F", byOriginAndEra(female), "M", byOriginAndEra(male)),
                Map.of("F", female.size(), "M", male.size()));
    }

    private static Map<String, List<WeightedChoice<String>>> byOriginAndEra(List<String[]> rows) {
        Map<String, List<String[]>> byOrigin = new HashMap<>();
        for (String[] fields : rows) {
            byOrigin.computeIfAbsent(fields.length > 1 + ERAS ? fields[1 + ERAS] : GENERAL, o -> new ArrayList<>())
                    .add(fields);
        }
        Map<String, List<WeightedChoice<String>>> choices = new HashMap<>();
        byOrigin.forEach((origin, originRows) -> {
            List<WeightedChoice<String>> eras = new ArrayList<>();
            for (int era = 0; era < ERAS; era++) {
                WeightedChoice.Builder<String> names = WeightedChoice.builder();
                for (String[] fields : originRows) {
                    names.add(fields[0], Double.parseDouble(fields[1 + era]));
                }
                eras.add(names.build());
            }
            choices.put(origin, List.copyOf(eras));
        });
        return Map.copyOf(choices);
    }

    private static final class Standard {
        static final NameFrequencies FREQUENCIES = read();
    }
}
