package org.ecarehub.shared;

/**
 * A role that staff accounts hold, such as {@code social-worker}.
 *
 * <p>{@link #toString()} gives the plain value: it names staff and organisations, never a person served, so it may
 * appear in logs.
 */
public record RoleId(String value) {

    public RoleId {
        Slugs.require(value, "role id");
    }

    public static RoleId of(String value) {
        return new RoleId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
