package org.ecarehub.consent;

import org.ecarehub.shared.PersonId;

/** A review has kept a withholding in force until a new review date. */
public record WithholdingKept(WithholdingId withholding, PersonId person) {}
