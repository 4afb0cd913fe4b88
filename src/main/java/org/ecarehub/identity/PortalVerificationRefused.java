package org.ecarehub.identity;

import org.ecarehub.shared.Username;

/** A member of staff refused a portal account's verification request; the account stays unbound. */
public record PortalVerificationRefused(long request, Username account, Username by) {}
