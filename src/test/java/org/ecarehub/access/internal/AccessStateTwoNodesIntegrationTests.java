package org.ecarehub.access.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecarehub.access.internal.AccessFixtures.actor;
import static org.ecarehub.access.internal.AccessFixtures.newPerson;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.ecarehub.access.BreakGlassGrant;
import org.ecarehub.access.BreakGlassGrants;
import org.ecarehub.access.BreakGlassRequest;
import org.ecarehub.access.CaldicottReviews;
import org.ecarehub.access.Holder;
import org.ecarehub.access.Relationship;
import org.ecarehub.access.RelationshipDraft;
import org.ecarehub.access.RelationshipKind;
import org.ecarehub.access.Relationships;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes over one database: a change made on one node holds on that node at once, and on the other within a
 * second, although the other had the person's facts cached from before the change.
 */
@Tag("postgres")
class AccessStateTwoNodesIntegrationTests {

    static final String REASON = "Homecare found no answer at 19:00; checking key holder and risks";
    static final Duration WITHIN = Duration.ofSeconds(1);
    static final List<TeamId> ADULT_CARE = List.of(TeamId.of("adult-care-hamilton"));

    @TempDir
    Path dataDir;

    /** How long the condition took to hold, failing when it did not within the second the issue allows. */
    static Duration untilTrue(BooleanSupplier condition) throws InterruptedException {
        Instant start = Instant.now();
        while (!condition.getAsBoolean()) {
            Duration waited = Duration.between(start, Instant.now());
            assertThat(waited).as("waited for the other node").isLessThan(WITHIN);
            Thread.sleep(10);
        }
        return Duration.between(start, Instant.now());
    }

    @Test
    void changesOnOneNodeReachTheOtherNodesCacheWithinASecond() throws InterruptedException {
        TestDatabase database = TestDatabase.fresh(dataDir);
        Map<String, Object> properties = Map.of("ecare.demo.people", 0);
        try (RunningHub first = RunningHub.start("demo", dataDir, database, properties);
                RunningHub second = RunningHub.start("demo", dataDir, database, properties)) {
            PersonId person = newPerson(first, 1);
            LocalDate today = LocalDate.now();
            Relationships onFirst = first.bean(Relationships.class);
            Relationships onSecond = second.bean(Relationships.class);
            Username socialWorker = Username.of("sw.hamilton");
            assertThat(onSecond.active(person, socialWorker, ADULT_CARE, today)).isFalse();
            assertThat(second.bean(AccessCache.class).size()).isPositive();

            Relationship started = onFirst.start(
                    RelationshipDraft.of(person, Holder.staff(socialWorker), RelationshipKind.KEY_WORKER, today),
                    actor(first, "admin"));

            assertThat(onFirst.active(person, socialWorker, ADULT_CARE, today)).isTrue();
            untilTrue(() -> onSecond.active(person, socialWorker, ADULT_CARE, today));

            onSecond.end(started.id(), today, actor(second, "admin"));
            assertThat(onSecond.active(person, socialWorker, ADULT_CARE, today.plusDays(1)))
                    .isFalse();
            untilTrue(() -> !onFirst.active(person, socialWorker, ADULT_CARE, today.plusDays(1)));

            BreakGlassGrants grantsOnFirst = first.bean(BreakGlassGrants.class);
            BreakGlassGrants grantsOnSecond = second.bean(BreakGlassGrants.class);
            Username duty = Username.of("duty.sw");
            assertThat(grantsOnFirst.active(duty, person, Instant.now())).isFalse();
            BreakGlassGrant grant = grantsOnSecond.open(
                    person, new BreakGlassRequest(duty, REASON, Purpose.DIRECT_CARE, null), actor(second, "duty.sw"));
            untilTrue(() -> grantsOnFirst.active(duty, person, Instant.now()));

            CaldicottReviews reviewsOnFirst = first.bean(CaldicottReviews.class);
            Username guardian = Username.of("caldicott.slc");
            assertThat(reviewsOnFirst.workingOn(guardian, person)).isFalse();
            second.bean(CaldicottReviews.class).claim(grant.review(), actor(second, "caldicott.slc"));
            untilTrue(() -> reviewsOnFirst.workingOn(guardian, person));
        }
    }
}
