package org.ecarehub.access;

/** What an allowed decision carries for review and for the log. */
public enum DecisionFlag {
    /** Rule 5: a protection purpose crossed agencies with no sharing agreement; the owner's guardian reviews it. */
    PROTECTION_OVERRIDE("protection-override"),
    /** Rule 7: a protection or emergency purpose shared without consent given. */
    WITHOUT_CONSENT("without-consent"),
    /** Rule 6 was met by a break-glass grant. */
    BREAK_GLASS("break-glass");

    private final String code;

    DecisionFlag(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
