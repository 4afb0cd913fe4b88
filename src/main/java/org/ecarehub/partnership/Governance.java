package org.ecarehub.partnership;

import java.util.Map;
import java.util.Objects;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.Username;

/**
 * Who answers for the partnership: the duty officer who receives escalations (an unacknowledged protection
 * message), the partnership's Caldicott guardian (who reviews for agencies without a guardian of their own), the
 * data protection officer, and each agency's own Caldicott guardian where it has one; and what the portal tells people
 * of who looked at their record.
 *
 * @param portalShowsStaffAccounts whether the portal names the staff account that looked, beside its agency and
 *     role (decision 0036): a choice for the partnership, as staff must be told their names are shown
 */
public record Governance(
        Username dutyOfficer,
        Username caldicottGuardian,
        Username dataProtectionOfficer,
        Map<AgencyId, Username> agencyCaldicottGuardians,
        boolean portalShowsStaffAccounts) {

    public Governance {
        Objects.requireNonNull(dutyOfficer, "dutyOfficer");
        Objects.requireNonNull(caldicottGuardian, "caldicottGuardian");
        Objects.requireNonNull(dataProtectionOfficer, "dataProtectionOfficer");
        agencyCaldicottGuardians = Map.copyOf(agencyCaldicottGuardians);
    }

    /** The guardian who reviews break-glass and withholding for the agency: its own, else the partnership's. */
    public Username caldicottGuardianFor(AgencyId agency) {
        return agencyCaldicottGuardians.getOrDefault(agency, caldicottGuardian);
    }
}
