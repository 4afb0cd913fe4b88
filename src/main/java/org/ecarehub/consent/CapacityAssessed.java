package org.ecarehub.consent;

import org.ecarehub.shared.PersonId;

/** An assessment of a person's capacity has been recorded. */
public record CapacityAssessed(long assessment, PersonId person) {}
