package org.ecarehub.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.ecarehub.person.AgencyRecord;
import org.ecarehub.person.Demographics;
import org.junit.jupiter.api.Test;

class DemoPeopleTests {

    @Test
    void givesEveryCHINumberTheRulesOfItsPersonsBirthAndSex() {
        for (DemoPeople.StoryPerson person : DemoPeople.all()) {
            for (AgencyRecord record : person.records()) {
                Demographics demographics = record.demographics();
                if (demographics.chi() != null) {
                    assertThat(demographics.chi().valid()).as(person.name()).isTrue();
                    assertThat(demographics.chi().possibleBirthDates())
                            .as(person.name())
                            .contains(demographics.dateOfBirth());
                    assertThat(demographics.chi().sex())
                            .as(person.name())
                            .contains(demographics.sex().code());
                }
            }
        }
    }

    @Test
    void knowsAgnesAtTheAgenciesOfHerStory() {
        assertThat(DemoPeople.all().get(0).records())
                .extracting(record -> record.id().agency().value())
                .containsExactly(
                        "nhs-lanarkshire",
                        "hamilton-medical-practice",
                        "slc-social-work",
                        "caring-hands",
                        "slc-housing");
    }
}
