package org.ecarehub.protection;

import java.time.Instant;
import org.ecarehub.shared.PersonId;

/** An adult support and protection case opened or moved to a stage; published inside its transaction. Ids only. */
public record AdultAtRiskChanged(AdultAtRiskId id, PersonId adult, AdultAtRiskStage stage, int version, Instant at) {}
