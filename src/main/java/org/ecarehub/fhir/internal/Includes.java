package org.ecarehub.fhir.internal;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ecarehub.access.PersonDirectory;
import org.ecarehub.access.Requester;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.protection.ProtectionMessages;
import org.ecarehub.record.Assessments;
import org.ecarehub.record.RecordKind;
import org.ecarehub.record.Records;
import org.ecarehub.request.ServiceRequests;
import org.ecarehub.shared.PersonId;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * {@code _include} and {@code _revinclude} (and their {@code :iterate}) for the common pairs: every resource added is
 * read through its own module's facade for the caller, so it is decided and logged as a read of it would be, and one
 * the caller may not see, or whose type their scopes do not cover, is simply absent. No reference is resolved by
 * setting it on the resource: HAPI's Bundle builder would add such a resource to the Bundle without a decision.
 */
@Component
class Includes {

    /** How many times {@code :iterate} follows what the previous round added. */
    private static final int ITERATIONS = 2;

    private final ObjectProvider<PersonDirectory> directory;
    private final ObjectProvider<Records> records;
    private final ObjectProvider<Assessments> assessments;
    private final ObjectProvider<ServiceRequests> requests;
    private final ObjectProvider<ProtectionMessages> messages;
    private final Partnerships partnerships;
    private final FhirCallers callers;

    Includes(
            ObjectProvider<PersonDirectory> directory,
            ObjectProvider<Records> records,
            ObjectProvider<Assessments> assessments,
            ObjectProvider<ServiceRequests> requests,
            ObjectProvider<ProtectionMessages> messages,
            Partnerships partnerships,
            FhirCallers callers) {
        this.directory = directory;
        this.records = records;
        this.assessments = assessments;
        this.requests = requests;
        this.messages = messages;
        this.partnerships = partnerships;
        this.callers = callers;
    }

    /**
     * The resources the includes add for a page of matches: first the plain includes and revincludes of the matches,
     * then the {@code :iterate} ones of everything so far, a bounded number of rounds.
     */
    List<IBaseResource> of(
            RequestDetails request, Set<Include> includes, Set<Include> revIncludes, List<IBaseResource> matches) {
        Set<Include> forward = includes == null ? Set.of() : includes;
        Set<Include> reverse = revIncludes == null ? Set.of() : revIncludes;
        if (forward.isEmpty() && reverse.isEmpty()) {
            return List.of();
        }
        Lookup lookup = new Lookup(request);
        Map<String, IBaseResource> added = new LinkedHashMap<>();
        matches.forEach(match -> added.put(Paging.key(match), match));
        List<IBaseResource> frontier = new ArrayList<>(matches);
        frontier.addAll(fresh(added, follow(lookup, forward, reverse, matches, false)));
        for (int iteration = 0; iteration < ITERATIONS && !frontier.isEmpty(); iteration++) {
            frontier = fresh(added, follow(lookup, forward, reverse, frontier, true));
        }
        matches.forEach(match -> added.remove(Paging.key(match)));
        return List.copyOf(added.values());
    }

    /** What a round found that no earlier round had, now noted as added. */
    private static List<IBaseResource> fresh(Map<String, IBaseResource> added, List<IBaseResource> found) {
        List<IBaseResource> fresh = new ArrayList<>();
        for (IBaseResource resource : found) {
            if (added.putIfAbsent(Paging.key(resource), resource) == null) {
                fresh.add(resource);
            }
        }
        return fresh;
    }

    private List<IBaseResource> follow(
            Lookup lookup, Set<Include> forward, Set<Include> reverse, List<IBaseResource> sources, boolean iterating) {
        List<IBaseResource> found = new ArrayList<>();
        for (IBaseResource source : sources) {
            for (Include include : forward) {
                if (include.isRecurse() == iterating && include.getParamType().equals(source.fhirType())) {
                    found.addAll(lookup.referenced(source, include));
                }
            }
            for (Include include : reverse) {
                if (include.isRecurse() == iterating) {
                    found.addAll(lookup.referring(source, include));
                }
            }
        }
        return found;
    }

