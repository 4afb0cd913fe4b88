package org.ecarehub.fhir.internal;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ecarehub.access.AccessHistory;
import org.ecarehub.identity.ApiCaller;
import org.ecarehub.shared.PersonId;
import org.ecarehub.transparency.LoggedEvent;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * AuditEvent, read-only, from the transparency log: a person's events for an auditor working a governance task about
 * them, only through {@link AccessHistory}, which decides and logs each reading. Searched by {@code patient}
 * (required: every reading is decided for one person), filtered by {@code date}, {@code agent} and {@code entity},
 * over every event about them, paged. A
 * person the caller may not audit, or an event of someone else, answers exactly as one that does not exist. Decision
 * 0043 says what is shown to whom.
 */
final class AuditEventProvider implements IResourceProvider {

    private final AccessHistory history;
    private final FhirCallers callers;

    AuditEventProvider(AccessHistory history, FhirCallers callers) {
        this.history = history;
        this.callers = callers;
    }

    @Override
    public Class<? extends IBaseResource> getResourceType() {
        return AuditEvent.class;
    }

    @Read
    public AuditEvent read(@IdParam IdType id, RequestDetails request) {
        ApiCaller caller = callers.reading(request, "AuditEvent");
        Optional<Map.Entry<PersonId, Long>> named = AuditEventResources.parseId(id.getIdPart());
        if (named.isEmpty()) {
            throw Outcomes.notFound();
        }
        PersonId person = named.get().getKey();
        return history.event(
                        callers.requester(request, caller), person, named.get().getValue())
                .map(event -> AuditEventResources.auditEvent(person, event))
                .orElseThrow(Outcomes::notFound);
    }

    /**
     * Every event about the person, filtered, then paged by {@link Paging} ({@code _count}, {@code _offset}): each page
     * is the search run again, so each is decided and logged for whoever asks for it.
     */
    @Search
    public IBundleProvider search(
            @RequiredParam(name = AuditEvent.SP_PATIENT) ReferenceParam patient,
            @OptionalParam(name = AuditEvent.SP_DATE) DateRangeParam date,
            @OptionalParam(name = AuditEvent.SP_AGENT) ReferenceParam agent,
            @OptionalParam(name = AuditEvent.SP_ENTITY) ReferenceParam entity,
            RequestDetails request) {
        ApiCaller caller = callers.reading(request, "AuditEvent");
        if (patient.getChain() != null || (agent != null && agent.getChain() != null)) {
            throw Outcomes.invalid(Outcomes.INVALID_SEARCH, "AuditEvent takes no chained parameters");
        }
        Optional<PersonId> person = personId(patient);
        if (person.isEmpty()) {
            // As a person who does not exist: the history module is still asked, so that the reading is logged.
            person = Optional.of(PersonId.random());
        }
        PersonId asked = person.get();
        String agentId = agent == null ? null : agent.getIdPart();
        String entityId = entity == null ? null : entity.getIdPart();
        // Oldest first: reading a page is itself logged about the person, and a newest-first order would shift every
        // later page by that event.
        List<LoggedEvent> events = new ArrayList<>(
                history.all(callers.requester(request, caller), asked).orElse(List.of()));
        Collections.reverse(events);
        List<AuditEvent> found = events.stream()
                .filter(event -> date == null || within(date, event.time()))
                .filter(event -> agentId == null || agentId.equals(event.account()))
                .filter(event -> entityId == null || event.items().contains(entityId))
                .map(event -> AuditEventResources.auditEvent(asked, event))
                .toList();
        return Paging.page(request, found);
    }

    private static boolean within(DateRangeParam range, Instant time) {
        java.util.Date at = java.util.Date.from(time);
        java.util.Date from = range.getLowerBoundAsInstant();
        java.util.Date to = range.getUpperBoundAsInstant();
        return (from == null || !at.before(from)) && (to == null || !at.after(to));
    }

    private static Optional<PersonId> personId(ReferenceParam patient) {
        String type = patient.getResourceType();
        if (type != null && !type.equals("Patient")) {
            throw Outcomes.invalid(Outcomes.INVALID_SEARCH, "patient names a Patient, as Patient/ID");
        }
        try {
            return Optional.of(PersonId.of(patient.getIdPart()));
        } catch (IllegalArgumentException | NullPointerException notAPersonId) {
            return Optional.empty();
        }
    }

    /** Serves AuditEvent once the access module provides the decided history. */
    @Component
    static final class Registration implements FhirExtension {

        private final ObjectProvider<AccessHistory> history;
        private final FhirCallers callers;

        Registration(ObjectProvider<AccessHistory> history, FhirCallers callers) {
            this.history = history;
            this.callers = callers;
        }

        @Override
        public List<ca.uhn.fhir.rest.server.IResourceProvider> resourceProviders() {
            AccessHistory found = history.getIfAvailable();
            return found == null ? List.of() : List.of(new AuditEventProvider(found, callers));
        }
    }
}
