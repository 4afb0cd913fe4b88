package org.ecarehub.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.AdditionalRequestHeadersInterceptor;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import java.nio.file.Path;
import java.util.List;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo outcomes of DEMO.md that the issue names, through FHIR: a hub started in demo mode with its seeded people,
 * relationships and authorities, searched with HAPI's generic client as an agency system would.
 */
@Tag("database")
class FhirDemoOutcomesIntegrationTests {

    @TempDir
    static Path dataDir;

    static RunningHub hub;
    static final FhirContext fhir = FhirContext.forR4Cached();

    @BeforeAll
    static void startDemo() {
        hub = RunningHub.demo(dataDir, TestDatabase.fresh(dataDir));
    }

    @AfterAll
    static void stopDemo() {
        if (hub != null) {
            hub.close();
        }
    }

    static IGenericClient client(String username, String purpose) {
        IGenericClient client = FhirClients.client("http://localhost:" + hub.port() + "/fhir");
        client.registerInterceptor(new BearerTokenAuthInterceptor(hub.staffToken(username)));
        if (purpose != null) {
            AdditionalRequestHeadersInterceptor headers = new AdditionalRequestHeadersInterceptor();
            headers.addHeaderValue("X-Purpose-Of-Use", purpose);
            client.registerInterceptor(headers);
        }
        return client;
    }

    static Bundle find(IGenericClient client, String given, String family, String born) {
        return client.search()
                .forResource(Patient.class)
                .where(Patient.GIVEN.matches().value(given))
                .and(Patient.FAMILY.matches().value(family))
                .and(Patient.BIRTHDATE.exactly().day(born))
                .returnBundle(Bundle.class)
                .execute();
    }

    static List<String> families(Bundle bundle) {
        return bundle.getEntry().stream()
                .map(entry -> ((Patient) entry.getResource()).getNameFirstRep().getFamily())
                .toList();
    }

    @Test
    void housingFindsNoAgnesThomson() {
        Bundle bundle = find(client("housing.ek", null), "Agnes", "Thomson", "1941-03-14");

        assertThat(bundle.getTotal()).isZero();
        assertThat(bundle.getEntry()).isEmpty();
    }

    @Test
    void herKeyWorkerFindsAgnesThomson() {
        Bundle bundle = find(client("sw.hamilton", null), "Agnes", "Thomson", "1941-03-14");

        assertThat(bundle.getTotal()).isEqualTo(1);
        assertThat(families(bundle)).containsExactly("Thomson");
        Patient agnes = (Patient) bundle.getEntryFirstRep().getResource();
        assertThat(agnes.getIdentifier())
                .extracting(identifier -> identifier.getSystem())
                .contains("urn:ecare:agency:slc-social-work");
    }

    @Test
    void theEmergencyDepartmentFindsRyanKerrUnderEmergency() {
        Bundle bundle = find(client("ed.wishaw", "emergency"), "Ryan", "Kerr", "2019-06-02");

        assertThat(bundle.getTotal()).isEqualTo(1);
        assertThat(families(bundle)).containsExactly("Kerr");
    }

    @Test
    void theEmergencyDepartmentDoesNotFindRyanKerrUnderDirectCare() {
        Bundle explicit = find(client("ed.wishaw", "direct-care"), "Ryan", "Kerr", "2019-06-02");
        Bundle byDefault = find(client("ed.wishaw", null), "Ryan", "Kerr", "2019-06-02");

        assertThat(explicit.getTotal()).isZero();
        assertThat(byDefault.getTotal()).isZero();
    }

    @Test
    void theEmergencyDepartmentReadsRyanKerrOnlyUnderEmergency() {
        Bundle found = find(client("ed.wishaw", "emergency"), "Ryan", "Kerr", "2019-06-02");
        String ryan = found.getEntryFirstRep().getResource().getIdElement().getIdPart();

        Patient read = client("ed.wishaw", "emergency")
                .read()
                .resource(Patient.class)
                .withId(ryan)
                .execute();

        assertThat(read.getNameFirstRep().getGivenAsSingleString()).startsWith("Ryan");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client("ed.wishaw", null)
                        .read()
                        .resource(Patient.class)
                        .withId(ryan)
                        .execute())
                .isInstanceOf(ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException.class);
    }
}
