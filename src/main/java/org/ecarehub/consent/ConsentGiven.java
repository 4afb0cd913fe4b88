package org.ecarehub.consent;

import org.ecarehub.shared.PersonId;

/** A person's consent given, by them or a representative, has been recorded. */
public record ConsentGiven(ConsentId consent, PersonId person) {}
