package org.ecarehub.partnership;

import java.util.Optional;

/** The duties a role carries; some purposes of use belong only to roles with the matching duty (POLICY.md rule 2). */
public enum Duty implements Coded {
    UNSCHEDULED_CARE("unscheduled-care"),
    PROTECTION("protection"),
    GOVERNANCE("governance");

    private final String code;

    Duty(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public static Optional<Duty> fromCode(String code) {
        return Coded.find(values(), code);
    }
}
