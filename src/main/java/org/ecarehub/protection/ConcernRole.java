package org.ecarehub.protection;

import java.util.Arrays;
import java.util.Optional;

/** Why a person is named in a protection message: a subject of the concern, a linked child or a linked adult. */
public enum ConcernRole {
    SUBJECT("subject", true),
    SIBLING("sibling", true),
    CHILD_IN_HOUSEHOLD("child-in-household", true),
    PARENT("parent", false),
    CARER("carer", false),
    HOUSEHOLD_MEMBER("household-member", false),
    POSING_RISK("posing-risk", false);

    private final String code;
    private final boolean protectedPerson;

    ConcernRole(String code, boolean protectedPerson) {
        this.code = code;
        this.protectedPerson = protectedPerson;
    }

    public String code() {
        return code;
    }

    /** A subject or a linked child: someone the message protects. */
    public boolean protectedPerson() {
        return protectedPerson;
    }

    public static Optional<ConcernRole> fromCode(String code) {
        return Arrays.stream(values()).filter(role -> role.code.equals(code)).findFirst();
    }
}
