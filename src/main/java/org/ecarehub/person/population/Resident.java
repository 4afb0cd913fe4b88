package org.ecarehub.person.population;

/**
 * A synthetic person with what the agencies' coverage and errors depend on: their home and the one before a move,
 * the house telephone, whether they hold a council tenancy and whether social work knows their family.
 */
record Resident(
        SyntheticPerson person,
        int age,
        Address home,
        Address previousHome,
        String housePhone,
        boolean tenant,
        boolean socialWorkFamily) {

    Town town() {
        return home.town();
    }
}
