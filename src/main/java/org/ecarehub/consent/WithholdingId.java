package org.ecarehub.consent;

/** The hub's number for one withholding decision. */
public record WithholdingId(long value) {

    @Override
    public String toString() {
        return "withholding-" + value;
    }
}
