package org.ecarehub.fhir.internal;

import ca.uhn.fhir.rest.annotation.ConditionalUrlParam;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ecarehub.access.PersonDirectory;
import org.ecarehub.identity.ApiCaller;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.person.Actor;
import org.ecarehub.person.AgencyRecord;
import org.ecarehub.person.AgencyRecordId;
import org.ecarehub.person.PersonFileImports;
import org.ecarehub.person.RecordImport;
import org.ecarehub.person.RecordWriteRefused;
import org.ecarehub.shared.AgencyId;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Patient create: an agency's system puts its own record of a person into the person index, through {@link
 * PersonFileImports#importRecord}, decided as the access module decides an agency system's writes (its own agency's
 * records only) and logged. The Patient names the record by exactly one identifier of the system {@code
 * urn:ecare:agency:AGENCY}. Conditional create ({@code If-None-Exist}) takes only that identifier: a record already
 * held answers 200 with the Patient, a new one 201. Any other condition is 400: an answer of 200 or 201 to another
 * agency's identifier or a CHI number would tell whether someone is known.
 */
final class PatientWrites {

    private final PersonFileImports imports;
    private final PersonDirectory directory;
    private final Partnerships partnerships;
    private final FhirCallers callers;

    PatientWrites(
            PersonFileImports imports, PersonDirectory directory, Partnerships partnerships, FhirCallers callers) {
        this.imports = imports;
        this.directory = directory;
        this.partnerships = partnerships;
        this.callers = callers;
    }

    @Create(type = Patient.class)
    public MethodOutcome create(
            @ResourceParam Patient patient, @ConditionalUrlParam String condition, RequestDetails request) {
        ApiCaller caller = callers.writing(request, "Patient");
        AgencyRecordId record = agencyRecord(patient);
        if (condition != null) {
            checkCondition(condition, record);
        }
        AgencyRecord sent = new AgencyRecord(record, PatientDetails.demographics(patient));
        RecordImport done;
        try {
            done = imports.importRecord(sent, actor(caller));
        } catch (RecordWriteRefused refused) {
            // Its message names the agencies by id and says only that the caller may not write the record.
            throw Outcomes.forbidden(Outcomes.ACCESS_REFUSED, refused.getMessage());
        }
        if (!done.created() && condition == null) {
            throw Outcomes.refusedByRule("the agency already holds a record with this identifier: send it as"
                    + " If-None-Exist to be given its Patient");
        }
        MethodOutcome outcome =
                new MethodOutcome(new IdType("Patient", done.person().value()));
        outcome.setCreated(done.created());
        // The Patient as the caller may see it; a system acting for a member of staff may see less than it wrote.
        directory
                .read(callers.requester(request, caller), done.person())
                .map(PatientResources::patient)
                .ifPresent(outcome::setResource);
        return outcome;
    }

    /** The one agency record the Patient is: exactly one identifier of an agency's system, with a local id. */
    private static AgencyRecordId agencyRecord(Patient patient) {
        List<Identifier> agencies = patient.getIdentifier().stream()
                .filter(identifier -> identifier.getSystem() != null
                        && identifier.getSystem().startsWith(PatientResources.AGENCY_ID_PREFIX))
                .toList();
        if (agencies.size() != 1) {
            throw Parsing.invalid("a Patient created names its agency's record by exactly one identifier "
                    + PatientResources.AGENCY_ID_PREFIX + "AGENCY|LOCAL-ID");
        }
        Identifier identifier = agencies.get(0);
        AgencyId agency = Parsing.agency(identifier.getSystem().substring(PatientResources.AGENCY_ID_PREFIX.length()));
        try {
            return new AgencyRecordId(
                    agency,
                    identifier.getValue() == null ? null : identifier.getValue().strip());
        } catch (IllegalArgumentException | NullPointerException notALocalId) {
            throw Parsing.invalid("the agency's identifier needs a local id");
        }
    }

    /** {@code identifier=urn:ecare:agency:AGENCY|LOCAL-ID}, naming the record the Patient names, and nothing else. */
    private static void checkCondition(String condition, AgencyRecordId record) {
        String query = condition.contains("?") ? condition.substring(condition.indexOf('?') + 1) : condition;
        String expected = PatientResources.AGENCY_ID_PREFIX + record.agency().value() + "|" + record.localId();
        String[] pair = query.split("=", 2);
        if (query.contains("&")
                || pair.length != 2
                || !pair[0].equals(Patient.SP_IDENTIFIER)
                || !URLDecoder.decode(pair[1], StandardCharsets.UTF_8).equals(expected)) {
            throw Outcomes.invalid(
                    Outcomes.INVALID_SEARCH,
                    "If-None-Exist takes only identifier=" + PatientResources.AGENCY_ID_PREFIX
                            + "AGENCY|LOCAL-ID, the identifier of the record the Patient names");
        }
    }

    private Actor actor(ApiCaller caller) {
        int version = partnerships.current().version();
        if (caller instanceof ApiCaller.AgencySystem system) {
            return Actor.agencySystem(system.system().agency().id(), version);
        }
        ApiCaller.Staff staff = (ApiCaller.Staff) caller;
        return Actor.staff(
                staff.caller().account().username(),
                staff.caller().account().agency(),
                staff.caller().account().roles().stream()
                        .map(role -> role.value())
                        .toList(),
                version);
    }

    /** Serves Patient create once the person index's imports and the access module's directory are there. */
    @Component
    static final class Registration implements FhirExtension {

        private final ObjectProvider<PersonFileImports> imports;
        private final ObjectProvider<PersonDirectory> directory;
        private final Partnerships partnerships;
        private final FhirCallers callers;

        Registration(
                ObjectProvider<PersonFileImports> imports,
                ObjectProvider<PersonDirectory> directory,
                Partnerships partnerships,
                FhirCallers callers) {
            this.imports = imports;
            this.directory = directory;
            this.partnerships = partnerships;
            this.callers = callers;
        }

        @Override
        public List<Object> plainProviders() {
            PersonFileImports foundImports = imports.getIfAvailable();
            PersonDirectory foundDirectory = directory.getIfAvailable();
            return foundImports == null || foundDirectory == null
                    ? List.of()
                    : List.of(new PatientWrites(foundImports, foundDirectory, partnerships, callers));
        }
    }
}
