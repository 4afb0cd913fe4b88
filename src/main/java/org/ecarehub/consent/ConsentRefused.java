package org.ecarehub.consent;

import org.ecarehub.shared.PersonId;

/** A person's consent refused, by them or a representative, has been recorded. */
public record ConsentRefused(ConsentId consent, PersonId person) {}
