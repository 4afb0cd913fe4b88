package org.ecarehub.protection;

/** How far an unacknowledged routing has been escalated; it only ever moves up. */
public enum EscalationStage {
    NONE,
    TEAM_MANAGER,
    DUTY_OFFICER;

    public int number() {
        return ordinal();
    }

    public static EscalationStage of(int number) {
        return values()[number];
    }
}
