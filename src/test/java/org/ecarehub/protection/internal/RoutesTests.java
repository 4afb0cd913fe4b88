package org.ecarehub.protection.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import org.ecarehub.partnership.ConcernKind;
import org.ecarehub.partnership.ConcernPriority;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.PartnershipFile;
import org.ecarehub.partnership.ProtectionMessageRouting;
import org.ecarehub.shared.TeamId;
import org.junit.jupiter.api.Test;

/** The demo partnership's routing of protection messages, in and out of office hours, without a hub. */
class RoutesTests {

    static final TeamId CHILDREN_AND_FAMILIES = TeamId.of("children-families-blantyre");
    static final TeamId HEALTH_VISITING = TeamId.of("health-visiting-blantyre");
    static final TeamId SCHOOL = TeamId.of("blantyre-primary");
    static final TeamId STANDBY = TeamId.of("social-work-standby");
    static final TeamId CONCERN_HUB = TeamId.of("lanarkshire-concern-hub");
    static final TeamId HOMECARE = TeamId.of("caring-hands-homecare");
    static final TeamId ADULT_CARE = TeamId.of("adult-care-hamilton");

    static final Partnership DEMO = demo();

    /** A Thursday in November, at the hour given, in Scotland. */
    static Instant thursdayAt(int hour) {
        return ZonedDateTime.of(2026, 11, 26, hour, 30, 0, 0, ProtectionMessageRouting.ZONE)
                .toInstant();
    }

    @Test
    void routesTheMessageAboutTheKerrChildrenToTheTeamsInvolvedInOfficeHours() {
        List<Routes.Route> routes = Routes.plan(
                DEMO,
                ConcernKind.CHILD,
                List.of(CHILDREN_AND_FAMILIES, SCHOOL, HEALTH_VISITING),
                CONCERN_HUB,
                thursdayAt(11));

        assertThat(routes)
                .extracting(route -> route.team().id(), Routes.Route::outOfHours)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(CHILDREN_AND_FAMILIES, false),
                        org.assertj.core.groups.Tuple.tuple(SCHOOL, false),
                        org.assertj.core.groups.Tuple.tuple(HEALTH_VISITING, false));
    }

    @Test
    void addsTheStandbyTeamOutOfHoursWithADeadlineThatRunsAtOnce() {
        Instant night = thursdayAt(22);
        List<Routes.Route> routes = Routes.plan(DEMO, ConcernKind.CHILD, List.of(SCHOOL), CONCERN_HUB, night);

        assertThat(routes)
                .extracting(route -> route.team().id(), Routes.Route::outOfHours)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(CHILDREN_AND_FAMILIES, false),
                        org.assertj.core.groups.Tuple.tuple(SCHOOL, false),
                        org.assertj.core.groups.Tuple.tuple(STANDBY, true));
        ProtectionMessageRouting routing = DEMO.protectionMessageRouting();
        assertThat(routing.deadline(night, ConcernPriority.URGENT, true)).isEqualTo(night.plusSeconds(3600));
        assertThat(routing.deadline(night, ConcernPriority.URGENT, false))
                .isEqualTo(ZonedDateTime.of(2026, 11, 27, 10, 0, 0, 0, ProtectionMessageRouting.ZONE)
                        .toInstant());
    }

    @Test
    void waitsForMondayAfterAFridayEvening() {
        Instant friday = ZonedDateTime.of(2026, 11, 27, 18, 0, 0, 0, ProtectionMessageRouting.ZONE)
                .toInstant();
        assertThat(DEMO.protectionMessageRouting().nextOpening(friday))
                .isEqualTo(ZonedDateTime.of(2026, 11, 30, 9, 0, 0, 0, ProtectionMessageRouting.ZONE)
                        .toInstant());
    }

    @Test
    void leavesOutInvolvedTeamsWithoutAProtectionRoleAndTheSendersOwnTeam() {
        List<Routes.Route> routes =
                Routes.plan(DEMO, ConcernKind.ADULT, List.of(HOMECARE, ADULT_CARE), ADULT_CARE, thursdayAt(11));

        // Adult care Hamilton is the sender's own team, and the homecare team has no one who works protection.
        assertThat(routes).isEmpty();
        assertThat(Routes.worksProtection(DEMO, DEMO.team(SCHOOL).orElseThrow(), ConcernKind.CHILD))
                .isTrue();
        assertThat(Routes.worksProtection(DEMO, DEMO.team(SCHOOL).orElseThrow(), ConcernKind.ADULT))
                .isFalse();
    }

    private static Partnership demo() {
        try (InputStream in = RoutesTests.class.getResourceAsStream("/demo/partnership.yaml")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return PartnershipFile.parse("partnership.yaml", text).orElseThrow();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
