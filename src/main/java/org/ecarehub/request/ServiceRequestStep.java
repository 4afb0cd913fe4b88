package org.ecarehub.request;

import java.time.Instant;
import java.time.LocalDate;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.Username;

/**
 * One step of a request's lifecycle, as stored and never changed: the status it reached, when, and who took it.
 *
 * @param version the request's version this step made: 1 for the submission
 * @param scheduledDay the day the work is booked for, on a {@code scheduled} step; else null
 * @param reason why it was declined, on a {@code declined} step; else null
 */
public record ServiceRequestStep(
        int version,
        ServiceRequestStatus status,
        Instant at,
        Username by,
        AgencyId agency,
        LocalDate scheduledDay,
        String reason) {

    @Override
    public String toString() {
        return "ServiceRequestStep[" + version + ", " + status.code() + ", " + at + ", " + by + "]";
    }
}
