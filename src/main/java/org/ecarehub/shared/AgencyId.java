package org.ecarehub.shared;

/**
 * A partner agency of the partnership, such as {@code nhs-lanarkshire}.
 *
 * <p>{@link #toString()} gives the plain value: it names staff and organisations, never a person served, so it may
 * appear in logs.
 */
public record AgencyId(String value) {

    public AgencyId {
        Slugs.require(value, "agency id");
    }

    public static AgencyId of(String value) {
        return new AgencyId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
