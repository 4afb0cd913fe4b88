package org.ecarehub.consent;

import org.ecarehub.shared.PersonId;

/** A representative's authority or nomination has been ended. */
public record AuthorityEnded(AuthorityId authority, PersonId person, PersonId representative) {}
