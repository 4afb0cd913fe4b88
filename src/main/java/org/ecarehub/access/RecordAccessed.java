package org.ecarehub.access;

import java.util.List;
import java.util.Objects;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;

/**
 * An agency's decided access to a person's record was written to the transparency log, published inside the access's
 * transaction so that what must follow from it (telling the person, decision 0040) commits or rolls back with it.
 * Names things by ids only; the decision's reasons stay in the log.
 *
 * @param eventId the access event in the transparency log
 * @param agency the agency that asked (for a system acting on its own, its agency)
 * @param flags the decision's flags ({@code without-consent}, {@code break-glass}, ...) as their codes
 */
public record RecordAccessed(
        long eventId, PersonId person, AgencyId agency, Purpose purpose, boolean allowed, List<String> flags) {

    public RecordAccessed {
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(agency, "agency");
        Objects.requireNonNull(purpose, "purpose");
        flags = List.copyOf(flags);
    }
}
