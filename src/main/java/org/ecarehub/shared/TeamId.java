package org.ecarehub.shared;

/**
 * A team within one agency, such as {@code children-families-blantyre}.
 *
 * <p>{@link #toString()} gives the plain value: it names staff and organisations, never a person served, so it may
 * appear in logs.
 */
public record TeamId(String value) {

    public TeamId {
        Slugs.require(value, "team id");
    }

    public static TeamId of(String value) {
        return new TeamId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
