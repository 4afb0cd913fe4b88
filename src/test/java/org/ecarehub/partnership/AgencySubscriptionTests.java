package org.ecarehub.partnership;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import org.ecarehub.shared.AgencyId;
import org.junit.jupiter.api.Test;

/** An agency's rest-hook subscription in the partnership file: an http(s) endpoint and a reference to its secret. */
class AgencySubscriptionTests {

    static final String POLICE = "  - id: police-scotland\n";

    static PartnershipFile.Result policeSubscribed(String subscription) throws IOException {
        return PartnershipFileCodesTests.parsedWith(POLICE, POLICE + subscription);
    }

    @Test
    void readsAnEndpointAndASecretReference() throws IOException {
        Partnership partnership = policeSubscribed(
                        "    subscription:\n      endpoint: https://ppu.police.example/notify\n"
                                + "      secret: env:ECARE_HOOK_SECRET_POLICE\n")
                .orElseThrow();

        AgencySubscription subscription = partnership
                .agency(new AgencyId("police-scotland"))
                .flatMap(Agency::subscriptionIfAny)
                .orElseThrow();
        assertThat(subscription.endpoint()).isEqualTo(URI.create("https://ppu.police.example/notify"));
        assertThat(subscription.secret()).isEqualTo("env:ECARE_HOOK_SECRET_POLICE");
        assertThat(partnership.agency(new AgencyId("slc-social-work")).flatMap(Agency::subscriptionIfAny))
                .isEmpty();
    }

    @Test
    void refusesASecretWrittenIntoTheFileAndDoesNotEchoIt() throws IOException {
        PartnershipFile.Result result =
                policeSubscribed("    subscription:\n      endpoint: https://ppu.police.example/notify\n"
                        + "      secret: hunter2-the-actual-secret\n");

        assertThat(result).isInstanceOf(PartnershipFile.Invalid.class);
        assertThat(result.problems()).anySatisfy(problem -> {
            assertThat(problem.message()).contains("env:NAME or file:PATH");
            assertThat(problem.message()).doesNotContain("hunter2");
        });
    }

    @Test
    void refusesAnEndpointThatIsNotHttp() throws IOException {
        PartnershipFile.Result result = policeSubscribed(
                "    subscription:\n      endpoint: ftp://ppu.police.example/notify\n      secret: env:X\n");

        assertThat(result.problems())
                .anySatisfy(problem -> assertThat(problem.message()).contains("absolute http or https URL"));
    }
}
