package org.ecarehub.fhir.internal;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ecarehub.access.InvolvementDirectory;
import org.ecarehub.access.RelationshipId;
import org.ecarehub.consent.AuthorityId;
import org.ecarehub.consent.ConsentId;
import org.ecarehub.identity.ApiCaller;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.shared.PersonId;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.RelatedPerson;

/**
 * CareTeam, RelatedPerson and Consent, read and searched by patient, only through {@link InvolvementDirectory}: a
 * resource the caller may not see answers exactly as one that never existed, and a search shows only what the decision
 * allowed.
 */
final class InvolvementProviders {

    /** The partnership's day, for whether a relationship, authority or consent is in force. */
    static final ZoneId PARTNERSHIP_ZONE = ZoneId.of("Europe/London");

    private InvolvementProviders() {}

    /** The patient a search names, as {@code Patient/ID} or {@code ID}; a malformed id finds nobody. */
    static Optional<PersonId> patient(ReferenceParam patient) {
        if (patient.getResourceType() != null && !"Patient".equals(patient.getResourceType())) {
            throw Outcomes.invalid(Outcomes.INVALID_SEARCH, "patient names a Patient, as Patient/ID");
        }
        try {
            return Optional.of(PersonId.of(patient.getIdPart()));
        } catch (IllegalArgumentException | NullPointerException notAPersonId) {
            return Optional.empty();
        }
    }

    static final class CareTeams implements IResourceProvider {

        private final InvolvementDirectory directory;
        private final Partnerships partnerships;
        private final FhirCallers callers;
        private final Clock clock;
        private final Includes includes;

        CareTeams(
                InvolvementDirectory directory,
                Partnerships partnerships,
                FhirCallers callers,
                Clock clock,
                Includes includes) {
            this.directory = directory;
            this.partnerships = partnerships;
            this.callers = callers;
            this.clock = clock;
            this.includes = includes;
        }

        @Override
        public Class<? extends IBaseResource> getResourceType() {
            return CareTeam.class;
        }

        @Read
        public CareTeam read(@IdParam IdType id, RequestDetails request) {
            ApiCaller caller = callers.reading(request, "CareTeam");
            InvolvementResources.Named named =
                    InvolvementResources.named(id.getIdPart()).orElseThrow(Outcomes::notFound);
            return directory
                    .relationship(
                            callers.requester(request, caller), named.person(), new RelationshipId(named.number()))
                    .map(relationship -> InvolvementResources.careTeam(
                            partnerships.current().partnership(),
                            relationship,
                            LocalDate.now(clock.withZone(PARTNERSHIP_ZONE))))
                    .orElseThrow(Outcomes::notFound);
        }

        @Search
        public IBundleProvider search(
                @RequiredParam(name = CareTeam.SP_PATIENT) ReferenceParam patient,
                @IncludeParam(allow = {"CareTeam:patient"}) Set<Include> included,
                RequestDetails request) {
            ApiCaller caller = callers.reading(request, "CareTeam");
            Optional<PersonId> person = patient(patient);
            LocalDate today = LocalDate.now(clock.withZone(PARTNERSHIP_ZONE));
            // A malformed id is asked about as a person nobody knows, so that it is logged and answered alike.
            List<CareTeam> found =
                    directory
                            .relationships(callers.requester(request, caller), person.orElse(PersonId.of("unknown")))
                            .stream()
                            .map(relationship -> InvolvementResources.careTeam(
                                    partnerships.current().partnership(), relationship, today))
                            .toList();
            return Paging.page(request, found, shown -> includes.of(request, included, Set.of(), shown));
        }
    }

    static final class RelatedPersons implements IResourceProvider {

        private final InvolvementDirectory directory;
        private final FhirCallers callers;
        private final Clock clock;
        private final Includes includes;

        RelatedPersons(InvolvementDirectory directory, FhirCallers callers, Clock clock, Includes includes) {
            this.directory = directory;
            this.callers = callers;
            this.clock = clock;
            this.includes = includes;
        }

        @Override
        public Class<? extends IBaseResource> getResourceType() {
            return RelatedPerson.class;
        }

        @Read
        public RelatedPerson read(@IdParam IdType id, RequestDetails request) {
            ApiCaller caller = callers.reading(request, "RelatedPerson");
            InvolvementResources.Named named =
                    InvolvementResources.named(id.getIdPart()).orElseThrow(Outcomes::notFound);
            return directory
                    .authority(callers.requester(request, caller), named.person(), new AuthorityId(named.number()))
                    .map(authority -> InvolvementResources.relatedPerson(
                            authority, LocalDate.now(clock.withZone(PARTNERSHIP_ZONE))))
                    .orElseThrow(Outcomes::notFound);
        }

        @Search
        public IBundleProvider search(
                @RequiredParam(name = RelatedPerson.SP_PATIENT) ReferenceParam patient,
                @IncludeParam(allow = {"RelatedPerson:patient"}) Set<Include> included,
                RequestDetails request) {
            ApiCaller caller = callers.reading(request, "RelatedPerson");
            Optional<PersonId> person = patient(patient);
            LocalDate today = LocalDate.now(clock.withZone(PARTNERSHIP_ZONE));
            List<RelatedPerson> found =
                    directory
                            .authorities(callers.requester(request, caller), person.orElse(PersonId.of("unknown")))
                            .stream()
                            .map(authority -> InvolvementResources.relatedPerson(authority, today))
                            .toList();
            return Paging.page(request, found, shown -> includes.of(request, included, Set.of(), shown));
        }
    }

    static final class Consents implements IResourceProvider {

        private final InvolvementDirectory directory;
        private final FhirCallers callers;
        private final Clock clock;
        private final Includes includes;

        Consents(InvolvementDirectory directory, FhirCallers callers, Clock clock, Includes includes) {
            this.directory = directory;
            this.callers = callers;
            this.clock = clock;
            this.includes = includes;
        }

        @Override
        public Class<? extends IBaseResource> getResourceType() {
            return Consent.class;
        }

        @Read
        public Consent read(@IdParam IdType id, RequestDetails request) {
            ApiCaller caller = callers.reading(request, "Consent");
            InvolvementResources.Named named =
                    InvolvementResources.named(id.getIdPart()).orElseThrow(Outcomes::notFound);
            return directory
                    .consent(callers.requester(request, caller), named.person(), new ConsentId(named.number()))
                    .map(consent ->
                            InvolvementResources.consent(consent, LocalDate.now(clock.withZone(PARTNERSHIP_ZONE))))
                    .orElseThrow(Outcomes::notFound);
        }

        @Search
        public IBundleProvider search(
                @RequiredParam(name = Consent.SP_PATIENT) ReferenceParam patient,
                @IncludeParam(allow = {"Consent:patient"}) Set<Include> included,
                RequestDetails request) {
            ApiCaller caller = callers.reading(request, "Consent");
            Optional<PersonId> person = patient(patient);
            LocalDate today = LocalDate.now(clock.withZone(PARTNERSHIP_ZONE));
            List<Consent> found =
                    directory
                            .consents(callers.requester(request, caller), person.orElse(PersonId.of("unknown")))
                            .stream()
                            .map(consent -> InvolvementResources.consent(consent, today))
                            .toList();
            return Paging.page(request, found, shown -> includes.of(request, included, Set.of(), shown));
        }
    }
}
