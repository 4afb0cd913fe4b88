package org.ecarehub.consent;

import java.time.LocalDate;
import java.util.List;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.person.Actor;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;

/**
 * What is withheld from a person and their representatives (POLICY.md W1 to W5). Every change is stored, written to
 * the transparency log and published in one transaction; {@link RecordingRefused} means nothing was stored.
 */
public interface Withholdings {

    /** The longest a withholding may go between reviews (W1). */
    int MAX_MONTHS_TO_REVIEW = 12;

    /** How long a protection access stays withheld before the accessing agency reviews it (W3). */
    int AUTOMATIC_DAYS = 30;

    Withholding withhold(WithholdingDraft draft, Actor by);

    /**
     * W3: withholds an access made under child or adult protection as a child-protection enquiry for 30 days, decided
     * by the hub, with no second person.
     *
     * @throws RecordingRefused for any other purpose
     */
    Withholding withholdAutomatically(PersonId person, long accessEvent, Username accessedBy, Purpose purpose);

    /** A review that keeps the withholding in force until the next review date, at most 12 months ahead. */
    Withholding keep(WithholdingId withholding, LocalDate nextReview, Actor by);

    /** A review that lifts the withholding. */
    Withholding lift(WithholdingId withholding, Actor by);

    /** Every withholding about the person not lifted, overdue ones included (W5: fail safe). Read through the cache. */
    List<Withholding> inForce(PersonId person, LocalDate day);

    /** Withholdings whose review date has passed and that nobody has reviewed, oldest review date first. */
    List<Withholding> overdue(LocalDate day);

    long overdueCount(LocalDate day);
}
