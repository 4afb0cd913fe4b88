package org.ecarehub.protection;

import java.time.LocalDate;
import java.util.Optional;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;

/**
 * A period during which a child is looked after by the local authority: a change of legal basis ends one period and
 * starts another, so each period keeps the basis it had.
 *
 * @param end the last day, or null while the child is looked after
 */
public record LookedAfterPeriod(
        LookedAfterId id,
        PersonId child,
        AgencyId owner,
        LookedAfterBasis basis,
        LocalDate start,
        LocalDate end,
        Username startedBy,
        Username endedBy) {

    public boolean current() {
        return end == null;
    }

    public Optional<LocalDate> ended() {
        return Optional.ofNullable(end);
    }
}
