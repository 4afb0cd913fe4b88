package org.ecarehub.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.PartnershipFile;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.shared.Username;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BreakGlassRequestTests {

    private static final String REASON = "Homecare found no answer at 19:00; checking key holder and risks";
    private static Partnership demo;

    @BeforeAll
    static void readTheDemoPartnership() throws IOException {
        try (InputStream in = BreakGlassRequestTests.class.getResourceAsStream("/demo/partnership.yaml")) {
            demo = PartnershipFile.parse("demo", new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .orElseThrow();
        }
    }

    @Test
    void acceptsTheDutySocialWorkersEveningRequestForFourHours() {
        BreakGlassRequest request = new BreakGlassRequest(Username.of("duty.sw"), REASON, Purpose.DIRECT_CARE, null);
        assertThat(request.problems(demo)).isEmpty();
        assertThat(request.duration()).isEqualTo(Duration.ofHours(4));
    }

    @Test
    void refusesAShortReasonALongGrantAndAPurposeTheRolesMayNotUse() {
        BreakGlassRequest request =
                new BreakGlassRequest(Username.of("housing.ek"), "checking", Purpose.EMERGENCY, Duration.ofHours(25));
        assertThat(request.problems(demo))
                .containsExactly(
                        "give a reason of at least 20 characters",
                        "your roles may not use the purpose emergency",
                        "a break-glass grant lasts at most 24 hours");
    }

    @Test
    void refusesAMissingReasonOrPurpose() {
        assertThat(new BreakGlassRequest(Username.of("duty.sw"), null, null, Duration.ZERO).problems(demo))
                .containsExactly(
                        "give a reason of at least 20 characters",
                        "choose a purpose",
                        "a break-glass grant needs a duration");
    }
}
