package org.ecarehub.access;

import java.util.Objects;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
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

    /**
     * A portal account: the person themself when the record is their own (POLICY.md P2), a representative when it is
     * someone else's (P3).
     *
     * @param account the portal account's name, as the log records who looked
     * @param boundTo the person-index entry a verification step bound the account to (P1), or null while unbound
     */
    record Portal(String account, PersonId boundTo) implements Requester {

        public Portal {
            Objects.requireNonNull(account, "account");
        }
    }
}
