package org.ecarehub.partnership;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.ecarehub.shared.RoleId;
import org.ecarehub.shared.TeamId;

/**
 * Where protection messages go and how soon they must be acknowledged: the teams that receive every concern of a
 * kind, whether the teams already involved with a subject receive it too, the office hours and the teams that
 * receive outside them (social work standby), the acknowledgement deadline of each priority, how long after a
 * team manager was told the partnership's duty officer is told, and which roles make a member of a team its manager.
 */
public record ProtectionMessageRouting(
        Set<DayOfWeek> officeDays,
        LocalTime opens,
        LocalTime closes,
        List<TeamId> outOfHoursTeams,
        Map<ConcernKind, List<TeamId>> teams,
        boolean involvedTeams,
        Map<ConcernPriority, Duration> acknowledgeWithin,
        Duration escalateToDutyOfficerAfter,
        Set<RoleId> managerRoles) {

    /** Office hours, like the partnership's days, are on Scottish time whatever the server's clock zone. */
    public static final ZoneId ZONE = ZoneId.of("Europe/London");

    /** A deadline past a week is no deadline for a protection concern. */
    public static final Duration LONGEST = Duration.ofDays(7);

    /**
     * The routing of a file that gives none: Monday to Friday 09:00 to 17:00, only the teams involved with a subject,
     * urgent within an hour, standard within 24 hours, the duty officer an hour after the manager.
     */
    public static final ProtectionMessageRouting DEFAULT = new ProtectionMessageRouting(
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
            LocalTime.of(9, 0),
            LocalTime.of(17, 0),
            List.of(),
            Map.of(),
            true,
            Map.of(ConcernPriority.URGENT, Duration.ofHours(1), ConcernPriority.STANDARD, Duration.ofHours(24)),
            Duration.ofHours(1),
            Set.of());

    public ProtectionMessageRouting {
        Objects.requireNonNull(opens, "opens");
        Objects.requireNonNull(closes, "closes");
        Objects.requireNonNull(escalateToDutyOfficerAfter, "escalateToDutyOfficerAfter");
        EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        days.addAll(officeDays);
        officeDays = Collections.unmodifiableSet(days);
        if (!opens.isBefore(closes)) {
            throw new IllegalArgumentException(openingOrder());
        }
        outOfHoursTeams = List.copyOf(outOfHoursTeams);
        EnumMap<ConcernKind, List<TeamId>> byKind = new EnumMap<>(ConcernKind.class);
        teams.forEach((kind, list) -> byKind.put(kind, List.copyOf(list)));
        teams = Collections.unmodifiableMap(byKind);
        EnumMap<ConcernPriority, Duration> within = new EnumMap<>(ConcernPriority.class);
        within.putAll(acknowledgeWithin);
        for (ConcernPriority priority : ConcernPriority.values()) {
            Duration deadline = within.get(priority);
            if (deadline == null) {
                throw new IllegalArgumentException(
                        "no acknowledgement deadline for " + priority.code() + " protection messages");
            }
            checkDeadline(deadline, priority.code() + " acknowledgement deadline");
        }
        if (within.get(ConcernPriority.URGENT).compareTo(within.get(ConcernPriority.STANDARD)) > 0) {
            throw new IllegalArgumentException(urgentLonger());
        }
        acknowledgeWithin = Collections.unmodifiableMap(within);
        checkDeadline(escalateToDutyOfficerAfter, "escalation to the duty officer");
        managerRoles = Set.copyOf(managerRoles);
    }

    /** The teams that receive every concern of the kind, whoever the subject. */
    public List<TeamId> teamsFor(ConcernKind kind) {
        return teams.getOrDefault(kind, List.of());
    }

    public Duration acknowledgeWithin(ConcernPriority priority) {
        return acknowledgeWithin.get(priority);
    }

    /** Whether the instant falls in the partnership's office hours. */
    public boolean inOfficeHours(Instant instant) {
        ZonedDateTime local = instant.atZone(ZONE);
        LocalTime time = local.toLocalTime();
        return officeDays.contains(local.getDayOfWeek()) && !time.isBefore(opens) && time.isBefore(closes);
    }

    /** The instant itself in office hours, else when the office next opens. */
    public Instant nextOpening(Instant instant) {
        if (inOfficeHours(instant) || officeDays.isEmpty()) {
            return instant;
        }
        ZonedDateTime local = instant.atZone(ZONE);
        ZonedDateTime candidate = local.toLocalDate().atTime(opens).atZone(ZONE);
        if (!candidate.isAfter(local)) {
            candidate = candidate.plusDays(1);
        }
        while (!officeDays.contains(candidate.getDayOfWeek())) {
            candidate = candidate.plusDays(1);
        }
        return candidate.toInstant();
    }

    /**
     * When a team must acknowledge a message raised at {@code raised}: an out-of-hours team, or any team in office
     * hours, from the raising; a team that works office hours, from when its office next opens, since the standby team
     * answers for the night.
     */
    public Instant deadline(Instant raised, ConcernPriority priority, boolean outOfHoursTeam) {
        Instant from = outOfHoursTeam ? raised : nextOpening(raised);
        return from.plus(acknowledgeWithin(priority));
    }

    static void checkDeadline(Duration deadline, String what) {
        if (deadline.isNegative() || deadline.isZero() || deadline.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException(outOfRange(what, deadline));
        }
    }

    static String outOfRange(String what, Duration deadline) {
        return "the " + what + " is " + deadline + "; it must be more than nothing and at most " + LONGEST;
    }

    static String urgentLonger() {
        return "the urgent acknowledgement deadline must not be longer than the standard one";
    }

    static String openingOrder() {
        return "office hours must open before they close";
    }
}
