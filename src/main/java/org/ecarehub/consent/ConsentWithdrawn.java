package org.ecarehub.consent;

import org.ecarehub.shared.PersonId;

/** A person's consent withdrawn, by them or a representative, has been recorded. */
public record ConsentWithdrawn(ConsentId consent, PersonId person) {}
