package org.ecarehub.identity;

import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;

/** A member of staff verified a portal account's holder and bound the account to their person-index entry. */
public record PortalAccountBound(long request, Username account, PersonId person, Username by) {}
