package org.ecarehub.partnership;

import java.util.Optional;

/** The purposes of use a staff account states for what it does; a token names one, by default direct care. */
public enum Purpose implements Coded {
    DIRECT_CARE("direct-care", null),
    CHILD_PROTECTION("child-protection", Duty.PROTECTION),
    ADULT_PROTECTION("adult-protection", Duty.PROTECTION),
    EMERGENCY("emergency", Duty.UNSCHEDULED_CARE),
    AUDIT("audit", Duty.GOVERNANCE),
    ADMINISTRATION("administration", Duty.GOVERNANCE),
    // POLICY.md rule 2 is silent on subject access; compiling a person's record for them is governance work
    // (the data protection officer's), so it is held to the same duty as audit.
    SUBJECT_ACCESS("subject-access", Duty.GOVERNANCE);

    private final String code;
    private final Duty requiredDuty;

    Purpose(String code, Duty requiredDuty) {
        this.code = code;
        this.requiredDuty = requiredDuty;
    }

    @Override
    public String code() {
        return code;
    }

    /** The duty a role needs before it may be given this purpose (POLICY.md rule 2); none for direct care. */
    public Optional<Duty> requiredDuty() {
        return Optional.ofNullable(requiredDuty);
    }

    public static Optional<Purpose> fromCode(String code) {
        return Coded.find(values(), code);
    }
}
