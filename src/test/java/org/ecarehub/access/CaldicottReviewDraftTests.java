package org.ecarehub.access;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.junit.jupiter.api.Test;

class CaldicottReviewDraftTests {

    static final PersonId person = PersonId.of("0b6c7a1e-5d2f-4c1e-9a55-3f0d1c2b4a69");
    static final AgencyId health = AgencyId.of("nhs-lanarkshire");

    @Test
    void refusesASubjectThatIsNotAReference() {
        assertThatThrownBy(() -> new CaldicottReviewDraft(
                        CaldicottReview.Kind.CHALLENGE, person, health, null, "Agnes says nobody asked her", "x"))
                .isInstanceOf(CaldicottReviewRefused.class)
                .hasMessageStartingWith("a review's subject is a reference");
    }

    @Test
    void refusesAMissingOrLongSummary() {
        assertThatThrownBy(() -> new CaldicottReviewDraft(
                        CaldicottReview.Kind.BREAK_GLASS, person, health, null, "break-glass-1", " "))
                .hasMessage("a review needs a summary of at most 200 characters");
        assertThatThrownBy(() -> new CaldicottReviewDraft(
                        CaldicottReview.Kind.BREAK_GLASS, person, health, null, "break-glass-1", "x".repeat(201)))
                .hasMessage("a review needs a summary of at most 200 characters");
    }

    @Test
    void refusesAMissingKindPersonOrAgency() {
        assertThatThrownBy(() -> new CaldicottReviewDraft(null, person, health, null, "break-glass-1", "x"))
                .hasMessage("a review needs a kind");
        assertThatThrownBy(() -> new CaldicottReviewDraft(
                        CaldicottReview.Kind.BREAK_GLASS, null, health, null, "break-glass-1", "x"))
                .hasMessage("a review is about a person");
        assertThatThrownBy(() -> new CaldicottReviewDraft(
                        CaldicottReview.Kind.BREAK_GLASS, person, null, null, "break-glass-1", "x"))
                .hasMessage("a review needs the agency whose guardian reviews it");
    }
}
