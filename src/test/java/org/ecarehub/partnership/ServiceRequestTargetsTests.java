package org.ecarehub.partnership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecarehub.partnership.PartnershipFileCodesTests.demoFile;
import static org.ecarehub.partnership.PartnershipFileCodesTests.parsedWith;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The service request targets of a partnership file: read with their priorities, defaulted, and bad ones refused. */
class ServiceRequestTargetsTests {

    static final String DEMO_TARGETS = "service-request-targets:\n  urgent: 2\n  high: 7\n  standard: 28\n";

    @Test
    void readsTheDemoTargets() throws IOException {
        ServiceRequestTargets targets =
                PartnershipFile.parse("demo", demoFile()).orElseThrow().serviceRequestTargets();

        assertThat(targets.daysFor(RequestPriority.URGENT)).isEqualTo(2);
        assertThat(targets.daysFor(RequestPriority.HIGH)).isEqualTo(7);
        assertThat(targets.daysFor(RequestPriority.STANDARD)).isEqualTo(28);
    }

    @Test
    void givesTheDefaultsToAFileWithoutTargets() throws IOException {
        ServiceRequestTargets targets =
                parsedWith(DEMO_TARGETS, "").orElseThrow().serviceRequestTargets();

        assertThat(targets).isEqualTo(ServiceRequestTargets.DEFAULT);
    }

    @Test
    void readsOtherTargets() throws IOException {
        ServiceRequestTargets targets = parsedWith(
                        DEMO_TARGETS, "service-request-targets:\n  urgent: 1\n  high: 14\n  standard: 42\n")
                .orElseThrow()
                .serviceRequestTargets();

        assertThat(targets.daysFor(RequestPriority.URGENT)).isEqualTo(1);
        assertThat(targets.daysFor(RequestPriority.STANDARD)).isEqualTo(42);
    }

    @Test
    void refusesATargetOfNoDaysOrMoreThanAYear() throws IOException {
        assertThat(parsedWith("  urgent: 2\n", "  urgent: 0\n").problems())
                .singleElement()
                .satisfies(problem -> {
                    assertThat(problem.message())
                            .isEqualTo(
                                    "the target for urgent service requests is 0 days; it must be from 1 to 365 days");
                    assertThat(problem.line()).isPositive();
                });
        assertThat(parsedWith("  standard: 28\n", "  standard: 400\n").problems())
                .singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("is 400 days"));
    }

    @Test
    void refusesATargetThatIsNotAWholeNumberOfDays() throws IOException {
        assertThat(parsedWith("  high: 7\n", "  high: a week\n").problems())
                .singleElement()
                .satisfies(problem -> assertThat(problem.message())
                        .isEqualTo(
                                "the target for high service requests must be a whole number of days, not 'a week'"));
        assertThat(parsedWith("  high: 7\n", "  high: 7.5\n").problems()).hasSize(1);
    }

    @Test
    void refusesAnUnknownOrMissingPriority() throws IOException {
        assertThat(parsedWith("  high: 7\n", "  soon: 7\n").problems())
                .singleElement()
                .satisfies(problem -> assertThat(problem.message())
                        .contains("unknown priority 'soon'", "'urgent', 'high', 'standard'"));
        assertThat(parsedWith("  high: 7\n", "").problems())
                .singleElement()
                .satisfies(problem -> assertThat(problem.message())
                        .isEqualTo("missing 'high' in 'service-request-targets'; every priority needs a target"));
    }

    @Test
    void refusesAMoreUrgentPriorityWithALongerTarget() throws IOException {
        assertThat(parsedWith("  urgent: 2\n", "  urgent: 10\n").problems())
                .singleElement()
                .satisfies(problem -> assertThat(problem.message())
                        .isEqualTo("the target for urgent service requests must not be longer than the target for"
                                + " high ones"));
    }
}
