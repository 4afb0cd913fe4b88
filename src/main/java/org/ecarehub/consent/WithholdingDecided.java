package org.ecarehub.consent;

import org.ecarehub.shared.PersonId;

/** Something has been withheld from a person and their representatives. */
public record WithholdingDecided(WithholdingId withholding, PersonId person, Exemption exemption) {}
