package org.ecarehub.identity;

import org.ecarehub.partnership.Agency;

/**
 * An agency's own system, calling on its own (not on behalf of a member of staff), as the partnership in force
 * describes its agency.
 *
 * @param clientId how the hub names the system, {@code agency-system:AGENCY} for the embedded issuer's tokens
 * @param configurationVersion the partnership configuration version the caller was described under
 */
public record AgencySystemCaller(Agency agency, String clientId, int configurationVersion) {}
