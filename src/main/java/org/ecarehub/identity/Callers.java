package org.ecarehub.identity;

import java.util.Optional;
import org.springframework.security.core.Authentication;

/** Describes the caller behind an authentication, as the partnership in force sees them now. */
public interface Callers {

    /** The staff caller, when the authentication is a staff account that is still active. */
    Optional<StaffCaller> staff(Authentication authentication);

    /** The agency system, when the authentication is one whose agency is still active. */
    Optional<AgencySystemCaller> agencySystem(Authentication authentication);
}
