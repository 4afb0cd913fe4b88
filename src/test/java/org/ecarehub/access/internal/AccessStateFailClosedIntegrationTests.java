package org.ecarehub.access.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ecarehub.access.internal.AccessFixtures.actor;
import static org.ecarehub.access.internal.AccessFixtures.newPerson;
import static org.ecarehub.access.internal.AccessFixtures.rows;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ecarehub.access.BreakGlassGrant;
import org.ecarehub.access.BreakGlassGrants;
import org.ecarehub.access.BreakGlassRequest;
import org.ecarehub.access.CaldicottReview;
import org.ecarehub.access.CaldicottReviews;
import org.ecarehub.access.Holder;
import org.ecarehub.access.RelationshipDraft;
import org.ecarehub.access.RelationshipKind;
import org.ecarehub.access.Relationships;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;
import org.ecarehub.support.LogOutage;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.ecarehub.transparency.LogUnavailable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the transparency log cannot record a relationship, a break-glass grant or a review step, nothing of it is
 * stored and no node's cache believes it: shown with the database user's right to insert into the log taken away, on
 * PostgreSQL.
 */
@Tag("postgres")
class AccessStateFailClosedIntegrationTests {

    static final String REASON = "Homecare found no answer at 19:00; checking key holder and risks";

    @TempDir
    static Path dataDir;

    static TestDatabase database;
    static RunningHub hub;

    @BeforeAll
    static void startHub() {
        database = TestDatabase.fresh(dataDir);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("ecare.demo.people", 0);
        properties.put("ecare.log.append-timeout", "5s");
        hub = RunningHub.start("demo", dataDir, database, properties);
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    static Map<String, Long> accessTables() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : List.of("access_relationship", "access_break_glass", "access_review", "access_change")) {
            counts.put(table, rows(hub, table));
        }
        return counts;
    }

    @Test
    void startsNoRelationshipWhenTheLogCannotRecordIt() throws SQLException {
        PersonId person = newPerson(hub, 1);
        Relationships relationships = hub.bean(Relationships.class);
        assertThat(relationships.active(person, Username.of("sw.hamilton"), List.of(), LocalDate.now()))
                .isFalse();
        Map<String, Long> before = accessTables();

        withoutTheLog(() -> assertThatThrownBy(() -> relationships.start(
                        RelationshipDraft.of(
                                person,
                                Holder.staff(Username.of("sw.hamilton")),
                                RelationshipKind.KEY_WORKER,
                                LocalDate.now()),
                        actor(hub, "admin")))
                .isInstanceOf(LogUnavailable.class));

        assertThat(accessTables()).isEqualTo(before);
        assertThat(relationships.active(person, Username.of("sw.hamilton"), List.of(), LocalDate.now()))
                .isFalse();
        assertThat(relationships.of(person)).isEmpty();
    }

    @Test
    void opensNoGrantAndNoReviewWhenTheLogCannotRecordIt() throws SQLException {
        PersonId person = newPerson(hub, 2);
        BreakGlassGrants grants = hub.bean(BreakGlassGrants.class);
        Map<String, Long> before = accessTables();

        withoutTheLog(() -> assertThatThrownBy(() -> grants.open(
                        person,
                        new BreakGlassRequest(Username.of("duty.sw"), REASON, Purpose.DIRECT_CARE, null),
                        actor(hub, "duty.sw")))
                .isInstanceOf(LogUnavailable.class));

        assertThat(accessTables()).isEqualTo(before);
        assertThat(grants.active(Username.of("duty.sw"), person, Instant.now())).isFalse();
        assertThat(hub.bean(CaldicottReviews.class).forPerson(person)).isEmpty();
    }

    @Test
    void claimsNothingWhenTheLogCannotRecordIt() throws SQLException {
        PersonId person = newPerson(hub, 3);
        BreakGlassGrant grant = hub.bean(BreakGlassGrants.class)
                .open(
                        person,
                        new BreakGlassRequest(Username.of("gp.hamilton"), REASON, Purpose.DIRECT_CARE, null),
                        actor(hub, "gp.hamilton"));
        CaldicottReviews reviews = hub.bean(CaldicottReviews.class);
        Map<String, Long> before = accessTables();

        withoutTheLog(() -> assertThatThrownBy(() -> reviews.claim(grant.review(), actor(hub, "caldicott.slc")))
                .isInstanceOf(LogUnavailable.class));

        assertThat(accessTables()).isEqualTo(before);
        assertThat(reviews.forPerson(person))
                .singleElement()
                .satisfies(review -> assertThat(review.state()).isEqualTo(CaldicottReview.State.OPEN));
        assertThat(reviews.workingOn(Username.of("caldicott.slc"), person)).isFalse();
    }

    static void withoutTheLog(LogOutage.Check check) throws SQLException {
        LogOutage.withoutTheLog(database, check);
    }
}
