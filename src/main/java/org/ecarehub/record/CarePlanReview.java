package org.ecarehub.record;

import java.time.LocalDate;
import org.ecarehub.shared.Username;

/** One review of a care plan: when, by whom, and what it found. */
public record CarePlanReview(LocalDate date, Username by, String note) {

    public CarePlanReview {
        Checks.present(date, "the review's date");
        Checks.present(by, "who reviewed the plan");
        note = Checks.required(note, "the review's note", 8_000);
    }
}
