package org.ecarehub.request;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Where a service request stands: submitted, then accepted or declined; accepted, then scheduled, in progress and
 * completed; cancelled by the requesting side at any time before it is completed or declined.
 */
public enum ServiceRequestStatus {
    SUBMITTED("submitted"),
    ACCEPTED("accepted"),
    DECLINED("declined"),
    SCHEDULED("scheduled"),
    IN_PROGRESS("in-progress"),
    COMPLETED("completed"),
    CANCELLED("cancelled");

    private final String code;

    ServiceRequestStatus(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** Still to be met: the addressed team is involved with the person, and the target can be missed. */
    public boolean open() {
        return this != DECLINED && this != COMPLETED && this != CANCELLED;
    }

    /** The lifecycle's one rule: which status may follow this one. */
    public boolean mayBecome(ServiceRequestStatus next) {
        return next(this).contains(next);
    }

    private static Set<ServiceRequestStatus> next(ServiceRequestStatus status) {
        return switch (status) {
            case SUBMITTED -> Set.of(ACCEPTED, DECLINED, CANCELLED);
            case ACCEPTED -> Set.of(SCHEDULED, CANCELLED);
            case SCHEDULED -> Set.of(IN_PROGRESS, CANCELLED);
            case IN_PROGRESS -> Set.of(COMPLETED, CANCELLED);
            case DECLINED, COMPLETED, CANCELLED -> Set.of();
        };
    }

    public static Optional<ServiceRequestStatus> fromCode(String code) {
        return Arrays.stream(values())
                .filter(status -> status.code.equals(code))
                .findFirst();
    }
}
