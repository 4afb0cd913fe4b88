package org.ecarehub.consent;

import org.ecarehub.shared.PersonId;

/** A representative's authority or nomination has been verified by staff. */
public record AuthorityVerified(AuthorityId authority, PersonId person, PersonId representative) {}
