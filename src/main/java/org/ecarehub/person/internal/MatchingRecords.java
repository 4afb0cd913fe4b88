package org.ecarehub.person.internal;

import org.ecarehub.person.Address;
import org.ecarehub.person.AgencyRecordId;
import org.ecarehub.person.Demographics;
import org.ecarehub.person.matching.PersonRecord;

/** An agency record as the matching engine reads it: its current address, and its CHI as recorded. */
final class MatchingRecords {

    private MatchingRecords() {}

    static PersonRecord of(AgencyRecordId id, Demographics demographics) {
        Address current = demographics.currentAddress().orElse(null);
        return new PersonRecord(
                id.agency().value(),
                id.localId(),
                demographics.chi() == null ? null : demographics.chi().text(),
                demographics.givenName(),
                demographics.familyName(),
                demographics.otherGivenNames(),
                demographics.dateOfBirth(),
                demographics.sex() == null ? null : demographics.sex().code(),
                current == null ? null : current.text(),
                current == null ? null : current.postcode(),
                demographics.phone(),
                demographics.previousFamilyNames());
    }
}
