package org.ecarehub.access;

import java.util.Objects;
import java.util.Optional;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.partnership.StaffAccount;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;

/** Who asks, as the access decision sees them: the adapters (FHIR, pages, command line) turn their callers into one. */
public sealed interface Requester {

    /**
     * The active staff account that acts: the user themself, or the account of its own agency that a system acts for.
     * Empty for a system on its own, a portal account, and an account not active in the partnership.
     */
    default Optional<StaffAccount> actingStaff(Partnership partnership) {
        Optional<StaffAccount> account = Optional.empty();
        if (this instanceof Staff staff) {
            account = partnership.staff(staff.user());
        } else if (this instanceof AgencySystem system && system.onBehalfOf() != null) {
            account = partnership
                    .staff(system.onBehalfOf())
                    .filter(found -> found.agency().equals(system.agency()));
        }
        return account.filter(partnership::isActiveMember);
    }

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
