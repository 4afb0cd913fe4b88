package org.ecarehub.access;

import java.util.regex.Pattern;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;

/**
 * A review task to open: its kind, the person, the agency whose guardian reviews it, what it is about by id, and a
 * short summary for the queue.
 *
 * @param guardian who reviews it; null for the agency's Caldicott guardian (or the partnership's, where the agency
 *     has none)
 */
public record CaldicottReviewDraft(
        CaldicottReview.Kind kind,
        PersonId person,
        AgencyId agency,
        Username guardian,
        String subject,
        String summary) {

    public static final int MAX_SUMMARY = 200;

    /** A subject names a thing by its id; free text could hold personal data, which the log must never receive. */
    private static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}");

    public CaldicottReviewDraft {
        require(kind != null, "a review needs a kind");
        require(person != null, "a review is about a person");
        require(agency != null, "a review needs the agency whose guardian reviews it");
        require(
                subject != null && SUBJECT.matcher(subject).matches(),
                "a review's subject is a reference such as break-glass-7: letters, digits and . _ : / -, at most 100"
                        + " characters");
        require(
                summary != null && !summary.isBlank() && summary.length() <= MAX_SUMMARY,
                "a review needs a summary of at most " + MAX_SUMMARY + " characters");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new CaldicottReviewRefused(message);
        }
    }
}
