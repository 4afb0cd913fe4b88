package org.ecarehub.partnership;

import java.util.Optional;

/** How soon a service request between agencies must be met; the partnership file sets a target for each. */
public enum RequestPriority implements Coded {
    URGENT("urgent"),
    HIGH("high"),
    STANDARD("standard");

    private final String code;

    RequestPriority(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public static Optional<RequestPriority> fromCode(String code) {
        return Coded.find(values(), code);
    }
}
