package org.ecarehub.transparency;

import java.util.Arrays;
import java.util.Optional;

/**
 * What kind of event a leaf commits to. The code is the {@code uint16} event type in the leaf input (the log
 * contract of ARCHITECTURE.md), so a code, once published, never changes meaning.
 */
public enum EventType {
    /** A decision of the access policy, ALLOW or DENY, about reading, changing, disclosing or exporting. */
    ACCESS(1, "access"),
    /** A partnership configuration applied. */
    CONFIGURATION(2, "configuration"),
    /** A consent given, refused or withdrawn. */
    CONSENT(3, "consent"),
    /** An authority or nomination of a representative recorded, verified or ended. */
    AUTHORITY(4, "authority"),
    /** A withholding decided, reviewed or lifted. */
    WITHHOLDING(5, "withholding"),
    /** A break-glass grant opened or reviewed. */
    BREAK_GLASS(6, "break-glass"),
    /** A token minted or refused by the embedded issuer. */
    TOKEN(7, "token"),
    /** A change to the person index: a link, merge or unmerge. */
    PERSON_INDEX(8, "person-index"),
    /** A relationship of a staff account or team with a person started or ended. */
    RELATIONSHIP(9, "relationship"),
    /** A Caldicott review task opened, claimed, closed or escalated. */
    REVIEW(10, "review"),
    /** A service request between agencies submitted, or moved a step: accepted, declined, scheduled and so on. */
    SERVICE_REQUEST(12, "service-request"),
    /**
     * A change in child or adult protection: a registration, a protection message raised, received, acknowledged,
     * escalated or answered, an unscheduled-care attendance of a flagged child.
     */
    PROTECTION(13, "protection"),
    /** A portal account bound to its person-index entry by a verification step, or its verification refused. */
    PORTAL_ACCOUNT(14, "portal-account");

    private final int code;
    private final String name;

    EventType(int code, String name) {
        this.code = code;
        this.name = name;
    }

    public int code() {
        return code;
    }

    /** The name written in the event's JSON. */
    public String jsonName() {
        return name;
    }

    public static Optional<EventType> fromCode(int code) {
        return Arrays.stream(values()).filter(type -> type.code == code).findFirst();
    }
}
