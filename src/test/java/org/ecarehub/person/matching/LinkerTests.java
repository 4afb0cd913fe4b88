package org.ecarehub.person.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.ecarehub.person.population.SourcedRecord;
import org.ecarehub.person.population.SyntheticPopulation;
import org.junit.jupiter.api.Test;

class LinkerTests {

    /** A generated population held by six agencies, with their errors, so the model has real data to fit. */
    private static final List<PersonRecord> BACKGROUND = SyntheticPopulation.generate(3_000, 11).records().stream()
            .map(SourcedRecord::record)
            .toList();

    private static PersonRecord record(
            String agency,
            String id,
            String given,
            String family,
            LocalDate born,
            String sex,
            String address,
            String postcode) {
        return new PersonRecord(agency, id, null, given, family, null, born, sex, address, postcode, null, List.of());
    }

    private static LinkResult link(List<PersonRecord> extra) {
        List<PersonRecord> records = new ArrayList<>(BACKGROUND);
        records.addAll(extra);
        return new Linker(2).link(records, Thresholds.DEFAULT, Linker.Progress.NONE);
    }

    private static int index(LinkResult result, String agency, String id) {
        for (int i = 0; i < result.records(); i++) {
            if (result.record(i).agency().equals(agency)
                    && result.record(i).localId().equals(id)) {
                return i;
            }
        }
        throw new AssertionError("no record " + agency + " " + id);
    }

    private static boolean samePerson(LinkResult result, String agencyA, String idA, String agencyB, String idB) {
        return result.clusterOf(index(result, agencyA, idA)) == result.clusterOf(index(result, agencyB, idB));
    }

    @Test
    void linksTheSamePersonAcrossAgenciesDespiteANicknameAndATypedAddress() {
        LocalDate born = LocalDate.of(1952, 4, 17);
        LinkResult result = link(List.of(
                record("nhs", "X1", "Robert", "McAlpine", born, "M", "Flat 2/1, 14 Quarry Street", "ML3 7QZ"),
                record("housing", "X1", "Bob", "MacAlpine", born, "M", "2/1 14 Quarry St", "ml37qz")));
        assertThat(samePerson(result, "nhs", "X1", "housing", "X1")).isTrue();
    }

    @Test
    void keepsTwinsApartThoughTheyShareBirthdayFamilyNameAndAddress() {
        LocalDate born = LocalDate.of(2015, 8, 9);
        LinkResult result = link(List.of(
                record("nhs", "T1", "Callum", "Drummond", born, "M", "3 Loch Wynd, Blantyre", "G72 9QT"),
                record("nhs", "T2", "Lewis", "Drummond", born, "M", "3 Loch Wynd, Blantyre", "G72 9QT"),
                record("education", "T1", "Callum", "Drummond", born, "M", "3 Loch Wynd", "G72 9QT"),
                record("education", "T2", "Lewis", "Drummond", born, "M", "3 Loch Wynd", "G72 9QT")));
        assertThat(samePerson(result, "nhs", "T1", "nhs", "T2")).isFalse();
        assertThat(samePerson(result, "nhs", "T1", "education", "T1")).isTrue();
        assertThat(samePerson(result, "nhs", "T2", "education", "T2")).isTrue();
    }

    @Test
    void keepsAFatherAndSonOfOneNameApart() {
        LinkResult result = link(List.of(
                record("nhs", "F1", "Hugh", "Galbraith", LocalDate.of(1961, 2, 3), "M", "8 Mill Road", "ML10 6QP"),
                record("nhs", "F2", "Hugh", "Galbraith", LocalDate.of(1989, 11, 30), "M", "8 Mill Road", "ML10 6QP"),
                record("housing", "F1", "Hugh", "Galbraith", LocalDate.of(1961, 2, 3), null, "8 Mill Rd", "ML10 6QP")));
        assertThat(samePerson(result, "nhs", "F1", "nhs", "F2")).isFalse();
        assertThat(samePerson(result, "nhs", "F1", "housing", "F1")).isTrue();
    }

    @Test
    void doesNotChainTwoPeopleThroughARecordThatResemblesBoth() {
        // A record with no date of birth is like both Janets; the two Janets, born decades apart, are not one.
        LinkResult result = link(List.of(
                record("nhs", "J1", "Janet", "Kinnaird", LocalDate.of(1948, 5, 6), "F", "5 Bank Street", "ML3 6AB"),
                record("nhs", "J2", "Janet", "Kinnaird", LocalDate.of(1979, 9, 14), "F", "5 Bank Street", "ML3 6AB"),
                record("police", "J3", "Janet", "Kinnaird", null, "F", "5 Bank Street", "ML3 6AB")));
        assertThat(samePerson(result, "nhs", "J1", "nhs", "J2")).isFalse();
    }

    @Test
    void explainsAScoreAsTheWeightEachFieldAdded() {
        LocalDate born = LocalDate.of(1952, 4, 17);
        LinkResult result = link(List.of(
                record("nhs", "X1", "Robert", "McAlpine", born, "M", "14 Quarry Street", "ML3 7QZ"),
                record("housing", "X1", "Bob", "MacAlpine", born, "M", "14 Quarry St", "ML3 7QZ")));
        MatchExplanation explanation = result.explain(index(result, "nhs", "X1"), index(result, "housing", "X1"));
        assertThat(explanation.field(Field.GIVEN_NAME).agreement()).isEqualTo("variant or other given name");
        assertThat(explanation.factors())
                .filteredOn(factor -> factor.factor() == Factor.GIVEN_NAME)
                .singleElement()
                .satisfies(factor -> assertThat(factor.weight()).isPositive());
        assertThat(explanation.factors())
                .filteredOn(factor -> factor.factor() == Factor.CHI)
                .singleElement()
                .satisfies(factor -> assertThat(factor.weight()).isZero());
        assertThat(1 / (1 + Math.pow(2, -explanation.totalWeight())))
                .isCloseTo(explanation.probability(), org.assertj.core.data.Offset.offset(1e-9));
    }
}
