package org.ecarehub.consent;

import java.time.LocalDate;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;

/**
 * A withholding as a practitioner asks for it (POLICY.md W1 and W4).
 *
 * @param justification why, in the decider's words; kept in the hub, never logged
 * @param reviewBy the day it must be reviewed by: after today and at most 12 months ahead
 * @param secondPerson for an access event, the team manager or Caldicott guardian who agrees; else may be null
 */
public record WithholdingDraft(
        PersonId person,
        WithholdingTarget target,
        Exemption exemption,
        String justification,
        LocalDate reviewBy,
        Username secondPerson) {}
