package org.ecarehub.consent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.ecarehub.consent.Authority;
import org.ecarehub.consent.AuthorityDraft;
import org.ecarehub.consent.AuthorityId;
import org.ecarehub.consent.CapacityAssessment;
import org.ecarehub.consent.Consent;
import org.ecarehub.consent.ConsentAnswer;
import org.ecarehub.consent.ConsentDraft;
import org.ecarehub.consent.ConsentEvidence;
import org.ecarehub.consent.ConsentId;
import org.ecarehub.consent.ConsentState;
import org.ecarehub.consent.DecisionArea;
import org.ecarehub.consent.Exemption;
import org.ecarehub.consent.OnBehalfOf;
import org.ecarehub.consent.Recipient;
import org.ecarehub.consent.RecordingRefused;
import org.ecarehub.consent.RepresentativeAuthority;
import org.ecarehub.consent.WithholdingDraft;
import org.ecarehub.consent.WithholdingTarget;
import org.ecarehub.partnership.AgencyType;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.PartnershipFile;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.person.Actor;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ChecksTests {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    static final PersonId AGNES = PersonId.of("agnes");
    static final PersonId DAVID = PersonId.of("david");
    static final AgencyId HOUSING = AgencyId.of("slc-housing");
    static final AgencyId GP = AgencyId.of("hamilton-medical-practice");
    static final Actor SOCIAL_WORKER =
            Actor.staff(Username.of("sw.hamilton"), AgencyId.of("slc-social-work"), List.of("social-worker"), 1);

    static Partnership demo;

    @BeforeAll
    static void readTheDemoPartnership() throws IOException {
        try (InputStream in = ChecksTests.class.getResourceAsStream("/demo/partnership.yaml")) {
            demo = PartnershipFile.parse("demo", new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .orElseThrow();
        }
    }

    static ConsentDraft draft(ConsentState status, Set<Category> categories, LocalDate start, LocalDate end) {
        return new ConsentDraft(
                AGNES,
                Purpose.DIRECT_CARE,
                categories,
                List.of(Recipient.agency(HOUSING)),
                status,
                null,
                ConsentEvidence.verbal(),
                start,
                end);
    }

    @Nested
    class ConsentDrafts {

        @Test
        void acceptsAVerbalConsentToOneAgency() {
            assertThatNoException().isThrownBy(() -> Checks.consent(draft(ConsentState.GIVEN, Set.of(), TODAY, null)));
        }

        @Test
        void refusesAConsentEndingBeforeItStarts() {
            assertThatThrownBy(() -> Checks.consent(draft(ConsentState.GIVEN, Set.of(), TODAY, TODAY.minusDays(1))))
                    .isInstanceOf(RecordingRefused.class)
                    .hasMessage("a consent cannot end before it starts");
        }

        @Test
        void refusesAConsentWithoutPurposeOrRecipients() {
            ConsentDraft noPurpose = new ConsentDraft(
                    AGNES,
                    null,
                    Set.of(),
                    List.of(Recipient.agency(HOUSING)),
                    ConsentState.GIVEN,
                    null,
                    ConsentEvidence.verbal(),
                    TODAY,
                    null);
            ConsentDraft noRecipient = new ConsentDraft(
                    AGNES,
                    Purpose.DIRECT_CARE,
                    Set.of(),
                    List.of(),
                    ConsentState.GIVEN,
                    null,
                    ConsentEvidence.verbal(),
                    TODAY,
                    null);
            assertThatThrownBy(() -> Checks.consent(noPurpose)).hasMessage("a consent needs a purpose");
            assertThatThrownBy(() -> Checks.consent(noRecipient))
                    .hasMessage("a consent names at least one recipient: an agency or an agency type");
        }

        @Test
        void refusesNoneAsADecisionAndADocumentWithoutItsReference() {
            assertThatThrownBy(() -> Checks.consent(draft(ConsentState.NONE, Set.of(), TODAY, null)))
                    .hasMessage("a consent is given, refused or withdrawn");
            ConsentDraft document = new ConsentDraft(
                    AGNES,
                    Purpose.DIRECT_CARE,
                    Set.of(),
                    List.of(Recipient.agency(HOUSING)),
                    ConsentState.GIVEN,
                    null,
                    ConsentEvidence.document(" "),
                    TODAY,
                    null);
            assertThatThrownBy(() -> Checks.consent(document))
                    .hasMessage("document evidence needs the document's reference");
        }
    }

    @Nested
    class LatestDecision {

        final List<Consent> history = new ArrayList<>();

        Consent recorded(ConsentState status, Set<Category> categories, List<Recipient> to, long minute) {
            Consent consent = new Consent(
                    new ConsentId(history.size() + 1),
                    AGNES,
                    Purpose.DIRECT_CARE,
                    categories,
                    to,
                    status,
                    SOCIAL_WORKER,
                    null,
                    ConsentEvidence.verbal(),
                    TODAY.minusDays(10),
                    null,
                    Instant.parse("2026-11-20T10:00:00Z").plusSeconds(60 * minute));
            history.add(consent);
            return consent;
        }

        ConsentAnswer latest(AgencyId to, AgencyType type, Category category) {
            return Checks.latest(history, Purpose.DIRECT_CARE, to, type, category, TODAY);
        }

        @Test
        void answersNoneWhenNothingIsRecorded() {
            assertThat(latest(HOUSING, AgencyType.COUNCIL_HOUSING, Category.CONTACTS))
                    .isEqualTo(ConsentAnswer.NONE);
        }

        @Test
        void letsAWithdrawalRecordedLaterWinOverTheConsentItWithdraws() {
            recorded(ConsentState.GIVEN, Set.of(), List.of(Recipient.agency(HOUSING)), 0);
            Consent withdrawal =
                    recorded(ConsentState.WITHDRAWN, Set.of(Category.CONTACTS), List.of(Recipient.agency(HOUSING)), 5);

            assertThat(latest(HOUSING, AgencyType.COUNCIL_HOUSING, Category.CONTACTS))
                    .isEqualTo(new ConsentAnswer(ConsentState.WITHDRAWN, true, withdrawal.id()));
            assertThat(latest(HOUSING, AgencyType.COUNCIL_HOUSING, Category.ALERTS)
                            .state())
                    .isEqualTo(ConsentState.GIVEN);
        }

        @Test
        void ordersByWhenRecordedNotByWhenEntered() {
            recorded(ConsentState.REFUSED, Set.of(), List.of(Recipient.type(AgencyType.GP_PRACTICE)), 9);
            recorded(ConsentState.GIVEN, Set.of(), List.of(Recipient.type(AgencyType.GP_PRACTICE)), 1);

            assertThat(latest(GP, AgencyType.GP_PRACTICE, Category.HEALTH_DETAIL)
                            .state())
                    .isEqualTo(ConsentState.REFUSED);
        }

        @Test
        void matchesAnAgencyTypeAndSaysWhetherTheCategoryIsNamed() {
            Consent given = recorded(ConsentState.GIVEN, Set.of(), List.of(Recipient.type(AgencyType.GP_PRACTICE)), 0);

            assertThat(latest(GP, AgencyType.GP_PRACTICE, Category.HEALTH_DETAIL))
                    .isEqualTo(new ConsentAnswer(ConsentState.GIVEN, false, given.id()));
            assertThat(latest(HOUSING, AgencyType.COUNCIL_HOUSING, Category.HEALTH_DETAIL))
                    .isEqualTo(ConsentAnswer.NONE);
        }

        @Test
        void ignoresDecisionsNotInForceOnTheDay() {
            Consent ended = new Consent(
                    new ConsentId(7),
                    AGNES,
                    Purpose.DIRECT_CARE,
                    Set.of(),
                    List.of(Recipient.agency(HOUSING)),
                    ConsentState.GIVEN,
                    SOCIAL_WORKER,
                    null,
                    ConsentEvidence.written(),
                    TODAY.minusDays(30),
                    TODAY.minusDays(1),
                    Instant.parse("2026-11-20T10:00:00Z"));
            history.add(ended);

            assertThat(latest(HOUSING, AgencyType.COUNCIL_HOUSING, Category.CONTACTS))
                    .isEqualTo(ConsentAnswer.NONE);
            assertThat(Checks.latest(
                                    history,
                                    Purpose.DIRECT_CARE,
                                    HOUSING,
                                    AgencyType.COUNCIL_HOUSING,
                                    Category.CONTACTS,
                                    TODAY.minusDays(1))
                            .state())
                    .isEqualTo(ConsentState.GIVEN);
        }
    }

    @Nested
    class Representatives {

        static RepresentativeAuthority attorney(String verifiedBy) {
            return new RepresentativeAuthority(
                    new AuthorityId(1),
                    AGNES,
                    DAVID,
                    new Authority(
                            Authority.Kind.WELFARE_ATTORNEY,
                            Set.of(),
                            "OPG-WPA-2019-004417",
                            verifiedBy,
                            TODAY.minusYears(1),
                            null),
                    null,
                    SOCIAL_WORKER,
                    Instant.parse("2026-01-01T00:00:00Z"),
                    null);
        }

        static ConsentDraft byDavid(Set<Category> categories) {
            return new ConsentDraft(
                    AGNES,
                    Purpose.DIRECT_CARE,
                    categories,
                    List.of(Recipient.agency(HOUSING)),
                    ConsentState.GIVEN,
                    new OnBehalfOf(DAVID, new AuthorityId(1)),
                    ConsentEvidence.written(),
                    TODAY,
                    null);
        }

        @Test
        void letsAVerifiedWelfareAttorneyDecideForCareCategoriesOnceCapacityIsLacking() {
            assertThatNoException()
                    .isThrownBy(() -> Checks.representativeConsent(
                            byDavid(Set.of(Category.CARE_PLAN)), attorney("sw.hamilton"), TODAY, true, 85, Set.of()));
        }

        @Test
        void refusesAnAttorneyWhileThePersonHasCapacity() {
            assertThatThrownBy(() -> Checks.representativeConsent(
                            byDavid(Set.of(Category.CARE_PLAN)), attorney("sw.hamilton"), TODAY, false, 85, Set.of()))
                    .isInstanceOf(RecordingRefused.class)
                    .hasMessageContaining("acts only once the person is assessed as lacking capacity");
        }

        @Test
        void refusesAnUnverifiedAuthorityAndCategoriesOutsideIt() {
            assertThatThrownBy(() -> Checks.representativeConsent(
                            byDavid(Set.of(Category.CARE_PLAN)), attorney(null), TODAY, true, 85, Set.of()))
                    .hasMessage("the representative's authority has not been verified");
            assertThatThrownBy(() -> Checks.representativeConsent(
                            byDavid(Set.of(Category.HOUSING)), attorney("sw.hamilton"), TODAY, true, 85, Set.of()))
                    .hasMessageContaining("does not cover housing");
            assertThatThrownBy(() -> Checks.representativeConsent(
                            byDavid(Set.of()), attorney("sw.hamilton"), TODAY, true, 85, Set.of()))
                    .hasMessage("a representative's consent must name the categories it is about");
        }

        @Test
        void refusesAnAttorneyWithoutARegistrationReference() {
            AuthorityDraft draft =
                    new AuthorityDraft(AGNES, DAVID, Authority.Kind.WELFARE_ATTORNEY, " ", Set.of(), TODAY, null);
            assertThatThrownBy(() -> Checks.authority(draft))
                    .isInstanceOf(RecordingRefused.class)
                    .hasMessage("an attorney or guardian needs the registration reference of their power or order");
        }

        @Test
        void takesTheLatestAssessmentInTheArea() {
            List<CapacityAssessment> assessments = List.of(
                    new CapacityAssessment(
                            1,
                            AGNES,
                            SOCIAL_WORKER,
                            TODAY.minusMonths(8),
                            Set.of(DecisionArea.WELFARE),
                            true,
                            Instant.EPOCH),
                    new CapacityAssessment(
                            2,
                            AGNES,
                            SOCIAL_WORKER,
                            TODAY.minusMonths(1),
                            Set.of(DecisionArea.FINANCIAL),
                            false,
                            Instant.EPOCH));

            assertThat(Checks.lacksCapacity(assessments, DecisionArea.WELFARE, TODAY))
                    .isTrue();
            assertThat(Checks.lacksCapacity(assessments, DecisionArea.WELFARE, TODAY.minusMonths(9)))
                    .isFalse();
            assertThat(Checks.lacksCapacity(assessments, DecisionArea.FINANCIAL, TODAY))
                    .isFalse();
        }
    }

    @Nested
    class Withholding {

        static final Username BLANTYRE_WORKER = Username.of("sw.blantyre");
        static final Actor MANAGER =
                Actor.staff(Username.of("sw.manager"), AgencyId.of("slc-social-work"), List.of("team-manager"), 1);

        static WithholdingDraft accessEvent(LocalDate reviewBy, String secondPerson) {
            return new WithholdingDraft(
                    AGNES,
                    WithholdingTarget.accessEvent(42, BLANTYRE_WORKER),
                    Exemption.CHILD_PROTECTION_ENQUIRY,
                    "An enquiry is under way.",
                    reviewBy,
                    secondPerson == null ? null : Username.of(secondPerson));
        }

        @Test
        void refusesAReviewMoreThanTwelveMonthsAheadOrInThePast() {
            assertThatThrownBy(() -> Checks.reviewDate(TODAY.plusMonths(12).plusDays(1), TODAY))
                    .hasMessage("a withholding's review date must be at most 12 months ahead");
            assertThatThrownBy(() -> Checks.reviewDate(TODAY.minusDays(1), TODAY))
                    .hasMessage("a withholding's review date must be after today");
            assertThatNoException().isThrownBy(() -> Checks.reviewDate(TODAY.plusMonths(12), TODAY));
        }

        @Test
        void refusesWithholdingOnesOwnAccessEvent() {
            Actor blantyre = Actor.staff(BLANTYRE_WORKER, AgencyId.of("slc-social-work"), List.of("social-worker"), 1);
            assertThatThrownBy(() ->
                            Checks.withholding(accessEvent(TODAY.plusMonths(1), "sw.manager"), blantyre, TODAY, demo))
                    .hasMessage("nobody may withhold their own access events");
            assertThatThrownBy(() -> Checks.withholding(
                            accessEvent(TODAY.plusMonths(1), "sw.blantyre"), SOCIAL_WORKER, TODAY, demo))
                    .hasMessage("nobody may withhold their own access events: the second person made the access");
        }

        @Test
        void needsATeamManagerOfTheAccessingAgencyOrACaldicottGuardianAsSecondPerson() {
            assertThatThrownBy(() ->
                            Checks.withholding(accessEvent(TODAY.plusMonths(1), null), SOCIAL_WORKER, TODAY, demo))
                    .hasMessageStartingWith("withholding an access event needs a second person");
            assertThatThrownBy(() -> Checks.withholding(
                            accessEvent(TODAY.plusMonths(1), "ot.hamilton"), SOCIAL_WORKER, TODAY, demo))
                    .hasMessage("the second person must be a Caldicott guardian or a team manager of the agency"
                            + " that made the access");
            assertThatThrownBy(() ->
                            Checks.withholding(accessEvent(TODAY.plusMonths(1), "sw.manager"), MANAGER, TODAY, demo))
                    .hasMessage("the second person must be someone other than the decider");
            assertThatNoException()
                    .isThrownBy(() -> Checks.withholding(
                            accessEvent(TODAY.plusMonths(1), "sw.manager"), SOCIAL_WORKER, TODAY, demo));
            assertThatNoException()
                    .isThrownBy(() -> Checks.withholding(
                            accessEvent(TODAY.plusMonths(1), "caldicott.nhs"), SOCIAL_WORKER, TODAY, demo));
        }
    }
}
