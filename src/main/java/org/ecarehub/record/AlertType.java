package org.ecarehub.record;

import java.util.Arrays;
import java.util.Optional;

/** What an alert warns of. */
public enum AlertType {
    RISK_TO_VISITING_STAFF("risk-to-visiting-staff"),
    COMMUNICATION_NEEDS("communication-needs"),
    ALLERGY("allergy"),
    /** The child protection flag: set and removed by the protection module, naming the lead professional. */
    CHILD_PROTECTION("child-protection"),
    OTHER("other");

    private final String code;

    AlertType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<AlertType> fromCode(String code) {
        return Arrays.stream(values()).filter(type -> type.code.equals(code)).findFirst();
    }
}
