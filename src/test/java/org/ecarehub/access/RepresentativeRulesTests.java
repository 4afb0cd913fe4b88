package org.ecarehub.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Set;
import org.ecarehub.consent.Authority;
import org.ecarehub.consent.Authority.Kind;
import org.ecarehub.partnership.Category;
import org.junit.jupiter.api.Test;

/** Named scenarios of POLICY.md P3 with the people of DEMO.md. */
class RepresentativeRulesTests {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    /** David Thomson's registered welfare power of attorney for his mother, verified by sw.hamilton. */
    private static Authority davidsPowerOfAttorney() {
        return new Authority(
                Kind.WELFARE_ATTORNEY, Set.of(), "OPG-WPA-2019-004417", "sw.hamilton", TODAY.minusMonths(8), null);
    }

    /** Fiona Thomson's nomination by Agnes while capable, for contacts, care plan and service provision. */
    private static Authority fionasNomination() {
        return new Authority(
                Kind.NOMINATED_NEXT_OF_KIN_OR_CARER,
                Set.of(Category.CONTACTS, Category.CARE_PLAN, Category.SERVICE_PROVISION),
                null,
                "sw.hamilton",
                TODAY.minusYears(2),
                null);
    }

    /** Lisa Kerr's parental responsibilities for Ryan, verified by sw.blantyre. */
    private static Authority lisasParentalResponsibilities() {
        return new Authority(Kind.PARENTAL_RESPONSIBILITY, Set.of(), null, "sw.blantyre", TODAY.minusYears(7), null);
    }

    private static RepresentativeAccess forAgnes(Authority authority, boolean lacksCapacity, Category category) {
        return new RepresentativeAccess(
                authority, lacksCapacity, 85, Set.of(), false, category, Sensitivity.NORMAL, TODAY);
    }

    @Test
    void letsAWelfareAttorneySeeHealthDetailOnceCapacityIsLacking() {
        AccessDecision decision =
                RepresentativeRules.decide(forAgnes(davidsPowerOfAttorney(), true, Category.HEALTH_DETAIL));
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.basis()).isEqualTo(LawfulBasis.REPRESENTATIVE_AUTHORITY);
    }

    @Test
    void givesAWelfareAttorneyNothingWhileThePersonHasCapacity() {
        AccessDecision decision =
                RepresentativeRules.decide(forAgnes(davidsPowerOfAttorney(), false, Category.CARE_PLAN));
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.decidingRules()).containsExactly("p3-covers");
        assertThat(decision.reason()).contains("lacking capacity");
    }

    @Test
    void givesAnUnverifiedAuthorityNothing() {
        Authority unverified =
                new Authority(Kind.WELFARE_ATTORNEY, Set.of(), "OPG-WPA-2019-004417", null, TODAY.minusMonths(8), null);
        AccessDecision decision = RepresentativeRules.decide(forAgnes(unverified, true, Category.CARE_PLAN));
        assertThat(decision.decidingRules()).containsExactly("p3-verified");
    }

    @Test
    void givesAnExpiredAuthorityNothing() {
        Authority expired = new Authority(
                Kind.WELFARE_ATTORNEY,
                Set.of(),
                "OPG-WPA-2019-004417",
                "sw.hamilton",
                TODAY.minusYears(3),
                TODAY.minusDays(1));
        AccessDecision decision = RepresentativeRules.decide(forAgnes(expired, true, Category.CARE_PLAN));
        assertThat(decision.decidingRules()).containsExactly("p3-in-force");
    }

    @Test
    void keepsANomineeToTheCategoriesThePersonChose() {
        assertThat(RepresentativeRules.decide(forAgnes(fionasNomination(), true, Category.CARE_PLAN))
                        .allowed())
                .isTrue();
        AccessDecision health = RepresentativeRules.decide(forAgnes(fionasNomination(), true, Category.HEALTH_DETAIL));
        assertThat(health.allowed()).isFalse();
        assertThat(health.decidingRules()).containsExactly("p3-covers");
    }

    @Test
    void givesAFinancialAttorneyNoneOfTheCareRecord() {
        Authority financial =
                new Authority(Kind.FINANCIAL_ATTORNEY, Set.of(), "OPG-CPA-2020-1", "sw.hamilton", TODAY, null);
        assertThat(RepresentativeRules.decide(forAgnes(financial, true, Category.DEMOGRAPHICS))
                        .allowed())
                .isFalse();
    }

    @Test
    void neverShowsARepresentativeSealedItemsOrProtection() {
        RepresentativeAccess sealed = new RepresentativeAccess(
                davidsPowerOfAttorney(), true, 85, Set.of(), false, Category.CONTACTS, Sensitivity.SEALED, TODAY);
        assertThat(RepresentativeRules.decide(sealed).decidingRules()).containsExactly("p3-never-sealed");
        AccessDecision protection =
                RepresentativeRules.decide(forAgnes(davidsPowerOfAttorney(), true, Category.PROTECTION));
        assertThat(protection.decidingRules()).containsExactly("p3-never-protection");
    }

    @Test
    void reachesAChildUnder16ButNotWhatTheChildKeptBack() {
        RepresentativeAccess ryan = new RepresentativeAccess(
                lisasParentalResponsibilities(),
                false,
                7,
                Set.of(),
                false,
                Category.EDUCATION,
                Sensitivity.NORMAL,
                TODAY);
        assertThat(RepresentativeRules.decide(ryan).allowed()).isTrue();
        RepresentativeAccess teenager = new RepresentativeAccess(
                lisasParentalResponsibilities(),
                false,
                14,
                Set.of(Category.HEALTH_DETAIL),
                false,
                Category.HEALTH_DETAIL,
                Sensitivity.NORMAL,
                TODAY);
        assertThat(RepresentativeRules.decide(teenager).reason()).contains("asked to keep");
        RepresentativeAccess adult = new RepresentativeAccess(
                lisasParentalResponsibilities(),
                false,
                16,
                Set.of(),
                false,
                Category.EDUCATION,
                Sensitivity.NORMAL,
                TODAY);
        assertThat(RepresentativeRules.decide(adult).allowed()).isFalse();
    }

    @Test
    void showsAPersonNamedAsPosingRiskNothing() {
        RepresentativeAccess mark = new RepresentativeAccess(
                lisasParentalResponsibilities(),
                false,
                7,
                Set.of(),
                true,
                Category.DEMOGRAPHICS,
                Sensitivity.NORMAL,
                TODAY);
        assertThat(RepresentativeRules.decide(mark).decidingRules()).containsExactly("p3-not-posing-risk");
    }

    @Test
    void refusesAnAttorneyWithoutARegistrationReference() {
        assertThatThrownBy(() -> new Authority(Kind.WELFARE_ATTORNEY, Set.of(), " ", "sw.hamilton", TODAY, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reference");
        assertThatThrownBy(() -> new Authority(
                        Kind.NOMINATED_NEXT_OF_KIN_OR_CARER, Set.of(), null, null, TODAY, TODAY.minusDays(1)))
                .hasMessageContaining("end before it starts");
    }
}
