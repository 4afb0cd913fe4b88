package org.ecarehub.request.internal;

import java.time.LocalDate;
import java.util.Collection;
import org.ecarehub.request.ServiceRequestId;
import org.ecarehub.request.ServiceRequestRefused;
import org.ecarehub.request.ServiceRequestStatus;
import org.ecarehub.request.StaleServiceRequest;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;

/**
 * Who may take which step of a request, from which status: plain Java, so every rule is tested without a database.
 * The provider's steps belong to the members of the team the request is addressed to; cancelling belongs to the
 * requesting side: the member of staff who asked, or a colleague in a team they asked from (the agency alone would
 * not do, since the provider team is often of the same agency).
 */
final class Lifecycle {

    private Lifecycle() {}

    /** A step a caller asks for: the status it leads to and the verb that names it. */
    enum Step {
        ACCEPT(ServiceRequestStatus.ACCEPTED, "accept", true),
        DECLINE(ServiceRequestStatus.DECLINED, "decline", true),
        SCHEDULE(ServiceRequestStatus.SCHEDULED, "schedule", true),
        START(ServiceRequestStatus.IN_PROGRESS, "start", true),
        COMPLETE(ServiceRequestStatus.COMPLETED, "complete", true),
        CANCEL(ServiceRequestStatus.CANCELLED, "cancel", false);

        final ServiceRequestStatus to;
        final String verb;
        final boolean providerSide;

        Step(ServiceRequestStatus to, String verb, boolean providerSide) {
            this.to = to;
            this.verb = verb;
            this.providerSide = providerSide;
        }
    }

    /** The caller as the lifecycle sees them: who they are and the teams they belong to. */
    record Member(Username user, Collection<TeamId> teams) {}

    /**
     * The request as the lifecycle sees it.
     *
     * @param requestedBy the staff account that submitted it
     * @param requestingTeams the teams that account belonged to when it submitted the request
     */
    record Current(
            ServiceRequestId id,
            ServiceRequestStatus status,
            int version,
            TeamId team,
            Username requestedBy,
            Collection<TeamId> requestingTeams) {}

    /**
     * Refuses the step unless the caller may take it now, on the version they saw.
     *
     * @param scheduledDay the day asked for, for {@link Step#SCHEDULE}; ignored otherwise
     * @param reason the reason given, for {@link Step#DECLINE}; ignored otherwise
     */
    static void check(
            Step step,
            Current request,
            Member caller,
            int expectedVersion,
            LocalDate scheduledDay,
            String reason,
            LocalDate today) {
        if (step.providerSide && !caller.teams().contains(request.team())) {
            throw new ServiceRequestRefused("only a member of team '" + request.team() + "', to which "
                    + request.id().reference() + " is addressed, may " + step.verb + " it");
        }
        if (!step.providerSide
                && !caller.user().equals(request.requestedBy())
                && caller.teams().stream().noneMatch(request.requestingTeams()::contains)) {
            throw new ServiceRequestRefused("only the member of staff who asked, or a member of a team they asked"
                    + " from, may " + step.verb + " " + request.id().reference());
        }
        if (expectedVersion != request.version()) {
            throw new StaleServiceRequest(request.id(), expectedVersion, request.version());
        }
        if (!request.status().mayBecome(step.to)) {
            throw new ServiceRequestRefused("a " + request.status().code() + " request cannot become " + step.to.code()
                    + " (" + request.id().reference() + ")");
        }
        if (step == Step.SCHEDULE) {
            if (scheduledDay == null) {
                throw new ServiceRequestRefused("scheduling a request needs the day the work is booked for");
            }
            if (scheduledDay.isBefore(today)) {
                throw new ServiceRequestRefused("a request is scheduled for today or a later day, not " + scheduledDay
                        + " (today is " + today + ")");
            }
        }
        if (step == Step.DECLINE) {
            requireReason(reason);
        }
    }

    /** The longest reason kept; a reason says why in a sentence or two, not a case note. */
    static final int MAX_REASON = 1000;

    static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new ServiceRequestRefused("declining a request needs a reason");
        }
        if (reason.length() > MAX_REASON) {
            throw new ServiceRequestRefused(
                    "a reason for declining is at most " + MAX_REASON + " characters, not " + reason.length());
        }
    }

    /** The last day of a request's target: its submission day plus the days its priority is given. */
    static LocalDate dueDay(LocalDate submissionDay, int targetDays) {
        return submissionDay.plusDays(targetDays);
    }

    /** Open and past its last day. */
    static boolean overdue(ServiceRequestStatus status, LocalDate dueDay, LocalDate today) {
        return status.open() && today.isAfter(dueDay);
    }
}