    /** The person a resource is about, as the reference its {@code patient} and {@code subject} parameters follow. */
    static Optional<Reference> personReference(IBaseResource resource) {
        Reference reference = null;
        if (resource instanceof Flag flag) {
            reference = flag.getSubject();
        } else if (resource instanceof CarePlan plan) {
            reference = plan.getSubject();
        } else if (resource instanceof QuestionnaireResponse response) {
            reference = response.getSubject();
        } else if (resource instanceof ServiceRequest serviceRequest) {
            reference = serviceRequest.getSubject();
        } else if (resource instanceof Task task) {
            reference = task.getFor();
        } else if (resource instanceof Communication communication) {
            reference = communication.getSubject();
        } else if (resource instanceof CareTeam team) {
            reference = team.getSubject();
        } else if (resource instanceof RelatedPerson related) {
            reference = related.getPatient();
        } else if (resource instanceof Consent consent) {
            reference = consent.getPatient();
        }
        return reference == null || !reference.hasReference() ? Optional.empty() : Optional.of(reference);
    }

    /** One request's reads: each target read once, through its facade, under the caller's scopes for its type. */
    private final class Lookup {

        private final RequestDetails request;
        private final Map<String, Optional<IBaseResource>> read = new HashMap<>();
        private final Map<String, Optional<Requester>> readers = new HashMap<>();

        Lookup(RequestDetails request) {
            this.request = request;
        }

        /** The caller as a reader of the type by reference ({@code r}), or empty when their scopes do not grant it. */
        private Optional<Requester> reader(String type) {
            return readers.computeIfAbsent(
                    type, key -> Includes.reader(callers, request, key, FhirCallers.Interaction.READ));
        }

        /** The caller as a finder of the type's resources ({@code s}), or empty when their scopes do not grant it. */
        private Optional<Requester> finder(String type) {
            return readers.computeIfAbsent(
                    type + "?", key -> Includes.reader(callers, request, type, FhirCallers.Interaction.SEARCH));
        }

        private Partnership partnership() {
            return partnerships.current().partnership();
        }

        List<IBaseResource> referenced(IBaseResource source, Include include) {
            Optional<Reference> reference = switch (include.getParamName()) {
                case "patient", "subject" -> personReference(source);
                case "focus" ->
                    source instanceof Task task && task.hasFocus() ? Optional.of(task.getFocus()) : Optional.empty();
                default -> Optional.empty();
            };
            if (reference.isEmpty()) {
                return List.of();
            }
            IdType target = new IdType(reference.get().getReference());
            String wanted = include.getParamTargetType();
            if (wanted != null && !wanted.equals(target.getResourceType())) {
                return List.of();
            }
            return read(target).stream().toList();
        }

        private Optional<IBaseResource> read(IdType target) {
            String type = target.getResourceType();
            if (type == null) {
                return Optional.empty();
            }
            return read.computeIfAbsent(
                    type + "/" + target.getIdPart(),
                    key -> reader(type).<IBaseResource>flatMap(reader -> switch (type) {
                        case "Patient" -> patient(reader, target);
                        case "ServiceRequest" ->
                            Optional.ofNullable(requests.getIfAvailable())
                                    .flatMap(found -> RequestResources.requestId(target)
                                            .flatMap(id -> found.find(reader, id))
                                            .<IBaseResource>map(
                                                    view -> RequestResources.serviceRequest(partnership(), view)));
                        case "Communication" ->
                            Optional.ofNullable(messages.getIfAvailable())
                                    .flatMap(found -> ProtectionResources.messageId(target)
                                            .flatMap(id -> found.find(reader, id))
                                            .<IBaseResource>map(
                                                    view -> ProtectionResources.communication(partnership(), view)));
                        default -> Optional.empty();
                    }));
        }

        private Optional<IBaseResource> patient(Requester reader, IdType target) {
            PersonDirectory found = directory.getIfAvailable();
            Optional<PersonId> person = person(target.getIdPart());
            if (found == null || person.isEmpty()) {
                return Optional.empty();
            }
            return found.read(reader, person.get()).<IBaseResource>map(PatientResources::patient);
        }

