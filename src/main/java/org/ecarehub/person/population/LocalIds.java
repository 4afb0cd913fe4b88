package org.ecarehub.person.population;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * An agency's own ids for its records, drawn at random so that their order says nothing of who is who, in the shape
 * each agency uses: NHS unit numbers "LN0412873", practice numbers "204518", social work client numbers "SW0123456",
 * tenancy references "HAM/012345/01" (area, tenancy, person in it), Scottish candidate numbers "123456789" and police
 * references "PS19-004512".
 */
final class LocalIds {

    private final Agency agency;
    private final SplittableRandom random;
    private final Set<Long> used;
    private final long low;
    private final long high;
    private final int digits;
    private final Map<String, long[]> tenancies = new HashMap<>();

    /** Ids for an agency that will give out about this many, in a range ample enough that drawing stays quick. */
    LocalIds(Agency agency, int count, SplittableRandom random) {
        this.agency = agency;
        this.random = random;
        this.used = new HashSet<>(2 * count + 16);
        int least = switch (agency) {
            case NHS_LANARKSHIRE, SLC_SOCIAL_WORK -> 7;
            case HAMILTON_MEDICAL_PRACTICE, SLC_HOUSING, POLICE_SCOTLAND -> 6;
            case SLC_EDUCATION -> 9;
        };
        int needed = Long.toString(Math.max(1L, count) * 20L).length();
        this.digits = Math.max(least, needed);
        // Practice and candidate numbers never start with 0, so that a spreadsheet keeps them as typed.
        boolean noLeadingZero = agency == Agency.HAMILTON_MEDICAL_PRACTICE || agency == Agency.SLC_EDUCATION;
        this.high = pow10(digits);
        this.low = noLeadingZero ? pow10(digits - 1) : 0;
    }

    String next(Draft draft) {
        return switch (agency) {
            case NHS_LANARKSHIRE -> "LN" + padded(unique());
            case HAMILTON_MEDICAL_PRACTICE, SLC_EDUCATION -> Long.toString(unique());
            case SLC_SOCIAL_WORK -> "SW" + padded(unique());
            case SLC_HOUSING -> tenancyReference(draft);
            case POLICE_SCOTLAND -> "PS" + (10 + random.nextInt(16)) + "-" + padded(unique());
        };
    }

    /** Members of one tenancy share its number; a second registration is a tenancy of its own. */
    private String tenancyReference(Draft draft) {
        String key = draft.duplicate
                ? "duplicate " + used.size()
                : draft.resident.person().householdKey();
        long[] tenancy = tenancies.computeIfAbsent(key, k -> new long[] {unique(), 0});
        tenancy[1]++;
        String person = tenancy[1] < 10 ? "0" + tenancy[1] : Long.toString(tenancy[1]);
        return draft.resident.home().town().housingArea() + "/" + padded(tenancy[0]) + "/" + person;
    }

    private long unique() {
        while (true) {
            long number = low + random.nextLong(high - low);
            if (used.add(number)) {
                return number;
            }
        }
    }

    private String padded(long number) {
        String text = Long.toString(number);
        return "0".repeat(Math.max(0, digits - text.length())) + text;
    }

    private static long pow10(int exponent) {
        long value = 1;
        for (int i = 0; i < exponent; i++) {
            value *= 10;
        }
        return value;
    }
}
