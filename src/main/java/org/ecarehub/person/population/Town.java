package org.ecarehub.person.population;

import java.util.Arrays;
import java.util.List;

/**
 * A town or district the synthetic people live in (the resource {@code towns.txt}): its real postcode sectors and
 * telephone area code, the prefix of council tenancy references there, whether South Lanarkshire Council serves it,
 * and the shares of its people registered with the Hamilton practice and of its streets that are tenements.
 */
record Town(
        String name,
        double weight,
        List<String> sectors,
        String phoneArea,
        String housingArea,
        boolean southLanarkshire,
        double hamiltonPracticeShare,
        double tenementShare) {

    static final List<Town> ALL = Resources.rows("towns.txt", 8, 8).stream()
            .map(fields -> new Town(
                    fields[0],
                    Double.parseDouble(fields[1]),
                    Arrays.asList(fields[2].split(";")),
                    fields[3],
                    fields[4],
                    "yes".equals(fields[5]),
                    Double.parseDouble(fields[6]),
                    Double.parseDouble(fields[7])))
            .toList();
}
