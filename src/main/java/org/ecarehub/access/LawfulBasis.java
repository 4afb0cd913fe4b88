package org.ecarehub.access;

/** Why an allowed access is lawful, as the log records it and the person is shown it. */
public enum LawfulBasis {
    /** The user's own agency owns the item: no disclosure. */
    OWN_AGENCY("own-agency"),
    CONSENT("consent"),
    IMPLIED_CONSENT("implied-consent"),
    /** Child or adult protection: shared whatever the consent state. */
    PROTECTION_DUTY("protection-duty"),
    /** Unscheduled care: shared whatever the consent state. */
    EMERGENCY("emergency"),
    /** The person sees their own record (POLICY.md P2). */
    DATA_SUBJECT("data-subject"),
    /** A representative's verified authority in force, covering the category (POLICY.md P3). */
    REPRESENTATIVE_AUTHORITY("representative-authority"),
    /** Audit and administration are not disclosures; no consent test. */
    NOT_A_DISCLOSURE("not-a-disclosure");

    private final String code;

    LawfulBasis(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
