package org.ecarehub.person.population;

import java.util.SplittableRandom;

/**
 * The agencies of the demo partnership that hold synthetic people, each with whom it knows, what it records and how
 * its local ids look.
 */
enum Agency {

    /** Almost everyone; always records the CHI. */
    NHS_LANARKSHIRE("nhs-lanarkshire", 1.0, false, 0.95),

    /** Nearly everyone in Hamilton and some in the towns around; records the CHI. */
    HAMILTON_MEDICAL_PRACTICE("hamilton-medical-practice", 1.0, true, 0.9),

    /** Older and vulnerable adults and some families' children; records the CHI for about three clients in five. */
    SLC_SOCIAL_WORK("slc-social-work", 0.62, true, 0.8),

    /** Council tenants and applicants for a council home, and the adults of their households. */
    SLC_HOUSING("slc-housing", 0.0, true, 0.5),

    /** Children of school age, 4 to 18. */
    SLC_EDUCATION("slc-education", 0.0, true, 0.9),

    /** A few in a hundred adults: victims, witnesses, people in concern reports; more young men. */
    POLICE_SCOTLAND("police-scotland", 0.0, true, 0.8);

    final String id;
    final double chiRecorded;
    final boolean nicknames;
    final double otherNamesRecorded;

    Agency(String id, double chiRecorded, boolean nicknames, double otherNamesRecorded) {
        this.id = id;
        this.chiRecorded = chiRecorded;
        this.nicknames = nicknames;
        this.otherNamesRecorded = otherNamesRecorded;
    }

    /** Whether the agency knows this resident; drawn once for each resident and agency. */
    boolean holds(Resident resident, SplittableRandom random) {
        int age = resident.age();
        Town town = resident.town();
        double share = switch (this) {
            case NHS_LANARKSHIRE -> 0.99;
            case HAMILTON_MEDICAL_PRACTICE -> town.hamiltonPracticeShare();
            case SLC_SOCIAL_WORK -> town.southLanarkshire() ? socialWorkShare(resident) : 0.0;
            case SLC_HOUSING -> resident.tenant() ? 1.0 : 0.0;
            case SLC_EDUCATION -> !town.southLanarkshire() || age < 4 || age > 18 ? 0.0 : age == 18 ? 0.4 : 0.98;
            case POLICE_SCOTLAND ->
                age < 16 ? 0.0 : "M".equals(resident.person().sex()) && age <= 40 ? 0.09 : 0.03;
        };
        return share >= 1.0 || (share > 0.0 && random.nextDouble() < share);
    }

    private static double socialWorkShare(Resident resident) {
        int age = resident.age();
        if (age < 18) {
            return resident.socialWorkFamily() ? 0.95 : 0.02;
        }
        if (age >= 85) {
            return 0.7;
        }
        if (age >= 75) {
            return 0.45;
        }
        if (age >= 65) {
            return 0.2;
        }
        return resident.socialWorkFamily() ? 0.7 : 0.08;
    }
}
