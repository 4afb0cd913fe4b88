package org.ecarehub.access;

import java.util.Objects;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.Username;

/** Who asks, as the access decision sees them: the adapters (FHIR, pages, command line) turn their callers into one. */
public sealed interface Requester {

    /**
     * A member of staff.
     *
     * @param justification the user's words for a protection purpose; null when none was given
     */
    record Staff(Username user, Purpose purpose, String justification) implements Requester {

        public Staff {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(purpose, "purpose");
        }
    }

    /**
     * An agency's own system. Acting on its own ({@code onBehalfOf} null) it reads only what its agency owns; on behalf
     * of a staff account it is decided exactly as that account.
     */
    record AgencySystem(AgencyId agency, String clientId, Username onBehalfOf, Purpose purpose, String justification)
            implements Requester {

        public AgencySystem {
            Objects.requireNonNull(agency, "agency");
            Objects.requireNonNull(clientId, "client id");
            Objects.requireNonNull(purpose, "purpose");
        }
    }
}
