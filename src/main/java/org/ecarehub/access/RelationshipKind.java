package org.ecarehub.access;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why a member of staff or a team is involved with a person (POLICY.md rule 6): the care team, a named worker, a
 * caseload, or work routed to them by a referral, a service request or a protection message.
 */
public enum RelationshipKind {
    CARE_TEAM("care-team"),
    KEY_WORKER("key-worker"),
    LEAD_PROFESSIONAL("lead-professional"),
    TEAM_CASELOAD("team-caseload"),
    REFERRAL("referral"),
    SERVICE_REQUEST("service-request"),
    PROTECTION_MESSAGE("protection-message");

    private final String code;

    RelationshipKind(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** A key worker or lead professional: who is told when someone opens break-glass for the person. */
    public boolean named() {
        return this == KEY_WORKER || this == LEAD_PROFESSIONAL;
    }

    public static Optional<RelationshipKind> fromCode(String code) {
        return Arrays.stream(values()).filter(kind -> kind.code.equals(code)).findFirst();
    }
}
