package org.ecarehub.consent;

/** Why something is withheld from the person and their representatives (POLICY.md W1). */
public enum Exemption {
    SERIOUS_HARM("serious-harm", true),
    THIRD_PARTY("third-party", true),
    LEGAL_PRIVILEGE("legal-privilege", true),
    CHILD_PROTECTION_ENQUIRY("child-protection-enquiry", false),
    CRIME("crime", false);

    private final String code;
    private final boolean showsNotice;

    Exemption(String code, boolean showsNotice) {
        this.code = code;
        this.showsNotice = showsNotice;
    }

    public String code() {
        return code;
    }

    /**
     * Whether the portal says that something is withheld, under which exemption and until when (W2); the others
     * neither confirm nor deny, and show nothing.
     */
    public boolean showsNotice() {
        return showsNotice;
    }
}
