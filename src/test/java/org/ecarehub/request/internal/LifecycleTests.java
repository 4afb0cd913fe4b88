package org.ecarehub.request.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.ecarehub.request.Equipment;
import org.ecarehub.request.HomecareTask;
import org.ecarehub.request.ServiceRequestDetails;
import org.ecarehub.request.ServiceRequestId;
import org.ecarehub.request.ServiceRequestRefused;
import org.ecarehub.request.ServiceRequestStatus;
import org.ecarehub.request.StaleServiceRequest;
import org.ecarehub.request.internal.Lifecycle.Step;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LifecycleTests {

    static final LocalDate TODAY = LocalDate.of(2026, 3, 2);
    static final TeamId EQUIPMENT = TeamId.of("equipment-and-adaptations");
    static final TeamId ADULT_CARE = TeamId.of("adult-care-hamilton");
    static final Username OT = Username.of("ot.hamilton");

    static Lifecycle.Current request(ServiceRequestStatus status, int version) {
        return new Lifecycle.Current(new ServiceRequestId(7), status, version, EQUIPMENT, OT, List.of(ADULT_CARE));
    }

    static Lifecycle.Member equipmentMember() {
        return new Lifecycle.Member(Username.of("equipment.slc"), List.of(EQUIPMENT));
    }

    static Lifecycle.Member requester() {
        return new Lifecycle.Member(OT, List.of(ADULT_CARE));
    }

    static void take(Step step, ServiceRequestStatus from, Lifecycle.Member who) {
        Lifecycle.check(step, request(from, 3), who, 3, TODAY.plusDays(1), "no capacity this month", TODAY);
    }

    @Nested
    class TheProviderSide {

        @Test
        void acceptsDeclinesSchedulesStartsAndCompletesInOrder() {
            assertThatCode(() -> {
                        take(Step.ACCEPT, ServiceRequestStatus.SUBMITTED, equipmentMember());
                        take(Step.DECLINE, ServiceRequestStatus.SUBMITTED, equipmentMember());
                        take(Step.SCHEDULE, ServiceRequestStatus.ACCEPTED, equipmentMember());
                        take(Step.START, ServiceRequestStatus.SCHEDULED, equipmentMember());
                        take(Step.COMPLETE, ServiceRequestStatus.IN_PROGRESS, equipmentMember());
                    })
                    .doesNotThrowAnyException();
        }

        @ParameterizedTest
        @EnumSource(
                value = Step.class,
                names = {"ACCEPT", "DECLINE", "SCHEDULE", "START", "COMPLETE"})
        void refusesAnyoneOutsideTheAddressedTeam(Step step) {
            assertThatThrownBy(() -> take(step, ServiceRequestStatus.SUBMITTED, requester()))
                    .isInstanceOf(ServiceRequestRefused.class)
                    .hasMessage("only a member of team 'equipment-and-adaptations', to which service-request-7 is"
                            + " addressed, may " + step.verb + " it");
        }

        @Test
        void refusesToScheduleWhatIsNotAccepted() {
            assertThatThrownBy(() -> take(Step.SCHEDULE, ServiceRequestStatus.SUBMITTED, equipmentMember()))
                    .isInstanceOf(ServiceRequestRefused.class)
                    .hasMessage("a submitted request cannot become scheduled (service-request-7)");
        }

        @Test
        void refusesToCompleteWhatHasNotStarted() {
            assertThatThrownBy(() -> take(Step.COMPLETE, ServiceRequestStatus.SCHEDULED, equipmentMember()))
                    .hasMessage("a scheduled request cannot become completed (service-request-7)");
        }

        @Test
        void refusesToAcceptTwice() {
            assertThatThrownBy(() -> take(Step.ACCEPT, ServiceRequestStatus.ACCEPTED, equipmentMember()))
                    .hasMessage("a accepted request cannot become accepted (service-request-7)");
        }

        @Test
        void refusesADeclineWithoutAReason() {
            assertThatThrownBy(() -> Lifecycle.check(
                            Step.DECLINE,
                            request(ServiceRequestStatus.SUBMITTED, 1),
                            equipmentMember(),
                            1,
                            null,
                            "  ",
                            TODAY))
                    .hasMessage("declining a request needs a reason");
        }

        @Test
        void refusesADayInThePastOrNoDay() {
            assertThatThrownBy(() -> Lifecycle.check(
                            Step.SCHEDULE,
                            request(ServiceRequestStatus.ACCEPTED, 2),
                            equipmentMember(),
                            2,
                            TODAY.minusDays(1),
                            null,
                            TODAY))
                    .hasMessage(
                            "a request is scheduled for today or a later day, not 2026-03-01 (today is 2026-03-02)");
            assertThatThrownBy(() -> Lifecycle.check(
                            Step.SCHEDULE,
                            request(ServiceRequestStatus.ACCEPTED, 2),
                            equipmentMember(),
                            2,
                            null,
                            null,
                            TODAY))
                    .hasMessage("scheduling a request needs the day the work is booked for");
        }
    }

    @Nested
    class TheRequestingSide {

        @ParameterizedTest
        @EnumSource(
                value = ServiceRequestStatus.class,
                names = {"SUBMITTED", "ACCEPTED", "SCHEDULED", "IN_PROGRESS"})
        void cancelsAnyOpenRequest(ServiceRequestStatus status) {
            assertThatCode(() -> take(Step.CANCEL, status, requester())).doesNotThrowAnyException();
        }

        @Test
        void letsAColleagueInTheRequestersTeamCancel() {
            assertThatCode(() -> take(
                            Step.CANCEL,
                            ServiceRequestStatus.SUBMITTED,
                            new Lifecycle.Member(Username.of("sw.hamilton"), List.of(ADULT_CARE))))
                    .doesNotThrowAnyException();
        }

        @ParameterizedTest
        @EnumSource(
                value = ServiceRequestStatus.class,
                names = {"DECLINED", "COMPLETED", "CANCELLED"})
        void cannotCancelAClosedRequest(ServiceRequestStatus status) {
            assertThatThrownBy(() -> take(Step.CANCEL, status, requester()))
                    .isInstanceOf(ServiceRequestRefused.class)
                    .hasMessageContaining("cannot become cancelled");
        }

        @Test
        void refusesTheProviderTeamACancellation() {
            assertThatThrownBy(() -> take(Step.CANCEL, ServiceRequestStatus.SUBMITTED, equipmentMember()))
                    .hasMessage("only the member of staff who asked, or a member of a team they asked from, may"
                            + " cancel service-request-7");
        }
    }

    @Test
    void refusesAChangeOnAStaleVersion() {
        assertThatThrownBy(() -> Lifecycle.check(
                        Step.ACCEPT,
                        request(ServiceRequestStatus.SUBMITTED, 2),
                        equipmentMember(),
                        1,
                        null,
                        null,
                        TODAY))
                .isInstanceOf(StaleServiceRequest.class)
                .hasMessageContaining("service-request-7 has changed since version 1 (it is at version 2)");
    }

    @Test
    void isOverdueOnlyWhenOpenAndPastItsDueDay() {
        LocalDate due = Lifecycle.dueDay(TODAY, 2);
        assertThat(due).isEqualTo(LocalDate.of(2026, 3, 4));
        assertThat(Lifecycle.overdue(ServiceRequestStatus.ACCEPTED, due, due)).isFalse();
        assertThat(Lifecycle.overdue(ServiceRequestStatus.ACCEPTED, due, due.plusDays(1)))
                .isTrue();
        assertThat(Lifecycle.overdue(ServiceRequestStatus.COMPLETED, due, due.plusDays(1)))
                .isFalse();
        assertThat(Lifecycle.overdue(ServiceRequestStatus.DECLINED, due, due.plusDays(9)))
                .isFalse();
    }

    @Nested
    class WhatIsAskedFor {

        @Test
        void refusesHomecareOutsideItsBounds() {
            assertThatThrownBy(() -> new ServiceRequestDetails.Homecare(
                            new BigDecimal("0"), 3, List.of(HomecareTask.PERSONAL_CARE), TODAY))
                    .isInstanceOf(ServiceRequestRefused.class)
                    .hasMessageContaining("more than 0 and at most 168");
            assertThatThrownBy(() -> new ServiceRequestDetails.Homecare(
                            new BigDecimal("10.1"), 3, List.of(HomecareTask.PERSONAL_CARE), TODAY))
                    .hasMessageContaining("quarter hours");
            assertThatThrownBy(() -> new ServiceRequestDetails.Homecare(
                            new BigDecimal("10.5"), 0, List.of(HomecareTask.PERSONAL_CARE), TODAY))
                    .hasMessageContaining("from 1 to 8 visits a day");
            assertThatThrownBy(() -> new ServiceRequestDetails.Homecare(new BigDecimal("10.5"), 3, List.of(), TODAY))
                    .hasMessage("a homecare request needs at least one task");
        }

        @Test
        void keepsHoursToTheHundredth() {
            assertThat(new ServiceRequestDetails.Homecare(
                                    new BigDecimal("10.5"), 3, List.of(HomecareTask.PERSONAL_CARE), TODAY)
                            .hoursPerWeek())
                    .isEqualTo(new BigDecimal("10.50"));
        }

        @Test
        void refusesAidsWithoutItemsTwiceTheSameItemOrNoAssessmentReference() {
            assertThatThrownBy(() -> new ServiceRequestDetails.AidsAndAdaptations(List.of(), "record-item-12"))
                    .hasMessage("a request for aids and adaptations needs at least one item");
            assertThatThrownBy(() -> new ServiceRequestDetails.AidsAndAdaptations(
                            List.of(Equipment.HOIST, Equipment.HOIST), "record-item-12"))
                    .hasMessage("each item is asked for once");
            assertThatThrownBy(() ->
                            new ServiceRequestDetails.AidsAndAdaptations(List.of(Equipment.HOIST), "Mrs T's OT visit"))
                    .hasMessageContaining("by its record item id, such as record-item-12");
        }

        @Test
        void namesEachCatalogueItemByCodeAndPlainName() {
            assertThat(Equipment.values()).hasSize(10);
            assertThat(Equipment.fromCode("wet-floor-shower")).contains(Equipment.WET_FLOOR_SHOWER);
            assertThat(Equipment.STAIR_RAIL.plainName()).isEqualTo("Stair rail");
            assertThat(Equipment.fromCode("jacuzzi")).isEmpty();
        }
    }
}
