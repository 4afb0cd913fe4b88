package org.ecarehub.access;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.shared.AgencyId;

/**
 * POLICY.md for agency system callers acting on their own: a system creates and updates its own agency's records, no
 * other's. (Reading other agencies' data on behalf of a staff account is decided as that account, by {@link
 * StaffRules}.)
 */
public final class AgencySystemRules {

    /** The rule's name, as the log and a refusal carry it. */
    public static final String WRITES_OWN_AGENCY_RECORDS = "agency-system-writes-own-agency-records";

    /** Acting on its own, a system reads what its own agency owns and nothing sealed. */
    public static final String READS_OWN_AGENCY_RECORDS = "agency-system-reads-own-agency-records";

    /** A system acts on behalf of an active staff account of its own agency only. */
    public static final String ON_BEHALF_OF_OWN_STAFF = "agency-system-on-behalf-of-own-staff";

    /**
     * What a system acting on its own may state: keeping its own agency's records is direct care or administration
     * (decision 0015). It has no roles for rule 2 to read, so this set stands in for them.
     */
    public static final Set<Purpose> PURPOSES_ON_ITS_OWN =
            Set.copyOf(EnumSet.of(Purpose.DIRECT_CARE, Purpose.ADMINISTRATION));

    private AgencySystemRules() {}

    /**
     * Rules 1 and 2 for a system acting on its own, before any item: its agency is an active member of the partnership,
     * and it states one of {@link #PURPOSES_ON_ITS_OWN}. The decision point asks this before every read or write, so a
     * purpose the adapters would refuse is refused here too.
     */
    public static AccessDecision attempt(boolean agencyActive, Purpose purpose) {
        if (!agencyActive) {
            return new AccessDecision(
                    false,
                    List.of(StaffRules.ACTIVE.name()),
                    null,
                    Set.of(),
                    null,
                    "the system's agency is not active in the partnership",
                    null);
        }
        if (!PURPOSES_ON_ITS_OWN.contains(purpose)) {
            return new AccessDecision(
                    false,
                    List.of(StaffRules.PURPOSE.name()),
                    null,
                    Set.of(),
                    null,
                    "a system acting on its own may not use the purpose " + purpose.code(),
                    "act on behalf of a staff account whose roles allow it");
        }
        return new AccessDecision(true, List.of(READS_OWN_AGENCY_RECORDS), null, Set.of(), null, null, null);
    }

    /**
     * May this caller write a record the row says is of this agency?
     *
     * @param systemAgency the agency whose system is calling; null when the caller is not an agency system
     * @param recordAgency the agency as the row names it, which a garbled file may fill with anything
     */
    public static AccessDecision decideWrite(AgencyId systemAgency, String recordAgency) {
        if (systemAgency == null) {
            return refused("only an agency's own system writes its records");
        }
        if (systemAgency.value().equals(recordAgency)) {
            return new AccessDecision(
                    true, List.of(WRITES_OWN_AGENCY_RECORDS), LawfulBasis.OWN_AGENCY, Set.of(), null, null, null);
        }
        return refused("the system of agency " + systemAgency.value() + " may not write records of "
                + (isAgencyId(recordAgency) ? "agency " + recordAgency : "another agency"));
    }

    /**
     * May a system, acting on its own, read an item? Only its own agency's, never a sealed one: sealed items need a
     * member of staff holding sealed-access (rule 4), and another agency's items need a staff account to be decided as.
     */
    public static AccessDecision decideRead(AgencyId systemAgency, AccessItem item) {
        if (!systemAgency.equals(item.owner())) {
            return new AccessDecision(
                    false,
                    List.of(READS_OWN_AGENCY_RECORDS),
                    null,
                    Set.of(),
                    null,
                    "a system reads another agency's items only on behalf of a member of staff",
                    "act on behalf of a staff account");
        }
        if (item.sensitivity() == Sensitivity.SEALED) {
            return new AccessDecision(
                    false,
                    List.of(READS_OWN_AGENCY_RECORDS),
                    null,
                    Set.of(),
                    null,
                    "a sealed item is only for the owning agency's sealed-access users",
                    null);
        }
        return new AccessDecision(
                true, List.of(READS_OWN_AGENCY_RECORDS), LawfulBasis.OWN_AGENCY, Set.of(), null, null, null);
    }

    /** The refusal of a system acting for an account that is not an active member of its own agency's staff. */
    public static AccessDecision notOwnStaff() {
        return new AccessDecision(
                false,
                List.of(ON_BEHALF_OF_OWN_STAFF),
                null,
                Set.of(),
                null,
                "a system acts on behalf of an active staff account of its own agency only",
                null);
    }

    /** Whether text is an agency id, and so safe to repeat in a refusal. */
    public static boolean isAgencyId(String text) {
        try {
            AgencyId.of(text);
            return true;
        } catch (IllegalArgumentException | NullPointerException notAnAgencyId) {
            return false;
        }
    }

    private static AccessDecision refused(String reason) {
        return new AccessDecision(false, List.of(WRITES_OWN_AGENCY_RECORDS), null, Set.of(), null, reason, null);
    }
}
