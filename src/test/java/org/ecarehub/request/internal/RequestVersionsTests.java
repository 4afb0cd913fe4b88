package org.ecarehub.request.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.ecarehub.partnership.RequestPriority;
import org.ecarehub.request.HomecareTask;
import org.ecarehub.request.ServiceRequestDetails;
import org.ecarehub.request.ServiceRequestId;
import org.ecarehub.request.ServiceRequestStatus;
import org.ecarehub.request.ServiceRequestStep;
import org.ecarehub.request.ServiceRequestView;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;
import org.junit.jupiter.api.Test;

class RequestVersionsTests {

    static final Instant SUBMITTED = Instant.parse("2026-03-02T10:00:00Z");
    static final LocalDate DUE = LocalDate.of(2026, 3, 9);
    static final LocalDate BOOKED = LocalDate.of(2026, 3, 12);
    static final Username PROVIDER = Username.of("homecare.org");
    static final AgencyId PROVIDER_AGENCY = AgencyId.of("caring-hands");

    static ServiceRequestStep step(int version, ServiceRequestStatus status, Instant at, LocalDate day, String why) {
        return new ServiceRequestStep(version, status, at, PROVIDER, PROVIDER_AGENCY, day, why);
    }

    static ServiceRequestView homecare(
            ServiceRequestStatus status, LocalDate scheduled, List<ServiceRequestStep> steps) {
        return new ServiceRequestView(
                new ServiceRequestId(12),
                PersonId.of("p-1"),
                new ServiceRequestDetails.Homecare(
                        new BigDecimal("10.5"), 3, List.of(HomecareTask.PERSONAL_CARE), LocalDate.of(2026, 3, 9)),
                RequestPriority.STANDARD,
                TeamId.of("caring-hands-homecare"),
                AgencyId.of("slc-social-work"),
                Username.of("sw.hamilton"),
                status,
                steps.size(),
                SUBMITTED,
                DUE,
                scheduled,
                false,
                steps);
    }

    /** Submitted, accepted, booked ten days on (past its due day), started and completed. */
    static ServiceRequestView completedLate() {
        return homecare(
                ServiceRequestStatus.COMPLETED,
                BOOKED,
                List.of(
                        step(1, ServiceRequestStatus.SUBMITTED, SUBMITTED, null, null),
                        step(2, ServiceRequestStatus.ACCEPTED, SUBMITTED.plusSeconds(3_600), null, null),
                        step(3, ServiceRequestStatus.SCHEDULED, SUBMITTED.plusSeconds(7_200), BOOKED, null),
                        step(4, ServiceRequestStatus.IN_PROGRESS, Instant.parse("2026-03-12T09:00:00Z"), null, null),
                        step(5, ServiceRequestStatus.COMPLETED, Instant.parse("2026-03-12T17:00:00Z"), null, null)));
    }

    @Test
    void makesOneVersionAStepEachWithTheStatusItReachedAndTheStepsSoFar() {
        ServiceRequestView latest = completedLate();
        List<ServiceRequestView> versions = RequestVersions.of(latest);

        assertThat(versions).extracting(ServiceRequestView::version).containsExactly(1, 2, 3, 4, 5);
        assertThat(versions)
                .extracting(ServiceRequestView::status)
                .containsExactly(
                        ServiceRequestStatus.SUBMITTED,
                        ServiceRequestStatus.ACCEPTED,
                        ServiceRequestStatus.SCHEDULED,
                        ServiceRequestStatus.IN_PROGRESS,
                        ServiceRequestStatus.COMPLETED);
        assertThat(versions).extracting(view -> view.history().size()).containsExactly(1, 2, 3, 4, 5);
        assertThat(versions.get(4))
                .as("the last version is the request as read")
                .isSameAs(latest);
    }

    @Test
    void keepsTheDayBookedFromTheStepThatBookedItOnward() {
        List<ServiceRequestView> versions = RequestVersions.of(completedLate());

        assertThat(versions)
                .extracting(ServiceRequestView::scheduledDay)
                .containsExactly(null, null, BOOKED, BOOKED, BOOKED);
    }

    @Test
    void marksAVersionOverdueOnlyWhenItWasStillOpenPastItsDueDayWhenTheNextStepReplacedIt() {
        List<ServiceRequestView> versions = RequestVersions.of(completedLate());

        // Scheduled on 2 March and started on 12 March, past the 9 March target: both stood overdue until replaced;
        // the accepted version was replaced on 2 March, in time.
        assertThat(versions).extracting(ServiceRequestView::overdue).containsExactly(false, false, true, true, false);
    }

    @Test
    void keepsTheDeclineReasonOnlyFromTheVersionThatDeclined() {
        ServiceRequestView declined = homecare(
                ServiceRequestStatus.DECLINED,
                null,
                List.of(
                        step(1, ServiceRequestStatus.SUBMITTED, SUBMITTED, null, null),
                        step(2, ServiceRequestStatus.DECLINED, SUBMITTED.plusSeconds(60), null, "No carers free")));

        List<ServiceRequestView> versions = RequestVersions.of(declined);

        assertThat(versions.get(0).history())
                .extracting(ServiceRequestStep::reason)
                .containsExactly((String) null);
        assertThat(versions.get(1).history())
                .extracting(ServiceRequestStep::reason)
                .contains("No carers free");
    }
}
