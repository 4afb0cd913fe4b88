package org.ecarehub.partnership;

import java.util.Optional;

/** How soon a protection message must be acknowledged; the partnership file gives each a deadline. */
public enum ConcernPriority implements Coded {
    URGENT("urgent"),
    STANDARD("standard");

    private final String code;

    ConcernPriority(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public static Optional<ConcernPriority> fromCode(String code) {
        return Coded.find(values(), code);
    }
}
