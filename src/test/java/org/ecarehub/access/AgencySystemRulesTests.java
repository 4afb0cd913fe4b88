package org.ecarehub.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.ecarehub.shared.AgencyId;
import org.junit.jupiter.api.Test;

class AgencySystemRulesTests {

    private static final AgencyId HOUSING = AgencyId.of("slc-housing");

    @Test
    void letsAnAgencysSystemWriteItsOwnRecords() {
        AccessDecision decision = AgencySystemRules.decideWrite(HOUSING, "slc-housing");
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.basis()).isEqualTo(LawfulBasis.OWN_AGENCY);
        assertThat(decision.decidingRules()).containsExactly("agency-system-writes-own-agency-records");
    }

    @Test
    void refusesAnotherAgencysRecordsAndNamesOnlyAValidAgencyId() {
        assertThat(AgencySystemRules.decideWrite(HOUSING, "nhs-lanarkshire").reason())
                .isEqualTo("the system of agency slc-housing may not write records of agency nhs-lanarkshire");
        assertThat(AgencySystemRules.decideWrite(HOUSING, "Agnes Thomson 1941").reason())
                .endsWith("another agency")
                .doesNotContain("Agnes");
    }

    @Test
    void refusesACallerThatIsNoAgencySystem() {
        assertThat(AgencySystemRules.decideWrite(null, "slc-housing").allowed()).isFalse();
    }
}
