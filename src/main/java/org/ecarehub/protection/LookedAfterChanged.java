package org.ecarehub.protection;

import java.time.Instant;
import org.ecarehub.shared.PersonId;

/** A looked-after period started or ended; published inside the change's transaction. Ids only. */
public record LookedAfterChanged(
        LookedAfterId period, PersonId child, LookedAfterBasis basis, boolean ended, Instant at) {}
