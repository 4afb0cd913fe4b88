package org.ecarehub.consent;

import java.time.LocalDate;
import java.util.List;
import org.ecarehub.partnership.AgencyType;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.person.Actor;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;

/** The consent decisions people (or their representatives) have made about sharing their information. */
public interface Consents {

    /**
     * Records a decision: stored, written to the transparency log and published as {@link ConsentGiven}, {@link
     * ConsentRefused} or {@link ConsentWithdrawn}, in one transaction.
     *
     * @throws RecordingRefused when the draft does not hold together, or a representative decides outside their
     *     authority; nothing is stored
     * @throws org.ecarehub.transparency.LogUnavailable when the log cannot record it; nothing is stored
     */
    Consent record(ConsentDraft draft, Actor by);

    /** Every decision recorded for the person, oldest first. */
    List<Consent> history(PersonId person);

    /**
     * The latest decision (by when it was recorded) in force on the day for sharing the category with the recipient
     * for the purpose; {@link ConsentAnswer#NONE} when none is recorded. Read through the cache.
     */
    ConsentAnswer latest(
            PersonId person,
            Purpose purpose,
            AgencyId recipient,
            AgencyType recipientType,
            Category category,
            LocalDate day);
}