        /** The resources of the include's type that refer to the source by the include's parameter. */
        List<IBaseResource> referring(IBaseResource source, Include include) {
            String type = include.getParamType();
            String parameter = include.getParamName();
            if (source.fhirType().equals("Patient")
                    && Set.of("patient", "subject").contains(parameter)) {
                Optional<PersonId> person = person(source.getIdElement().getIdPart());
                Optional<Requester> reader = finder(type);
                if (person.isEmpty() || reader.isEmpty()) {
                    return List.of();
                }
                return about(type, reader.get(), person.get());
            }
            if (type.equals("Task") && parameter.equals("focus")) {
                return tasksFor(source);
            }
            return List.of();
        }

        private List<IBaseResource> about(String type, Requester reader, PersonId person) {
            List<IBaseResource> found = new ArrayList<>();
            switch (type) {
                case "Flag" ->
                    records.ifAvailable(record -> record.read(reader, person, Set.of(RecordKind.ALERT))
                            .items()
                            .forEach(view -> found.add(RecordResources.flag(view))));
                case "CarePlan" ->
                    records.ifAvailable(record -> record.read(reader, person, Set.of(RecordKind.CARE_PLAN))
                            .items()
                            .forEach(view -> found.add(RecordResources.carePlan(view))));
                case "QuestionnaireResponse" ->
                    assessments.ifAvailable(assessment -> assessment
                            .of(reader, person)
                            .forEach(view -> found.add(AssessmentResources.response(view))));
                case "ServiceRequest" ->
                    requests.ifAvailable(request -> request.forPerson(reader, person)
                            .forEach(view -> found.add(RequestResources.serviceRequest(partnership(), view))));
                default -> {
                    // No other type is revincluded on Patient.
                }
            }
            return found;
        }

        /** The Tasks whose focus is the source: a service request's own Task, or a protection message's routings. */
        private List<IBaseResource> tasksFor(IBaseResource source) {
            Optional<Requester> reader = finder("Task");
            if (reader.isEmpty()) {
                return List.of();
            }
            IdType id = new IdType(source.fhirType(), source.getIdElement().getIdPart());
            List<IBaseResource> found = new ArrayList<>();
            if (source instanceof ServiceRequest) {
                requests.ifAvailable(request -> RequestResources.requestId(id)
                        .flatMap(number -> request.find(reader.get(), number))
                        .ifPresent(view -> found.add(RequestResources.task(partnership(), view))));
            } else if (source instanceof Communication) {
                messages.ifAvailable(message -> ProtectionResources.messageId(id)
                        .flatMap(number -> message.find(reader.get(), number))
                        .ifPresent(view -> view.routings()
                                .forEach(
                                        routing -> found.add(ProtectionResources.task(partnership(), view, routing)))));
            }
            return found;
        }
    }

    /**
     * The caller as a reader of the type, or empty when an agency system's scopes do not cover it: a resource added
     * beside the ones asked for is left out, never an error.
     */
    static Optional<Requester> reader(FhirCallers callers, RequestDetails request, String type) {
        return reader(callers, request, type, FhirCallers.Interaction.READ);
    }

    /**
     * The caller as a reader of the type, or empty when their scopes do not grant the interaction: {@code r} for what
     * is reached by reference (an {@code _include}, as a read would reach it), {@code s} for what is found by its
     * reference to the source (a {@code _revinclude}, as a search would find it); decision 0042.
     */
    static Optional<Requester> reader(
            FhirCallers callers, RequestDetails request, String type, FhirCallers.Interaction interaction) {
        try {
            boolean granted = interaction == FhirCallers.Interaction.SEARCH
                    ? callers.maySearch(request, type)
                    : callers.mayRead(request, type);
            return granted ? Optional.of(callers.requester(request, callers.caller(request))) : Optional.empty();
        } catch (BaseServerResponseException notACaller) {
            return Optional.empty();
        }
    }

    private static Optional<PersonId> person(String text) {
        try {
            return Optional.of(PersonId.of(text));
        } catch (IllegalArgumentException | NullPointerException notAPersonId) {
            return Optional.empty();
        }
    }
}
