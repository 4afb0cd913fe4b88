package org.ecarehub.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Set;
import org.ecarehub.consent.ConsentState;
import org.ecarehub.partnership.Action;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.PartnershipFile;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.Username;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Named scenarios of POLICY.md's staff rules on the demo partnership of DEMO.md. */
class StaffRulesTests {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    private static final AgencyId NHS = AgencyId.of("nhs-lanarkshire");
    private static final AgencyId SOCIAL_WORK = AgencyId.of("slc-social-work");
    private static final AgencyId HOUSING = AgencyId.of("slc-housing");

    private static Partnership demo;

    @BeforeAll
    static void readTheDemoPartnership() throws IOException {
        try (InputStream in = StaffRulesTests.class.getResourceAsStream("/demo/partnership.yaml")) {
            demo = PartnershipFile.parse("demo", new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .orElseThrow();
        }
    }

    private static StaffAccessRequest request(
            String user, Purpose purpose, Action action, Category category, Sensitivity sensitivity, AgencyId owner) {
        return new StaffAccessRequest(Username.of(user), purpose, action, category, sensitivity, owner, null, TODAY);
    }

    private static StaffAccessRequest reading(String user, Purpose purpose, Category category, AgencyId owner) {
        return request(user, purpose, Action.READ, category, Sensitivity.NORMAL, owner);
    }

    private static AccessFacts related() {
        return new AccessFacts(true, false, false, ConsentState.NONE, false);
    }

    private static AccessFacts relatedWithConsent(ConsentState consent, boolean namesCategory) {
        return new AccessFacts(true, false, false, consent, namesCategory);
    }

    private static AccessDecision decide(StaffAccessRequest request, AccessFacts facts) {
        return AccessPolicy.decide(demo, request, facts);
    }

    @Nested
    class OwnAgency {

        @Test
        void allowsAKeyWorkerTheirOwnAgencysNotesAsOwnAgency() {
            AccessDecision decision = decide(
                    reading("sw.hamilton", Purpose.DIRECT_CARE, Category.SOCIAL_WORK_NOTE, SOCIAL_WORK), related());
            assertThat(decision.allowed()).isTrue();
            assertThat(decision.basis()).isEqualTo(LawfulBasis.OWN_AGENCY);
            assertThat(decision.decidingRules()).contains("active", "purpose", "role", "legitimate-relationship");
        }

        @Test
        void neverDeniesOwnItemsForWantOfAgreementOrConsent() {
            AccessDecision decision = decide(
                    reading("sw.hamilton", Purpose.DIRECT_CARE, Category.SOCIAL_WORK_NOTE, SOCIAL_WORK),
                    relatedWithConsent(ConsentState.WITHDRAWN, false));
            assertThat(decision.allowed()).isTrue();
            assertThat(decision.basis()).isEqualTo(LawfulBasis.OWN_AGENCY);
        }
    }

    @Nested
    class Relationship {

        @Test
        void deniesWithoutARelationshipAndOffersBreakGlass() {
            AccessDecision decision = decide(
                    reading("sw.hamilton", Purpose.DIRECT_CARE, Category.SOCIAL_WORK_NOTE, SOCIAL_WORK),
                    AccessFacts.none());
            assertThat(decision.allowed()).isFalse();
            assertThat(decision.decidingRules()).containsExactly("legitimate-relationship");
            assertThat(decision.whatWouldAllow()).contains("open break-glass");
        }

        @Test
        void allowsUnderBreakGlassAndFlagsIt() {
            AccessDecision decision = decide(
                    reading("sw.hamilton", Purpose.DIRECT_CARE, Category.SOCIAL_WORK_NOTE, SOCIAL_WORK),
                    new AccessFacts(false, true, false, ConsentState.NONE, false));
            assertThat(decision.allowed()).isTrue();
            assertThat(decision.flags()).containsExactly(DecisionFlag.BREAK_GLASS);
        }

        @Test
        void letsTheEmergencyDepartmentSeeAlertsWithoutARelationship() {
            AccessDecision decision =
                    decide(reading("ed.wishaw", Purpose.EMERGENCY, Category.ALERTS, SOCIAL_WORK), AccessFacts.none());
            assertThat(decision.allowed()).isTrue();
            assertThat(decision.basis()).isEqualTo(LawfulBasis.EMERGENCY);
            assertThat(decision.flags()).containsExactly(DecisionFlag.WITHOUT_CONSENT);
            assertThat(decision.agreement()).isEqualTo("slcsw-to-nhsl-care");
        }

        @Test
        void keepsTheEmergencyDepartmentToBasicsWithoutARelationship() {
            AccessDecision decision = decide(
                    reading("ed.wishaw", Purpose.EMERGENCY, Category.CARE_PLAN, SOCIAL_WORK), AccessFacts.none());
            assertThat(decision.allowed()).isFalse();
            assertThat(decision.decidingRules()).containsExactly("legitimate-relationship");
        }

        @Test
        void givesNoEmergencyBasicsUnderDirectCare() {
            AccessDecision decision =
                    decide(reading("ed.wishaw", Purpose.DIRECT_CARE, Category.ALERTS, SOCIAL_WORK), AccessFacts.none());
            assertThat(decision.allowed()).isFalse();
            assertThat(decision.decidingRules()).containsExactly("legitimate-relationship");
        }
    }

    @Nested
    class PurposeAndRole {

        @Test
        void deniesAPurposeOutsideTheRoles() {
            AccessDecision decision =
                    decide(reading("ed.wishaw", Purpose.CHILD_PROTECTION, Category.ALERTS, SOCIAL_WORK), related());
            assertThat(decision.allowed()).isFalse();
            assertThat(decision.decidingRules()).containsExactly("purpose");
        }

        @Test
        void keepsHealthDetailFromHousingByRole() {
            AccessDecision decision = decide(
                    request(
                            "housing.ek",
                            Purpose.DIRECT_CARE,
                            Action.READ,
                            Category.HEALTH_DETAIL,
                            Sensitivity.RESTRICTED,
                            NHS),
                    related());
            assertThat(decision.allowed()).isFalse();
            assertThat(decision.decidingRules()).containsExactly("role");
            assertThat(decision.reason()).contains("health-detail");
        }

        @Test
        void deniesAnUnknownAccount() {
            AccessDecision decision =
                    decide(reading("nobody.here", Purpose.DIRECT_CARE, Category.ALERTS, NHS), related());
            assertThat(decision.allowed()).isFalse();
            assertThat(decision.decidingRules()).containsExactly("active");
        }
    }

    @Nested
    class SharingAndConsent {

        @Test
        void sharesNormalItemsOnImpliedConsentUnderAnAgreement() {
            AccessDecision decision =
                    decide(reading("housing.ek", Purpose.DIRECT_CARE, Category.CONTACTS, SOCIAL_WORK), related());
            assertThat(decision.allowed()).isTrue();
            assertThat(decision.basis()).isEqualTo(LawfulBasis.IMPLIED_CONSENT);
            assertThat(decision.agreement()).isNotNull();
        }

        @Test
        void deniesWhenConsentWasWithdrawn() {
            AccessDecision decision = decide(
                    reading("housing.ek", Purpose.DIRECT_CARE, Category.CONTACTS, SOCIAL_WORK),
                    relatedWithConsent(ConsentState.WITHDRAWN, false));
            assertThat(decision.allowed()).isFalse();
            assertThat(decision.decidingRules()).containsExactly("consent");
        }

        @Test
        void sharesOnConsentGiven() {
            AccessDecision decision = decide(
                    reading("housing.ek", Purpose.DIRECT_CARE, Category.CONTACTS, SOCIAL_WORK),
                    relatedWithConsent(ConsentState.GIVEN, true));
            assertThat(decision.allowed()).isTrue();
            assertThat(decision.basis()).isEqualTo(LawfulBasis.CONSENT);
        }

        @Test
        void namesTheMissingAgreement() {
            AccessDecision decision = decide(
                    reading("housing.ek", Purpose.DIRECT_CARE, Category.ALERTS, AgencyId.of("police-scotland")),
                    related());
            assertThat(decision.allowed()).isFalse();
            assertThat(decision.decidingRules()).containsExactly("sharing-agreement");
            assertThat(decision.reason()).contains("slc-housing", "alerts", "police-scotland");
        }
    }

    @Nested
    class Restricted {

        @Test
        void letsTheGpReceiveRestrictedHealthDetailOnImpliedConsent() {
            AccessDecision decision = decide(
                    request(
                            "gp.hamilton",
                            Purpose.DIRECT_CARE,
                            Action.READ,
                            Category.HEALTH_DETAIL,
                            Sensitivity.RESTRICTED,
                            NHS),
                    related());
            assertThat(decision.allowed()).isTrue();
            assertThat(decision.basis()).isEqualTo(LawfulBasis.IMPLIED_CONSENT);
            assertThat(decision.agreement()).isEqualTo("nhsl-to-hamilton-mp-care");
        }

        @Test
        void keepsRestrictedDetailFromSocialWorkWithoutConsentNamingIt() {
            AccessDecision decision = decide(
                    request(
                            "sw.hamilton",
                            Purpose.DIRECT_CARE,
                            Action.READ,
                            Category.HEALTH_DETAIL,
                            Sensitivity.RESTRICTED,
                            NHS),
                    related());
            assertThat(decision.allowed()).isFalse();
            assertThat(decision.decidingRules()).containsExactly("restricted");
            assertThat(decision.whatWouldAllow()).contains("record consent naming health-detail");
        }

        @Test
        void sharesRestrictedDetailOnConsentNamingIt() {
            AccessDecision decision = decide(
                    request(
                            "sw.hamilton",
                            Purpose.DIRECT_CARE,
                            Action.READ,
                            Category.HEALTH_DETAIL,
                            Sensitivity.RESTRICTED,
                            NHS),
                    relatedWithConsent(ConsentState.GIVEN, true));
            assertThat(decision.allowed()).isTrue();
            assertThat(decision.basis()).isEqualTo(LawfulBasis.CONSENT);
        }
    }

    @Nested
    class Sealed {

        @Test
        void keepsASealedItemFromAUserWithoutSealedAccess() {
            AccessDecision decision = decide(
                    request(
                            "housing.ek",
                            Purpose.DIRECT_CARE,
                            Action.READ,
                            Category.DEMOGRAPHICS,
                            Sensitivity.SEALED,
                            HOUSING),
                    related());
            assertThat(decision.allowed()).isFalse();
            assertThat(decision.decidingRules()).containsExactly("sealed");
        }

        @Test
        void keepsASealedItemWithinTheOwningAgency() {
            StaffAccessRequest otherAgency = request(
                    "sw.hamilton", Purpose.DIRECT_CARE, Action.READ, Category.DEMOGRAPHICS, Sensitivity.SEALED, NHS);
            assertThat(decide(otherAgency, related()).decidingRules()).containsExactly("sealed");
            StaffAccessRequest ownAgency = request(
                    "sw.hamilton",
                    Purpose.DIRECT_CARE,
                    Action.READ,
                    Category.DEMOGRAPHICS,
                    Sensitivity.SEALED,
                    SOCIAL_WORK);
            assertThat(decide(ownAgency, related()).allowed()).isTrue();
            assertThat(decide(ownAgency, AccessFacts.none()).allowed()).isFalse();
        }

        @Test
        void neverLetsBreakGlassReachASealedItem() {
            AccessDecision decision = decide(
                    request(
                            "ed.wishaw",
                            Purpose.EMERGENCY,
                            Action.READ,
                            Category.ALERTS,
                            Sensitivity.SEALED,
                            SOCIAL_WORK),
                    new AccessFacts(false, true, false, ConsentState.NONE, false));
            assertThat(decision.allowed()).isFalse();
            assertThat(decision.decidingRules()).containsExactly("sealed");
        }
    }

    @Nested
    class Protection {

        @Test
        void sharesForChildProtectionWithoutConsentWhenJustified() {
            StaffAccessRequest request = new StaffAccessRequest(
                    Username.of("teacher.blantyre"),
                    Purpose.CHILD_PROTECTION,
                    Action.READ,
                    Category.ALERTS,
                    Sensitivity.NORMAL,
                    SOCIAL_WORK,
                    "Bruising seen at school; checking the plan",
                    TODAY);
            AccessDecision decision = decide(request, related());
            assertThat(decision.allowed()).isTrue();
            assertThat(decision.basis()).isEqualTo(LawfulBasis.PROTECTION_DUTY);
            assertThat(decision.flags()).contains(DecisionFlag.WITHOUT_CONSENT);
        }

        @Test
        void refusesProtectionSharingWithoutConsentOrJustification() {
            AccessDecision decision = decide(
                    reading("teacher.blantyre", Purpose.CHILD_PROTECTION, Category.ALERTS, SOCIAL_WORK), related());
            assertThat(decision.allowed()).isFalse();
            assertThat(decision.decidingRules()).containsAnyOf("sharing-agreement", "consent");
            assertThat(decision.whatWouldAllow()).contains("give a justification");
        }
    }

    @Test
    void everyDenialNamesOneRule() {
        for (Category category : Category.values()) {
            for (Purpose purpose : Purpose.values()) {
                AccessDecision decision = decide(reading("housing.ek", purpose, category, NHS), AccessFacts.none());
                if (!decision.allowed()) {
                    assertThat(decision.decidingRules()).hasSize(1);
                    assertThat(StaffRules.IN_ORDER)
                            .extracting(AccessRule::name)
                            .contains(decision.decidingRules().get(0));
                    assertThat(decision.reason()).isNotBlank();
                }
            }
        }
        assertThat(Set.copyOf(StaffRules.IN_ORDER)).hasSize(8);
    }
}
