package org.ecarehub.consent;

import org.ecarehub.shared.PersonId;

/** A review has lifted a withholding: what it hid is the person's to see again. */
public record WithholdingLifted(WithholdingId withholding, PersonId person) {}
