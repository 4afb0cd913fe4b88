package org.ecarehub.person.matching;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressesTests {

    @Test
    void spellsStreetWordsInFull() {
        Addresses address = Addresses.parse("12 Burnbank Rd, Hamilton");
        assertThat(address.building()).isEqualTo("12");
        assertThat(address.street()).isEqualTo("burnbank road");
        assertThat(address.tokens()).contains("hamilton", "road");
        assertThat(Addresses.parse("12 BURNBANK ROAD").street()).isEqualTo("burnbank road");
    }

    @Test
    void readsGlasgowFlatsBeforeTheBuilding() {
        Addresses flat = Addresses.parse("Flat 2/1, 14 Main St, Blantyre");
        assertThat(flat.flat()).isEqualTo("2/1");
        assertThat(flat.building()).isEqualTo("14");
        assertThat(flat.street()).isEqualTo("main street");
        Addresses bare = Addresses.parse("2/1 14 Main Street");
        assertThat(bare.flat()).isEqualTo("2/1");
        assertThat(bare.building()).isEqualTo("14");
    }

    @Test
    void readsEdinburghFlatsAfterTheBuilding() {
        Addresses address = Addresses.parse("14/2 Main Street");
        assertThat(address.building()).isEqualTo("14");
        assertThat(address.flat()).isEqualTo("2");
        assertThat(address.street()).isEqualTo("main street");
    }

    @Test
    void keepsTheBuildingLetter() {
        assertThat(Addresses.parse("12a Calder St").building()).isEqualTo("12a");
    }

    @Test
    void givesNothingForAnEmptyAddress() {
        assertThat(Addresses.parse(null).isEmpty()).isTrue();
        assertThat(Addresses.parse(" , ").isEmpty()).isTrue();
    }
}
