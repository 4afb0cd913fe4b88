package org.ecarehub.person.matching;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PostcodesTests {

    @Test
    void spellsAPostcodeOneWayWhateverItsSpacingAndCase() {
        assertThat(Postcodes.parse("ml39aa")).map(Postcodes::unit).hasValue("ML3 9AA");
        assertThat(Postcodes.parse(" ML3  9AA ")).map(Postcodes::unit).hasValue("ML3 9AA");
        assertThat(Postcodes.parse("g72-0ab")).map(Postcodes::unit).hasValue("G72 0AB");
    }

    @Test
    void splitsAPostcodeIntoSectorDistrictAndArea() {
        Postcodes postcode = Postcodes.parse("EH12 5AB").orElseThrow();

        assertThat(postcode.sector()).isEqualTo("EH12 5");
        assertThat(postcode.district()).isEqualTo("EH12");
        assertThat(postcode.area()).isEqualTo("EH");
        assertThat(Postcodes.parse("EC1A 1BB")).map(Postcodes::district).hasValue("EC1A");
    }

    @Test
    void refusesTextThatIsNoPostcode() {
        assertThat(Postcodes.parse("12 Burnbank Road")).isEmpty();
        assertThat(Postcodes.parse("ML3")).isEmpty();
        assertThat(Postcodes.parse("")).isEmpty();
        assertThat(Postcodes.parse(null)).isEmpty();
    }
}
