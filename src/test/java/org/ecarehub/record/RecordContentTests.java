package org.ecarehub.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.ecarehub.access.Sensitivity;
import org.ecarehub.partnership.Category;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.Username;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each kind's content checks itself on the way in, and a refusal names the field. */
class RecordContentTests {

    static final AgencyId CARING_HANDS = AgencyId.of("caring-hands");

    static Assessment complete() {
        return new Assessment(
                "Lives alone in a council flat",
                "Wants to stay at home",
                List.of("Stay at home safely"),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                false,
                null,
                "Needs help with personal care three times a day",
                EligibilityBand.SUBSTANTIAL);
    }

    @Nested
    class Alerts {

        @Test
        void refusesAnAlertWithoutText() {
            assertThatThrownBy(() -> new Alert(AlertType.ALLERGY, "  ", null))
                    .isInstanceOf(RecordRefused.class)
                    .hasMessage("the alert's text is required");
        }

        @Test
        void refusesAChildProtectionFlagThatNamesNoLeadProfessional() {
            assertThatThrownBy(() -> new Alert(AlertType.CHILD_PROTECTION, "On the child protection register", null))
                    .isInstanceOf(RecordRefused.class)
                    .hasMessageContaining("lead professional");
        }

        @Test
        void stripsTheTextAndRefusesControlCharacters() {
            assertThat(new Alert(AlertType.OTHER, "  Dog in the house  ", null).text())
                    .isEqualTo("Dog in the house");
            assertThatThrownBy(() -> new Alert(AlertType.OTHER, "Dog\u0000", null))
                    .hasMessage("the alert's text holds control characters");
        }
    }

    @Nested
    class SingleSharedAssessment {

        @Test
        void letsADraftLeaveSectionsEmptyButNamesWhatSignOffNeeds() {
            Assessment draft = new Assessment(
                    null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
            assertThat(draft.missingForSignOff())
                    .containsExactly(
                            "the person's own view",
                            "outcomes wanted",
                            "whether help with finances is needed",
                            "summary of need",
                            "eligibility band");
            assertThat(complete().missingForSignOff()).isEmpty();
        }

        @Test
        void refusesASectionLongerThanItsLimit() {
            String tooLong = "x".repeat(8_001);
            assertThatThrownBy(() -> new Assessment(
                            null, null, null, null, null, null, tooLong, null, null, null, null, null, null, null,
                            null))
                    .hasMessage("mobility and falls is longer than 8000 characters");
        }

        @Test
        void refusesAnEmptyOutcome() {
            assertThatThrownBy(() -> new Assessment(
                            null,
                            null,
                            List.of("Stay at home", " "),
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null))
                    .hasMessage("outcome wanted 2 is required");
        }
    }

    @Nested
    class CarePlansAndServices {

        @Test
        void refusesACarePlanWithoutOutcomesOrReviewDate() {
            assertThatThrownBy(() -> new CarePlan(List.of(), List.of(), LocalDate.now(), List.of()))
                    .hasMessage("a care plan needs at least one outcome");
            assertThatThrownBy(() -> new CarePlan(List.of("Stay at home"), List.of(), null, List.of()))
                    .hasMessage("the care plan's review date is required");
        }

        @Test
        void addsAReviewAsAnotherEntryKeepingTheEarlierOnes() {
            LocalDate day = LocalDate.of(2025, 1, 10);
            CarePlan plan = new CarePlan(
                    List.of("Stay at home"),
                    List.of(new CarePlanAction("Personal care", CARING_HANDS, null, null, "three times a day")),
                    day,
                    List.of());
            CarePlan reviewed = plan.withReview(
                            new CarePlanReview(day, Username.of("sw.hamilton"), "Going well"), day.plusMonths(6))
                    .withReview(
                            new CarePlanReview(day.plusMonths(6), Username.of("sw.hamilton"), "Still well"),
                            day.plusYears(1));
            assertThat(reviewed.reviews()).extracting(CarePlanReview::note).containsExactly("Going well", "Still well");
            assertThat(reviewed.reviewDate()).isEqualTo(day.plusYears(1));
        }

        @Test
        void refusesAServiceEndingBeforeItStartsOrWithImpossibleHours() {
            LocalDate start = LocalDate.of(2025, 3, 1);
            assertThatThrownBy(() -> new ServiceProvision(
                            "Homecare", CARING_HANDS, start, start.minusDays(1), 3, null, BigDecimal.TEN))
                    .hasMessage("the service's end date is before its start date");
            assertThatThrownBy(() -> new ServiceProvision(
                            "Homecare", CARING_HANDS, start, null, 3, null, BigDecimal.valueOf(169)))
                    .hasMessage("hours a week must be from 0 to 168");
            assertThatThrownBy(() ->
                            new ServiceProvision("Homecare", CARING_HANDS, start, null, null, null, BigDecimal.TEN))
                    .hasMessage("the service needs visits a day or a frequency");
        }
    }

    @Nested
    class Drafts {

        @Test
        void refusesAKindInAnotherKindsCategory() {
            assertThatThrownBy(() -> new ItemDraft(
                            Category.HEALTH_DETAIL,
                            Sensitivity.NORMAL,
                            new Alert(AlertType.ALLERGY, "Penicillin", null)))
                    .isInstanceOf(RecordRefused.class)
                    .hasMessage("an item of kind alert is of category alerts, not health-detail");
        }

        @Test
        void givesADocumentTheCategoryItsAuthorChooses() {
            ItemDraft letter = ItemDraft.document(
                    Category.HEALTH_DETAIL, Sensitivity.RESTRICTED, new Document("Clinic letter", "Seen in clinic"));
            assertThat(letter.kind()).isEqualTo(RecordKind.DOCUMENT);
            assertThat(letter.category()).isEqualTo(Category.HEALTH_DETAIL);
            assertThatThrownBy(() -> ItemDraft.of(new Document("Note", "Text")))
                    .hasMessage("a document needs a category");
        }

        @Test
        void readsOnlyWellFormedItemReferences() {
            assertThat(RecordItemId.parse("record-item-12")).contains(new RecordItemId(12));
            assertThat(RecordItemId.parse("record-item-0")).isEmpty();
            assertThat(RecordItemId.parse("record-item-12x")).isEmpty();
            assertThat(RecordItemId.parse("care-plan-1")).isEmpty();
            assertThat(new RecordItemId(7).reference()).isEqualTo("record-item-7");
        }
    }
}
