package org.ecarehub.consent;

/** The hub's number for one recorded consent decision. */
public record ConsentId(long value) {

    @Override
    public String toString() {
        return "consent-" + value;
    }
}
