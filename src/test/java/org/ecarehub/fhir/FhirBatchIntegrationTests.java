package org.ecarehub.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.UUID;
import org.ecarehub.shared.PersonId;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batch bundles over FHIR: each entry is answered as if it had been sent alone, with its own decision, log entry and
 * status; an entry for a person the caller may not see answers exactly as one for a person who never existed; a
 * transaction is refused. Every answer, the batch-response and each entry's resource or outcome, is validated.
 */
@Tag("database")
class FhirBatchIntegrationTests {

    @TempDir
    static Path dataDir;

    static DemoFhirHub hub;
    static PersonId morven;

    @BeforeAll
    static void startHub() throws Exception {
        hub = DemoFhirHub.start(dataDir);
        morven = hub.person(
                "slc-social-work",
                "SW-MQ-1",
                DemoFhirHub.details("Morven", "Quarrier", LocalDate.of(1950, 5, 17), "ML3 7QQ", null, null));
        hub.keyWorker(morven, "sw.hamilton");
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    static Bundle batch(String... getUrls) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.BATCH);
        for (String url : getUrls) {
            bundle.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl(url);
        }
        return bundle;
    }

    static Bundle send(String username, Bundle bundle) {
        return hub.staff(username, null).transaction().withBundle(bundle).execute();
    }

    static String status(Bundle.BundleEntryComponent entry) {
        return entry.getResponse().getStatus();
    }

    @Test
    void answersEachEntryAsIfItHadBeenSentAloneWithItsOwnDecisionAndLogEntry() {
        long before = hub.lastEvent();

        Bundle answer = send(
                "sw.hamilton",
                batch("Patient/" + morven.value(), "Patient?family=Quarrier", "Patient/" + UUID.randomUUID()));

        assertThat(answer.getType()).isEqualTo(Bundle.BundleType.BATCHRESPONSE);
        assertThat(answer.getEntry()).hasSize(3);
        assertThat(status(answer.getEntry().get(0))).startsWith("200");
        assertThat(answer.getEntry().get(0).getResource().getIdElement().getIdPart())
                .isEqualTo(morven.value());
        assertThat(status(answer.getEntry().get(1))).startsWith("200");
        Bundle found = (Bundle) answer.getEntry().get(1).getResource();
        assertThat(found.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
        assertThat(found.getEntry())
                .extracting(entry -> entry.getResource().getIdElement().getIdPart())
                .containsExactly(morven.value());
        assertThat(status(answer.getEntry().get(2))).startsWith("404");
        assertThat(DemoFhirHub.code((OperationOutcome)
                        answer.getEntry().get(2).getResponse().getOutcome()))
                .isEqualTo("not-found");
        assertThat(hub.accessEventsSince(before))
                .as("the read and the search each decided and logged about her, as alone")
                .filteredOn(logged -> morven.value().equals(logged.person()))
                .hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(logged -> assertThat(logged.account()).isEqualTo("sw.hamilton"));
    }

    @Test
    void answersAnEntryForAPersonTheCallerMayNotSeeExactlyAsOneThatNeverExisted() {
        long before = hub.lastEvent();

        Bundle answer = send(
                "dn.hamilton",
                batch(
                        "Patient/" + morven.value(),
                        "Patient/" + UUID.randomUUID(),
                        "Patient?family=Quarrier",
                        "Patient?family=Zzyzxwell"));

        Bundle.BundleEntryComponent hidden = answer.getEntry().get(0);
        Bundle.BundleEntryComponent missing = answer.getEntry().get(1);
        assertThat(status(hidden)).isEqualTo(status(missing)).startsWith("404");
        assertThat(encode(hidden.getResponse().getOutcome()))
                .isEqualTo(encode(missing.getResponse().getOutcome()));
        assertThat(hidden.hasResource()).isFalse();
        Bundle hiddenSearch = (Bundle) answer.getEntry().get(2).getResource();
        Bundle missingSearch = (Bundle) answer.getEntry().get(3).getResource();
        assertThat(hiddenSearch.getTotal()).isZero();
        assertThat(missingSearch.getTotal()).isZero();
        assertThat(hub.accessEventsSince(before))
                .as("the refused read logged about her as a deny, as alone")
                .anySatisfy(logged -> {
                    assertThat(logged.person()).isEqualTo(morven.value());
                    assertThat(logged.decision()).isEqualTo("deny");
                });
    }

    @Test
    void answersABadEntryInItsOwnPlaceAndTheOthersAsUsual() {
        Bundle bundle = batch("Patient/" + morven.value());
        bundle.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET);
        bundle.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl("http://elsewhere.example/Patient/1");
        bundle.addEntry().getRequest().setMethod(Bundle.HTTPVerb.DELETE).setUrl("Patient/" + morven.value());

        Bundle answer = send("sw.hamilton", bundle);

        assertThat(answer.getEntry()).hasSize(4);
        assertThat(status(answer.getEntry().get(0))).startsWith("200");
        assertThat(status(answer.getEntry().get(1))).startsWith("400");
        assertThat(status(answer.getEntry().get(2))).startsWith("400");
        assertThat(status(answer.getEntry().get(3)))
                .as("a delete is not served, in a batch as alone")
                .matches("40[05].*");
        assertThat(hub.staff("sw.hamilton", null)
                        .read()
                        .resource(Patient.class)
                        .withId(morven.value())
                        .execute()
                        .getIdElement()
                        .getIdPart())
                .isEqualTo(morven.value());
    }

    @Test
    void createsThroughAnEntryAsThroughTheTypeAndRefusesItAsAlone() {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(DemoFhirHub.SOCIAL_WORK_SYSTEM).setValue("SW-BATCH-1");
        patient.addName(new HumanName().setFamily("Balfour").addGiven("Catriona"));
        patient.getBirthDateElement().setValueAsString("1977-07-07");
        Bundle bundle = new Bundle().setType(Bundle.BundleType.BATCH);
        bundle.addEntry()
                .setResource(patient)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Patient")
                .setIfNoneExist("identifier=" + DemoFhirHub.SOCIAL_WORK_SYSTEM + "|SW-BATCH-1");

        Bundle bySystem =
                hub.client(systemToken(), null).transaction().withBundle(bundle).execute();
        Bundle again =
                hub.client(systemToken(), null).transaction().withBundle(bundle).execute();
        Bundle byStaff = send("sw.hamilton", bundle);

        assertThat(status(bySystem.getEntryFirstRep())).startsWith("201");
        assertThat(bySystem.getEntryFirstRep().getResponse().getLocation()).contains("Patient/");
        assertThat(status(again.getEntryFirstRep())).startsWith("200");
        assertThat(status(byStaff.getEntryFirstRep())).startsWith("403");
        assertThat(DemoFhirHub.code((OperationOutcome)
                        byStaff.getEntryFirstRep().getResponse().getOutcome()))
                .isEqualTo("access-refused");
    }

    @Test
    void refusesATransactionAndABatchOfTooManyEntries() {
        Bundle transaction = batch("Patient/" + morven.value()).setType(Bundle.BundleType.TRANSACTION);
        assertThatThrownBy(() -> send("sw.hamilton", transaction)).isInstanceOf(UnprocessableEntityException.class);
        String[] many = new String[51];
        java.util.Arrays.fill(many, "Patient/" + morven.value());

        HttpResponse<String> tooMany = hub.send(
                "POST",
                "/fhir",
                DemoFhirHub.fhir.newJsonParser().encodeResourceToString(batch(many)),
                hub.hub.staffToken("sw.hamilton"));
        HttpResponse<String> refused = hub.send(
                "POST",
                "/fhir",
                DemoFhirHub.fhir.newJsonParser().encodeResourceToString(transaction),
                hub.hub.staffToken("sw.hamilton"));

        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(DemoFhirHub.code(tooMany.body())).isEqualTo("too-many-entries");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(DemoFhirHub.code(refused.body())).isEqualTo("batch-only");
    }

    @Test
    void claimsBatchNotTransactionAndTheOtherInteractionsServedHere() {
        CapabilityStatement statement = hub.staff("sw.hamilton", null)
                .capabilities()
                .ofType(CapabilityStatement.class)
                .execute();

        CapabilityStatement.CapabilityStatementRestComponent rest = statement.getRestFirstRep();
        assertThat(rest.getInteraction())
                .extracting(CapabilityStatement.SystemInteractionComponent::getCode)
                .contains(CapabilityStatement.SystemRestfulInteraction.BATCH)
                .doesNotContain(CapabilityStatement.SystemRestfulInteraction.TRANSACTION);
        CapabilityStatement.CapabilityStatementRestResourceComponent patient = rest.getResource().stream()
                .filter(resource -> resource.getType().equals("Patient"))
                .findFirst()
                .orElseThrow();
        assertThat(patient.getInteraction())
                .extracting(CapabilityStatement.ResourceInteractionComponent::getCode)
                .contains(CapabilityStatement.TypeRestfulInteraction.CREATE);
        assertThat(patient.getOperation())
                .extracting(CapabilityStatement.CapabilityStatementRestResourceOperationComponent::getName)
                .anySatisfy(name -> assertThat(name).isIn("match", "$match"));
        assertThat(rest.getResource())
                .filteredOn(resource -> resource.getType().equals("AuditEvent"))
                .singleElement()
                .satisfies(auditEvent -> assertThat(auditEvent.getInteraction())
                        .extracting(CapabilityStatement.ResourceInteractionComponent::getCode)
                        .containsExactlyInAnyOrder(
                                CapabilityStatement.TypeRestfulInteraction.READ,
                                CapabilityStatement.TypeRestfulInteraction.SEARCHTYPE));
    }

    static String encode(org.hl7.fhir.r4.model.Resource resource) {
        return DemoFhirHub.fhir.newJsonParser().encodeResourceToString(resource);
    }

    static String systemToken() {
        return hub.systemToken(DemoFhirHub.SOCIAL_WORK_CLIENT, null, "system/*.rs system/Patient.cu");
    }
}
