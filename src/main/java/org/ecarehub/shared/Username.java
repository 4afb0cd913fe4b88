package org.ecarehub.shared;

/**
 * The username of a staff account, such as {@code sw.hamilton}.
 *
 * <p>{@link #toString()} gives the plain value: it names staff and organisations, never a person served, so it may
 * appear in logs.
 */
public record Username(String value) {

    public Username {
        Slugs.require(value, "username");
    }

    /** The username, when the text is one; for names typed by users and claims in tokens. */
    public static java.util.Optional<Username> parse(String value) {
        try {
            return java.util.Optional.of(new Username(value));
        } catch (IllegalArgumentException | NullPointerException notAUsername) {
            return java.util.Optional.empty();
        }
    }

    public static Username of(String value) {
        return new Username(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
