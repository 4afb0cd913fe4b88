package org.ecarehub.access;

/** The hub's number for one break-glass grant. */
public record BreakGlassGrantId(long value) {

    /** How the transparency log and review tasks name it: {@code break-glass-7}. */
    public String reference() {
        return "break-glass-" + value;
    }

    @Override
    public String toString() {
        return reference();
    }
}
