package org.ecarehub.protection;

/** A protection message, by the hub's number for it. */
public record ProtectionMessageId(long value) {

    public ProtectionMessageId {
        if (value < 1) {
            throw new ProtectionMessageRefused("a protection message's number is positive");
        }
    }

    /** How the log and relationships name it: {@code protection-message-12}. */
    public String reference() {
        return "protection-message-" + value;
    }

    /** How notifications name it, as the FHIR resource receivers fetch: {@code Communication/12}. */
    public String focus() {
        return "Communication/" + value;
    }

    @Override
    public String toString() {
        return reference();
    }
}
