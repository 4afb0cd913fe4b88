package org.ecarehub.identity;

import java.util.Optional;
import org.springframework.security.core.Authentication;

/** Describes the caller behind an authentication, as the partnership in force sees them now. */
public interface Callers {

    /** The staff caller, when the authentication is a staff account that is still active. */
    Optional<StaffCaller> staff(Authentication authentication);

    /** The agency system, when the authentication is one whose agency is still active. */
    Optional<AgencySystemCaller> agencySystem(Authentication authentication);

    /**
     * The API caller behind a bearer token, with the purpose of use of this request: the {@code X-Purpose-Of-Use}
     * header if given, else the token's {@code purpose} claim, else {@code direct-care}. A staff account's purpose is
     * checked against its roles, a system acting for a staff account against that account's roles, and a system on
     * its own may state only {@code direct-care} or {@code administration} (decision 0015). Empty when the
     * authentication is no active API caller.
     *
     * @throws PurposeRefused for an unknown purpose code or one the roles may not use
     */
    Optional<ApiCaller> apiCaller(Authentication authentication, String purposeHeader);
}
