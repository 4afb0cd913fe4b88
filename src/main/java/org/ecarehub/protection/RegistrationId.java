package org.ecarehub.protection;

/** The hub's number for one registration on the child protection register. */
public record RegistrationId(long value) {

    public RegistrationId {
        if (value < 1) {
            throw new RegisterRefused("a registration's number is a positive whole number, not " + value);
        }
    }

    /** How the transparency log and the access decision name it: {@code protection-registration-12}. */
    public String reference() {
        return "protection-registration-" + value;
    }

    @Override
    public String toString() {
        return reference();
    }
}
