package org.ecarehub.fhir.internal;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.annotation.History;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ecarehub.access.PersonDirectory;
import org.ecarehub.access.PersonQuery;
import org.ecarehub.access.PersonView;
import org.ecarehub.access.Requester;
import org.ecarehub.identity.ApiCaller;
import org.ecarehub.shared.PersonId;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;

/**
 * Patient read and search, only through {@link PersonDirectory}: what the caller may not see does not exist for them,
 * and a read of an id they may not see answers exactly as an id that never existed, whatever its form.
 */
final class Patients implements IResourceProvider {

    private final PersonDirectory directory;
    private final FhirCallers callers;
    private final Includes includes;

    Patients(PersonDirectory directory, FhirCallers callers, Includes includes) {
        this.directory = directory;
        this.callers = callers;
        this.includes = includes;
    }

    @Override
    public Class<? extends IBaseResource> getResourceType() {
        return Patient.class;
    }

    /**
     * The person as the caller may see them now, or, for a version read, as they stood at that version of the caller's
     * view ({@link PersonDirectory#history}); a version the view never had answers as a hidden person does.
     */
    @Read(version = true)
    public Patient read(@IdParam IdType id, RequestDetails request) {
        ApiCaller caller = callers.reading(request, "Patient");
        PersonId person = personId(id.getIdPart()).orElseThrow(Outcomes::notFound);
        Requester requester = callers.requester(request, caller);
        if (!id.hasVersionIdPart()) {
            return directory
                    .read(requester, person)
                    .map(PatientResources::patient)
                    .orElseThrow(Outcomes::notFound);
        }
        String wanted = id.getVersionIdPart();
        return directory.history(requester, person).stream()
                .filter(version -> String.valueOf(version.version()).equals(wanted))
                .findFirst()
                .map(PatientResources::patient)
                .orElseThrow(Outcomes::notFound);
    }

    /** Every version of the caller's view of the person, newest first; a hidden person answers as a missing one. */
    @History
    public List<Patient> history(@IdParam IdType id, RequestDetails request) {
        ApiCaller caller = callers.reading(request, "Patient");
        PersonId person = personId(id.getIdPart()).orElseThrow(Outcomes::notFound);
        List<PersonView> versions = new ArrayList<>(directory.history(callers.requester(request, caller), person));
        if (versions.isEmpty()) {
            throw Outcomes.notFound();
        }
        Collections.reverse(versions);
        return versions.stream()
                .map(PatientResources::patient)
                .map(RecordProviders::historyEntry)
                .toList();
    }

    /**
     * The people the query finds that the caller may see, a page at a time, with the record items that refer to them
     * ({@code _revinclude}) that the caller may see.
     */
    @Search
    public IBundleProvider search(
            @OptionalParam(name = "_id") TokenParam id,
            @OptionalParam(name = Patient.SP_IDENTIFIER) TokenParam identifier,
            @OptionalParam(name = Patient.SP_FAMILY) StringParam family,
            @OptionalParam(name = Patient.SP_GIVEN) StringParam given,
            @OptionalParam(name = Patient.SP_NAME) StringParam name,
            @OptionalParam(name = Patient.SP_BIRTHDATE) DateParam birthDate,
            @OptionalParam(name = Patient.SP_ADDRESS_POSTALCODE) StringParam postcode,
            @IncludeParam(
                            reverse = true,
                            allow = {
                                "Flag:patient", "Flag:subject",
                                "CarePlan:patient", "CarePlan:subject",
                                "QuestionnaireResponse:patient", "QuestionnaireResponse:subject",
                                "ServiceRequest:patient", "ServiceRequest:subject"
                            })
                    Set<Include> revIncludes,
            RequestDetails request) {
        ApiCaller caller = callers.reading(request, "Patient");
        String identifierAgency = null;
        String identifierValue = null;
        if (identifier != null) {
            identifierValue = text(identifier.getValue());
            identifierAgency = identifierAgency(identifier.getSystem());
        }
        PersonQuery query = new PersonQuery(
                id == null ? null : text(id.getValue()),
                identifierAgency,
                identifierValue,
                text(family),
                text(given),
                text(name),
                day(birthDate),
                text(postcode));
        if (query.isEmpty()) {
            throw Outcomes.invalid(
                    Outcomes.INVALID_SEARCH,
                    "a Patient search needs at least one of _id, identifier, family, given, name, birthdate and"
                            + " address-postalcode");
        }
        List<Patient> found = directory.search(callers.requester(request, caller), query).stream()
                .map(PatientResources::patient)
                .toList();
        return Paging.page(request, found, shown -> includes.of(request, Set.of(), revIncludes, shown));
    }

    /** The agency whose local ids an identifier system names; null for CHI numbers. */
    private static String identifierAgency(String system) {
        if (PatientResources.CHI_SYSTEM.equals(system)) {
            return null;
        }
        if (system != null && system.startsWith(PatientResources.AGENCY_ID_PREFIX)) {
            String agency = system.substring(PatientResources.AGENCY_ID_PREFIX.length());
            if (org.ecarehub.access.AgencySystemRules.isAgencyId(agency)) {
                return agency;
            }
        }
        throw Outcomes.invalid(
                Outcomes.INVALID_SEARCH,
                "identifier needs a system: " + PatientResources.CHI_SYSTEM + " or " + PatientResources.AGENCY_ID_PREFIX
                        + "AGENCY, as in system|value");
    }

    private static LocalDate day(DateParam date) {
        if (date == null) {
            return null;
        }
        if ((date.getPrefix() != null && date.getPrefix() != ParamPrefixEnum.EQUAL)
                || date.getPrecision() != ca.uhn.fhir.model.api.TemporalPrecisionEnum.DAY) {
            throw Outcomes.invalid(Outcomes.INVALID_SEARCH, "birthdate is searched by one exact day, as yyyy-mm-dd");
        }
        return LocalDate.parse(date.getValueAsString());
    }

    private static String text(StringParam param) {
        return param == null ? null : text(param.getValue());
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static Optional<PersonId> personId(String text) {
        try {
            return Optional.of(PersonId.of(text));
        } catch (IllegalArgumentException | NullPointerException notAPersonId) {
            return Optional.empty();
        }
    }
}
