package org.ecarehub.access.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.ecarehub.access.PersonQuery;
import org.ecarehub.person.Address;
import org.ecarehub.person.AgencyRecordId;
import org.ecarehub.person.ChiNumber;
import org.ecarehub.person.Demographics;
import org.ecarehub.person.Sex;
import org.junit.jupiter.api.Test;

class VisibleMatchTests {

    static final AgencyRecordId SOCIAL_WORK = AgencyRecordId.of("slc-social-work", "SW-1");

    static Demographics agnes() {
        return new Demographics(
                "Agnes",
                "May",
                "Thomson",
                List.of("Reid"),
                LocalDate.of(1941, 3, 14),
                Sex.FEMALE,
                List.of(
                        Address.current("12 Burnbank Road, Hamilton", "ML3 9AA"),
                        new Address("1 Old Road", "G1 1AA", LocalDate.of(1990, 1, 1), LocalDate.of(2000, 1, 1))),
                null,
                ChiNumber.of("1403410000"));
    }

    static PersonQuery query(
            String agency,
            String identifier,
            String family,
            String given,
            String name,
            LocalDate born,
            String postcode) {
        return new PersonQuery(null, agency, identifier, family, given, name, born, postcode);
    }

    @Test
    void matchesNamesFromTheirStartWhateverTheirCase() {
        assertThat(VisibleMatch.matches(query(null, null, "thom", null, null, null, null), SOCIAL_WORK, agnes()))
                .isTrue();
        assertThat(VisibleMatch.matches(query(null, null, "REI", null, null, null, null), SOCIAL_WORK, agnes()))
                .as("a previous family name")
                .isTrue();
        assertThat(VisibleMatch.matches(query(null, null, null, "may", null, null, null), SOCIAL_WORK, agnes()))
                .as("another given name")
                .isTrue();
        assertThat(VisibleMatch.matches(query(null, null, null, null, "Ag", null, null), SOCIAL_WORK, agnes()))
                .isTrue();
        assertThat(VisibleMatch.matches(query(null, null, "homson", null, null, null, null), SOCIAL_WORK, agnes()))
                .isFalse();
    }

    @Test
    void needsEveryDetailGivenToMatch() {
        assertThat(VisibleMatch.matches(
                        query(null, null, "Thomson", "Agnes", null, LocalDate.of(1941, 3, 15), null),
                        SOCIAL_WORK,
                        agnes()))
                .isFalse();
        assertThat(VisibleMatch.matches(
                        query(null, null, "Thomson", "Agnes", null, LocalDate.of(1941, 3, 14), "ml39aa"),
                        SOCIAL_WORK,
                        agnes()))
                .isTrue();
    }

    @Test
    void matchesOnlyACurrentAddressesPostcode() {
        assertThat(VisibleMatch.matches(query(null, null, null, null, null, null, "G1 1AA"), SOCIAL_WORK, agnes()))
                .isFalse();
    }

    @Test
    void matchesAChiNumberOnlyOnTheRecordThatHoldsIt() {
        assertThat(VisibleMatch.matches(query(null, "1403410000", null, null, null, null, null), SOCIAL_WORK, agnes()))
                .isTrue();
        Demographics withoutChi = new Demographics(
                "Agnes", null, "Thomson", List.of(), LocalDate.of(1941, 3, 14), Sex.FEMALE, List.of(), null, null);
        assertThat(VisibleMatch.matches(
                        query(null, "1403410000", null, null, null, null, null), SOCIAL_WORK, withoutChi))
                .isFalse();
    }

    @Test
    void matchesALocalIdOnlyOnItsOwnAgencysRecord() {
        assertThat(VisibleMatch.matches(
                        query("slc-social-work", "SW-1", null, null, null, null, null), SOCIAL_WORK, agnes()))
                .isTrue();
        assertThat(VisibleMatch.matches(
                        query("slc-housing", "SW-1", null, null, null, null, null), SOCIAL_WORK, agnes()))
                .isFalse();
    }

    @Test
    void letsAPersonIdMatchAnyRecordOfThePerson() {
        assertThat(VisibleMatch.matches(
                        new PersonQuery("any-id", null, null, null, null, null, null, null), SOCIAL_WORK, agnes()))
                .isTrue();
    }
}
