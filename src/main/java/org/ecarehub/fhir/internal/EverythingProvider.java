package org.ecarehub.fhir.internal;

import ca.uhn.fhir.model.valueset.BundleTypeEnum;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ecarehub.access.InvolvementDirectory;
import org.ecarehub.access.Requester;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.protection.ProtectionMessages;
import org.ecarehub.record.ItemView;
import org.ecarehub.record.Records;
import org.ecarehub.record.Summary;
import org.ecarehub.request.ServiceRequests;
import org.ecarehub.shared.PersonId;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;

/**
 * {@code Patient/{id}/$everything}: the caller's entitled view of one person, each part read through its own module's
 * facade, which decides and logs it: the Patient and their record items through {@code Records.summary} (one decision,
 * one logged request), their care team, representatives and consents, service requests with their Tasks, and the
 * protection messages the caller is a party to with their routings. A person the caller may not see answers 404 as
 * one that never existed; a part whose type the caller's scopes do not cover is left out. Paged as a search is.
 */
final class EverythingProvider {

    static final String OPERATION = "$everything";

    private final Records records;
    private final InvolvementDirectory involvements;
    private final ServiceRequests requests;
    private final ProtectionMessages messages;
    private final Partnerships partnerships;
    private final FhirCallers callers;
    private final Clock clock;

    EverythingProvider(
            Records records,
            InvolvementDirectory involvements,
            ServiceRequests requests,
            ProtectionMessages messages,
            Partnerships partnerships,
            FhirCallers callers,
            Clock clock) {
        this.records = records;
        this.involvements = involvements;
        this.requests = requests;
        this.messages = messages;
        this.partnerships = partnerships;
        this.callers = callers;
        this.clock = clock;
    }

    @Operation(name = OPERATION, type = Patient.class, idempotent = true, bundleType = BundleTypeEnum.SEARCHSET)
    public IBundleProvider everything(@IdParam IdType id, RequestDetails request) {
        Requester requester = callers.requester(request, callers.reading(request, "Patient"));
        PersonId person = Patients.personId(id.getIdPart()).orElseThrow(Outcomes::notFound);
        Summary summary = records.summary(requester, person);
        List<IBaseResource> found = new ArrayList<>();
        found.add(PatientResources.patient(summary.person().orElseThrow(Outcomes::notFound)));
        Partnership partnership = partnerships.current().partnership();
        for (ItemView view : summary.record().items()) {
            record(request, view).ifPresent(found::add);
        }
        LocalDate today = LocalDate.now(clock.withZone(InvolvementProviders.PARTNERSHIP_ZONE));
        if (involvements != null) {
            reader(request, "CareTeam")
                    .ifPresent(reader -> involvements.relationships(reader, person).stream()
                            .map(relationship -> InvolvementResources.careTeam(partnership, relationship, today))
                            .forEach(found::add));
            reader(request, "RelatedPerson")
                    .ifPresent(reader -> involvements.authorities(reader, person).stream()
                            .map(authority -> InvolvementResources.relatedPerson(authority, today))
                            .forEach(found::add));
            reader(request, "Consent")
                    .ifPresent(reader -> involvements.consents(reader, person).stream()
                            .map(consent -> InvolvementResources.consent(consent, today))
                            .forEach(found::add));
        }
        if (requests != null) {
            reader(request, "ServiceRequest")
                    .ifPresent(reader -> requests.forPerson(reader, person).forEach(view -> {
                        found.add(RequestResources.serviceRequest(partnership, view));
                        if (reader(request, "Task").isPresent()) {
                            found.add(RequestResources.task(partnership, view));
                        }
                    }));
        }
        if (messages != null) {
            reader(request, "Communication")
                    .ifPresent(reader -> messages.concerning(reader, person).forEach(view -> {
                        found.add(ProtectionResources.communication(partnership, view));
                        if (reader(request, "Task").isPresent()) {
                            view.routings()
                                    .forEach(
                                            routing -> found.add(ProtectionResources.task(partnership, view, routing)));
                        }
                    }));
        }
        return Paging.page(request, found);
    }

    /** A record item as its FHIR resource, when it has one and the caller's scopes cover its type. */
    private Optional<IBaseResource> record(RequestDetails request, ItemView view) {
        return switch (view.item().kind()) {
            case ALERT -> reader(request, "Flag").<IBaseResource>map(reader -> RecordResources.flag(view));
            case CARE_PLAN -> reader(request, "CarePlan").<IBaseResource>map(reader -> RecordResources.carePlan(view));
            case ASSESSMENT ->
                reader(request, "QuestionnaireResponse")
                        .<IBaseResource>map(reader -> AssessmentResources.response(view));
            default -> Optional.empty();
        };
    }

    private Optional<Requester> reader(RequestDetails request, String type) {
        return Includes.reader(callers, request, type);
    }
}
