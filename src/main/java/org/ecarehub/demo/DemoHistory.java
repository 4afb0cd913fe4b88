package org.ecarehub.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import java.util.function.Supplier;
import org.ecarehub.access.BreakGlassGrant;
import org.ecarehub.access.BreakGlassGrants;
import org.ecarehub.access.BreakGlassRequest;
import org.ecarehub.access.CaldicottReviews;
import org.ecarehub.access.Requester;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.record.RecordKind;
import org.ecarehub.record.Records;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;
import org.ecarehub.transparency.TransparencyLog;
import org.springframework.stereotype.Component;

/**
 * Replays the history of Agnes Thomson's record (DEMO.md "History (replayed)") through the record and access modules,
 * each step decided and logged as the practitioner's own would be, and marked in the log as replayed with the time the
 * story says it occurred, in the weeks before the demo was first seeded (decision 0037): her involved practitioners'
 * routine reads, {@code housing.ek} refused her health detail, {@code duty.sw}'s break-glass one evening and
 * {@code caldicott.slc}'s review of it. The stories' authorities and the Kerrs' protection steps are replayed where
 * {@link DemoStories} and {@link DemoProtection} seed them.
 */
@Component
class DemoHistory {

    static final Username DUTY = Username.of("duty.sw");
    /**
     * How long the replayed grant lasts: long enough for the read under it that follows at once, short enough that
     * someone trying the demo as {@code duty.sw} meets Agnes without a grant, as the story's evening is long past.
     */
    static final Duration GRANT = Duration.ofSeconds(10);

    static final String BREAK_GLASS_REASON = "Homecare found no answer at 19:00; checking key holder and risks";
    static final String REVIEW_NOTE = "Appropriate use: homecare could not get an answer at the evening visit and the"
            + " duty social worker needed the key holder and the risk assessment. No further action.";

    private static final ZoneId ZONE = ZoneId.of("Europe/London");

    private final TransparencyLog log;
    private final Records records;
    private final BreakGlassGrants grants;
    private final CaldicottReviews reviews;

    DemoHistory(TransparencyLog log, Records records, BreakGlassGrants grants, CaldicottReviews reviews) {
        this.log = log;
        this.records = records;
        this.grants = grants;
        this.reviews = reviews;
    }

    /** Whether the history is replayed already: {@code duty.sw}'s grant is there (a check that logs nothing). */
    boolean replayed(PersonId agnes) {
        return grants.grantsFor(agnes).stream().anyMatch(grant -> grant.user().equals(DUTY));
    }

    /**
     * Replays the history, each step in its own transaction (the modules' own), outside the seeding's: a step decided
     * against a grant opened earlier in the same long transaction was refused its break-glass, so the grant is
     * committed before it is used. The grant comes first, so that the check of {@link #replayed} that stops a second
     * replay is in place before anything else is logged.
     */
    void replayAgnes(DemoStories.Staff staff, PersonId agnes, LocalDate seedDay) {
        // One evening the out-of-hours duty social worker, who has no relationship with her, opens break-glass and
        // reads her record under it; the guardian of his agency reviews it the next morning.
        BreakGlassGrant grant = step(
                at(seedDay, 11, 19, 12),
                () -> grants.open(
                        agnes,
                        new BreakGlassRequest(DUTY, BREAK_GLASS_REASON, Purpose.DIRECT_CARE, GRANT),
                        staff.actor(DUTY.value())));
        step(at(seedDay, 11, 19, 14), () -> records.read(new Requester.Staff(DUTY, Purpose.DIRECT_CARE, null), agnes));
        step(at(seedDay, 10, 9, 30), () -> reviews.claim(grant.review(), staff.actor("caldicott.slc")));
        step(at(seedDay, 10, 9, 45), () -> reviews.close(grant.review(), REVIEW_NOTE, staff.actor("caldicott.slc")));

        routineRead("dn.hamilton", agnes, at(seedDay, 26, 11, 15));
        routineRead("sw.hamilton", agnes, at(seedDay, 24, 10, 20));
        routineRead("gp.hamilton", agnes, at(seedDay, 19, 9, 40));
        routineRead("ot.hamilton", agnes, at(seedDay, 16, 15, 5));
        // A housing officer, with no relationship and no agreement that lets housing receive health detail, asked for
        // her letters: refused, and logged as refused.
        step(
                at(seedDay, 14, 13, 25),
                () -> records.read(
                        new Requester.Staff(Username.of("housing.ek"), Purpose.DIRECT_CARE, null),
                        agnes,
                        Set.of(RecordKind.DOCUMENT)));
        routineRead("sw.hamilton", agnes, at(seedDay, 12, 14, 5));
        routineRead("dn.hamilton", agnes, at(seedDay, 5, 11, 30));
        routineRead("sw.hamilton", agnes, at(seedDay, 3, 9, 50));
    }

    private void routineRead(String user, PersonId agnes, Instant when) {
        step(when, () -> records.read(new Requester.Staff(Username.of(user), Purpose.DIRECT_CARE, null), agnes));
    }

    private <T> T step(Instant occurredAt, Supplier<T> step) {
        return log.replaying(occurredAt, step);
    }

    /** A time of day the given number of days before the seeding day, on Scottish time. */
    static Instant at(LocalDate seedDay, int daysBefore, int hour, int minute) {
        return seedDay.minusDays(daysBefore)
                .atTime(LocalTime.of(hour, minute))
                .atZone(ZONE)
                .toInstant();
    }

    /** A time of day on the given day, on Scottish time. */
    static Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(LocalTime.of(hour, minute)).atZone(ZONE).toInstant();
    }
}
