package org.ecarehub.partnership;

import java.util.Optional;

/** Whom a protection concern is about: a child (child protection) or an adult at risk (adult support and protection). */
public enum ConcernKind implements Coded {
    CHILD("child", Purpose.CHILD_PROTECTION),
    ADULT("adult", Purpose.ADULT_PROTECTION);

    private final String code;
    private final Purpose purpose;

    ConcernKind(String code, Purpose purpose) {
        this.code = code;
        this.purpose = purpose;
    }

    @Override
    public String code() {
        return code;
    }

    /** The purpose of use a receiver works a concern of this kind under. */
    public Purpose purpose() {
        return purpose;
    }

    public static Optional<ConcernKind> fromCode(String code) {
        return Coded.find(values(), code);
    }
}
