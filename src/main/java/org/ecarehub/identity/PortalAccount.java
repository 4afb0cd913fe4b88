package org.ecarehub.identity;

import java.util.Objects;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;

/**
 * A local portal account (standalone and demo mode) as other modules see it: never its password or second factor.
 *
 * @param boundTo the person-index entry a verification step bound the account to (POLICY.md P1), or null until then
 */
public record PortalAccount(Username username, String email, PersonId boundTo, Status status) {

    /** Where the account stands on its way to reaching a record. */
    public enum Status {
        /** Registered; sees nothing until a verification binds it. */
        UNBOUND,
        /** Asked for verification; a member of staff has yet to bind or refuse it. */
        AWAITING_VERIFICATION,
        /** Bound to its person-index entry by a verification step. */
        BOUND
    }

    public PortalAccount {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(status, "status");
        if ((status == Status.BOUND) != (boundTo != null)) {
            throw new IllegalArgumentException("a portal account is bound exactly when it names its person");
        }
    }

    public boolean bound() {
        return status == Status.BOUND;
    }

    @Override
    public String toString() {
        return "PortalAccount[" + username + ", " + status + "]";
    }
}
