package org.ecarehub.fhir.internal;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.List;
import java.util.Locale;
import org.ecarehub.access.MatchedPerson;
import org.ecarehub.access.PersonDirectory;
import org.ecarehub.identity.ApiCaller;
import org.ecarehub.person.Demographics;
import org.ecarehub.person.MatchGrade;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * {@code Patient/$match} as FHIR R4 defines it: a Patient's details in, a searchset of the people the person index
 * scores against them out, each with {@code search.score} and the {@code match-grade} extension. Only through {@link
 * PersonDirectory#match}: nobody the caller may not see, and no score from a record they may not see.
 */
final class MatchProvider {

    static final String MATCH_GRADE = "http://hl7.org/fhir/StructureDefinition/match-grade";
    static final int DEFAULT_COUNT = 10;
    static final int MAX_COUNT = 100;

    private final PersonDirectory directory;
    private final FhirCallers callers;

    MatchProvider(PersonDirectory directory, FhirCallers callers) {
        this.directory = directory;
        this.callers = callers;
    }

    @Operation(name = "$match", type = Patient.class, idempotent = false)
    public Bundle match(
            @OperationParam(name = "resource", min = 1, max = 1) Patient resource,
            @OperationParam(name = "onlyCertainMatches", max = 1) BooleanType onlyCertainMatches,
            @OperationParam(name = "count", max = 1) IntegerType count,
            RequestDetails request) {
        ApiCaller caller = callers.reading(request, "Patient");
        if (resource == null) {
            throw Parsing.invalid("$match needs a Patient as the parameter resource");
        }
        int limit = DEFAULT_COUNT;
        if (count != null && count.getValue() != null) {
            if (count.getValue() < 1 || count.getValue() > MAX_COUNT) {
                throw Parsing.invalid("count is between 1 and " + MAX_COUNT);
            }
            limit = count.getValue();
        }
        boolean onlyCertain = onlyCertainMatches != null && Boolean.TRUE.equals(onlyCertainMatches.getValue());
        Demographics details = PatientDetails.demographics(resource);
        List<MatchedPerson> matched;
        try {
            // Certain matches only: two are enough to know that there is no one certain match.
            matched = onlyCertain
                    ? directory.match(callers.requester(request, caller), details, 2, MatchGrade.CERTAIN)
                    : directory.match(callers.requester(request, caller), details, limit, MatchGrade.POSSIBLE);
        } catch (IllegalArgumentException nothingToMatch) {
            throw Parsing.invalid(
                    "$match needs at least a name, a birthDate, a CHI identifier, an address or a phone number");
        }
        if (onlyCertain && matched.size() > 1) {
            // FHIR: with onlyCertainMatches, several certain matches return none, so that no client picks one.
            matched = List.of();
        }
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        bundle.setTotal(matched.size());
        String base = request.getFhirServerBase();
        for (MatchedPerson person : matched) {
            Patient patient = PatientResources.patient(person.person());
            Bundle.BundleEntryComponent entry = bundle.addEntry()
                    .setFullUrl(base + "/Patient/" + patient.getIdElement().getIdPart())
                    .setResource(patient);
            entry.getSearch()
                    .setMode(Bundle.SearchEntryMode.MATCH)
                    .setScore(Math.round(person.score() * 10_000) / 10_000.0)
                    .addExtension(
                            MATCH_GRADE, new CodeType(person.grade().name().toLowerCase(Locale.ROOT)));
        }
        return bundle;
    }

    /** Serves {@code Patient/$match} once the access module provides the directory. */
    @Component
    static final class Registration implements FhirExtension {

        private final ObjectProvider<PersonDirectory> directory;
        private final FhirCallers callers;

        Registration(ObjectProvider<PersonDirectory> directory, FhirCallers callers) {
            this.directory = directory;
            this.callers = callers;
        }

        @Override
        public List<Object> plainProviders() {
            PersonDirectory found = directory.getIfAvailable();
            return found == null ? List.of() : List.of(new MatchProvider(found, callers));
        }
    }
}
