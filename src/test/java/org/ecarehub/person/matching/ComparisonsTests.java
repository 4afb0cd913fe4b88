package org.ecarehub.person.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonsTests {

    private static PreparedRecord person(String given, String family, String born) {
        return person(given, family, born, null, null, null);
    }

    private static PreparedRecord person(
            String given, String family, String born, String chi, String address, String postcode) {
        return PreparedRecord.of(new PersonRecord(
                "nhs",
                "1",
                chi,
                given,
                family,
                null,
                born == null ? null : LocalDate.parse(born),
                null,
                address,
                postcode,
                null,
                List.of()));
    }

    private static int level(Field field, PreparedRecord a, PreparedRecord b) {
        int[] levels = new int[Comparisons.FIELDS];
        Comparisons.compare(a, b, levels);
        return levels[field.ordinal()];
    }

    @Test
    void gradesDatesOfBirthByTheSlipsClerksMake() {
        PreparedRecord agnes = person("Agnes", "Thomson", "1941-03-14");
        assertThat(level(Field.DATE_OF_BIRTH, agnes, person("Agnes", "Thomson", "1941-03-14")))
                .isEqualTo(1);
        assertThat(level(Field.DATE_OF_BIRTH, agnes, person("Agnes", "Thomson", "1941-03-04")))
                .isEqualTo(2);
        assertThat(level(Field.DATE_OF_BIRTH, agnes, person("Agnes", "Thomson", "1942-03-14")))
                .isEqualTo(2);
        assertThat(level(Field.DATE_OF_BIRTH, agnes, person("Agnes", "Thomson", "1951-03-14")))
                .isEqualTo(2);
        PreparedRecord swapped = person("Ann", "Reid", "1950-05-07");
        assertThat(level(Field.DATE_OF_BIRTH, swapped, person("Ann", "Reid", "1950-07-05")))
                .isEqualTo(2);
        assertThat(level(Field.DATE_OF_BIRTH, agnes, person("Agnes", "Thomson", "1948-08-20")))
                .isEqualTo(3);
        assertThat(level(Field.DATE_OF_BIRTH, agnes, person("Agnes", "Thomson", "1970-08-20")))
                .isEqualTo(4);
        assertThat(level(Field.DATE_OF_BIRTH, agnes, person("Agnes", "Thomson", null)))
                .isZero();
    }

    @Test
    void gradesAChiWithTwoDigitsSwappedAsASlip() {
        PreparedRecord a = person("Agnes", "Thomson", null, "1403412103", null, null);
        assertThat(level(Field.CHI, a, person("Agnes", "Thomson", null, "1403412103", null, null)))
                .isEqualTo(1);
        assertThat(level(Field.CHI, a, person("Agnes", "Thomson", null, "1403421103", null, null)))
                .isEqualTo(2);
        assertThat(level(Field.CHI, a, person("Agnes", "Thomson", null, "1403412109", null, null)))
                .isEqualTo(2);
        assertThat(level(Field.CHI, a, person("Agnes", "Thomson", null, "2207683311", null, null)))
                .isEqualTo(3);
    }

    @Test
    void gradesGivenNamesFromTheSameToAVariantATypoAndAnInitial() {
        PreparedRecord robert = person("Robert", "Kerr", null);
        assertThat(level(Field.GIVEN_NAME, robert, person("ROBERT", "Kerr", null)))
                .isEqualTo(1);
        assertThat(level(Field.GIVEN_NAME, robert, person("Rab", "Kerr", null))).isEqualTo(2);
        assertThat(level(Field.GIVEN_NAME, robert, person("Robret", "Kerr", null)))
                .isEqualTo(3);
        assertThat(level(Field.GIVEN_NAME, person("Theo", "Kerr", null), person("Tveo", "Kerr", null)))
                .isEqualTo(3);
        assertThat(level(Field.GIVEN_NAME, robert, person("R", "Kerr", null))).isEqualTo(4);
        assertThat(level(Field.GIVEN_NAME, robert, person("Richard", "Kerr", null)))
                .isEqualTo(5);
    }

    @Test
    void seesGivenAndFamilyNamesSwappedEvenWhenTheFamilyNameChanged() {
        PreparedRecord agnes = person("Agnes", "Stewart", null);
        PreparedRecord swapped = person("Stewart", "Agnes", null);
        assertThat(level(Field.GIVEN_NAME, agnes, swapped)).isEqualTo(1);
        assertThat(level(Field.FAMILY_NAME, agnes, swapped)).isEqualTo(1);
        PreparedRecord married = person("Smith", "Agnes", null);
        assertThat(level(Field.GIVEN_NAME, agnes, married)).isEqualTo(1);
        assertThat(level(Field.FAMILY_NAME, agnes, married)).isEqualTo(Field.FAMILY_NAME.differentLevel());
    }

    @Test
    void gradesResidenceFromTheFlatToTheDistrict() {
        PreparedRecord home = person("Ann", "Reid", null, null, "Flat 2/1, 14 Main Street, Blantyre", "G72 0AB");
        assertThat(level(Field.RESIDENCE, home, person("Ann", "Reid", null, null, "2/1 14 Main St", "g720ab")))
                .isEqualTo(1);
        assertThat(level(Field.RESIDENCE, home, person("Ann", "Reid", null, null, "Flat 3/2, 14 Main St", null)))
                .isEqualTo(2);
        assertThat(level(Field.RESIDENCE, home, person("Ann", "Reid", null, null, null, "G72 0AB")))
                .isEqualTo(3);
        assertThat(level(Field.RESIDENCE, home, person("Ann", "Reid", null, null, "30 Main St", "G72 0XY")))
                .isEqualTo(4);
        assertThat(level(Field.RESIDENCE, home, person("Ann", "Reid", null, null, "5 Loch Wynd", "G72 9QT")))
                .isEqualTo(5);
        assertThat(level(Field.RESIDENCE, home, person("Ann", "Reid", null, null, "5 Loch Wynd", "ML3 9AA")))
                .isEqualTo(6);
        assertThat(level(Field.RESIDENCE, home, person("Ann", "Reid", null, null, null, null)))
                .isZero();
    }

    @Test
    void findsOneTypingSlipWithoutAllocating() {
        assertThat(Comparisons.withinOneEdit("heather", "hhather")).isTrue();
        assertThat(Comparisons.withinOneEdit("emily", "emly")).isTrue();
        assertThat(Comparisons.withinOneEdit("kirsty", "kirtsy")).isTrue();
        assertThat(Comparisons.withinOneEdit("kirsty", "kristy")).isTrue();
        assertThat(Comparisons.withinOneEdit("kirsty", "kristi")).isFalse();
        assertThat(Comparisons.withinOneEdit("ann", "anne")).isTrue();
        assertThat(Comparisons.withinOneEdit("ross", "ryan")).isFalse();
    }
}
