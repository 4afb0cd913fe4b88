package org.ecarehub.person.population;

import java.time.LocalDate;
import java.util.List;
import org.ecarehub.person.matching.PersonRecord;

/** An agency's record of a resident while its errors are made, before it has a local id. */
final class Draft {

    final Resident resident;
    final Agency agency;
    final boolean duplicate;
    String chi;
    String givenName;
    String familyName;
    String otherGivenNames;
    LocalDate dateOfBirth;
    String sex;
    Address home;
    String address;
    String postcode;
    String phone;
    List<String> previousFamilyNames = List.of();

    /** The record as the agency would hold it without a single error. */
    Draft(Resident resident, Agency agency, boolean duplicate, boolean chiRecorded, boolean otherNamesRecorded) {
        SyntheticPerson person = resident.person();
        this.resident = resident;
        this.agency = agency;
        this.duplicate = duplicate;
        this.chi = chiRecorded ? person.chi() : null;
        this.givenName = person.givenName();
        this.familyName = person.familyName();
        this.otherGivenNames = otherNamesRecorded ? person.otherGivenNames() : null;
        this.dateOfBirth = person.dateOfBirth();
        this.sex = person.sex();
        this.home = resident.home();
        this.address = person.address();
        this.postcode = person.postcode();
        this.phone = person.phone();
    }

    PersonRecord toRecord(String localId) {
        return new PersonRecord(
                agency.id,
                localId,
                chi,
                givenName,
                familyName,
                otherGivenNames,
                dateOfBirth,
                sex,
                address,
                postcode,
                phone,
                previousFamilyNames);
    }
}
