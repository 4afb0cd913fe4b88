package org.ecarehub.protection;

/** Whether a child is on the register under this registration. */
public enum RegistrationStatus {
    REGISTERED("registered"),
    DEREGISTERED("deregistered");

    private final String code;

    RegistrationStatus(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static RegistrationStatus fromCode(String code) {
        for (RegistrationStatus status : values()) {
            if (status.code.equals(code)) {
                return status;
            }
        }
        throw new IllegalStateException("no registration status " + code);
    }
}
