package org.ecarehub.consent;

import org.ecarehub.shared.PersonId;

/** A representative's authority or nomination has been recorded; it acts for nothing until verified. */
public record AuthorityRecorded(AuthorityId authority, PersonId person, PersonId representative) {}
