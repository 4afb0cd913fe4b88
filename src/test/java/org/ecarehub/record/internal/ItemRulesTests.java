package org.ecarehub.record.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.ecarehub.access.Sensitivity;
import org.ecarehub.partnership.Category;
import org.ecarehub.record.Alert;
import org.ecarehub.record.AlertType;
import org.ecarehub.record.Assessment;
import org.ecarehub.record.EligibilityBand;
import org.ecarehub.record.ItemStatus;
import org.ecarehub.record.ItemVersion;
import org.ecarehub.record.RecordContent;
import org.ecarehub.record.RecordItem;
import org.ecarehub.record.RecordItemId;
import org.ecarehub.record.RecordRefused;
import org.ecarehub.record.StaleEdit;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;
import org.junit.jupiter.api.Test;

/** The Single Shared Assessment's lifecycle and the record's rules on changing an item, without a database. */
class ItemRulesTests {

    static final Username ASSESSOR = Username.of("sw.hamilton");
    static final Username COLLEAGUE = Username.of("ot.hamilton");

    static Assessment complete() {
        return new Assessment(
                null,
                "Wants to stay at home",
                List.of("Stay at home"),
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
                "Personal care three times a day",
                EligibilityBand.SUBSTANTIAL);
    }

    static Assessment empty() {
        return new Assessment(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    static RecordItem item(ItemStatus status, RecordContent content, int version) {
        return new RecordItem(
                new RecordItemId(5),
                PersonId.random(),
                content.kind(),
                content.kind().category().orElse(Category.HEALTH_DETAIL),
                Sensitivity.NORMAL,
                AgencyId.of("slc-social-work"),
                status,
                null,
                new ItemVersion(
                        version, status, content, null, ASSESSOR, AgencyId.of("slc-social-work"), Instant.EPOCH),
                Instant.EPOCH);
    }

    @Test
    void letsTheAssessorSignACompleteDraft() {
        assertThatCode(() -> ItemRules.requireSignable(item(ItemStatus.DRAFT, complete(), 3), ASSESSOR, ASSESSOR))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesASecondSignOff() {
        assertThatThrownBy(() -> ItemRules.requireSignable(item(ItemStatus.SIGNED, complete(), 4), ASSESSOR, ASSESSOR))
                .isInstanceOf(RecordRefused.class)
                .hasMessage("the assessment record-item-5 is signed already");
        assertThatThrownBy(
                        () -> ItemRules.requireSignable(item(ItemStatus.SUPERSEDED, complete(), 4), ASSESSOR, ASSESSOR))
                .hasMessage("the assessment record-item-5 is signed already");
    }

    @Test
    void refusesASignOffByAnyoneButTheAssessor() {
        assertThatThrownBy(() -> ItemRules.requireSignable(item(ItemStatus.DRAFT, complete(), 1), ASSESSOR, COLLEAGUE))
                .hasMessage("only the assessor who started the assessment, sw.hamilton, may sign it off");
        assertThatThrownBy(() -> ItemRules.requireSignable(item(ItemStatus.DRAFT, complete(), 1), ASSESSOR, null))
                .hasMessage("an assessment is signed off by its assessor, a member of staff");
    }

    @Test
    void refusesASignOffOfAnIncompleteDraftNamingWhatIsMissing() {
        assertThatThrownBy(() -> ItemRules.requireSignable(item(ItemStatus.DRAFT, empty(), 1), ASSESSOR, ASSESSOR))
                .hasMessageStartingWith("the assessment cannot be signed off without: the person's own view");
    }

    @Test
    void refusesAChangeToASignedAssessment() {
        assertThatThrownBy(
                        () -> ItemRules.requireCorrectable(item(ItemStatus.SIGNED, complete(), 2), complete(), "typo"))
                .hasMessageStartingWith("a signed assessment cannot be changed");
    }

    @Test
    void refusesAnEditOfAVersionThatIsNoLongerTheLatest() {
        assertThatThrownBy(() -> ItemRules.requireLatest(item(ItemStatus.DRAFT, complete(), 3), 2))
                .isInstanceOf(StaleEdit.class)
                .hasMessage("the edit was of version 2 of record-item-5, but its latest version is 3: reload it and"
                        + " edit the latest");
    }

    @Test
    void refusesACorrectionThatChangesTheKindOrGivesNoReason() {
        RecordItem alert = item(ItemStatus.ACTIVE, new Alert(AlertType.ALLERGY, "Penicillin", null), 1);
        assertThatThrownBy(() -> ItemRules.requireCorrectable(alert, complete(), "wrong form"))
                .hasMessage("record-item-5 is of kind alert, so its content cannot become of kind assessment");
        assertThatThrownBy(() ->
                        ItemRules.requireCorrectable(alert, new Alert(AlertType.ALLERGY, "Amoxicillin", null), " "))
                .hasMessage("the reason for the change is required");
    }

    @Test
    void endsOnlyAnAlertAndOnlyOnce() {
        assertThatThrownBy(() -> ItemRules.requireEndable(item(ItemStatus.DRAFT, complete(), 1), "done"))
                .hasMessage("only an alert is ended; record-item-5 is of kind assessment");
        RecordItem ended = item(ItemStatus.ENDED, new Alert(AlertType.ALLERGY, "Penicillin", null), 2);
        assertThatThrownBy(() -> ItemRules.requireEndable(ended, "done")).hasMessage("record-item-5 has ended already");
    }
}
