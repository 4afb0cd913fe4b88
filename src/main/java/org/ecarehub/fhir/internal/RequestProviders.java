package org.ecarehub.fhir.internal;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.History;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.ecarehub.access.Requester;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.request.ServiceRequestId;
import org.ecarehub.request.ServiceRequestStatus;
import org.ecarehub.request.ServiceRequestView;
import org.ecarehub.request.ServiceRequests;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;

/**
 * ServiceRequest and its Task, only through {@link ServiceRequests}, which decides, logs and keeps the lifecycle: a
 * request is submitted by creating its ServiceRequest, and every later step is an update of its Task.
 */
final class RequestProviders {

    private RequestProviders() {}

    /** The request a read names, when the caller may see it; else the one 404 for missing and hidden alike. */
    static ServiceRequestView visible(ServiceRequests requests, Requester requester, IdType id) {
        ServiceRequestId request = RequestResources.requestId(id).orElseThrow(Outcomes::notFound);
        return requests.find(requester, request).orElseThrow(Outcomes::notFound);
    }

    /**
     * Every version of the request the caller may see, the latest first, through {@link ServiceRequests#history}, which
     * decides and logs as a read does; a hidden request answers the 404 of a missing one.
     */
    static List<ServiceRequestView> versions(ServiceRequests requests, Requester requester, IdType id) {
        ServiceRequestId request = RequestResources.requestId(id).orElseThrow(Outcomes::notFound);
        List<ServiceRequestView> versions = new ArrayList<>(requests.history(requester, request));
        if (versions.isEmpty()) {
            throw Outcomes.notFound();
        }
        Collections.reverse(versions);
        return versions;
    }

    /** The request a read or a version read names; a version it never had answers as a hidden request does. */
    static ServiceRequestView read(ServiceRequests requests, Requester requester, IdType id) {
        if (!id.hasVersionIdPart()) {
            return visible(requests, requester, id);
        }
        String wanted = id.getVersionIdPart();
        return versions(requests, requester, id).stream()
                .filter(version -> String.valueOf(version.version()).equals(wanted))
                .findFirst()
                .orElseThrow(Outcomes::notFound);
    }

    /**
     * The requests a search names: the person's, narrowed to a team when {@code performer} names one; without a
     * person, the open requests addressed to the caller's own team that {@code performer} names, as their work queue.
     */
    static List<ServiceRequestView> searched(
            ServiceRequests requests, Requester requester, ReferenceParam patient, ReferenceParam team, String name) {
        String teamId = team == null ? null : team.getIdPart();
        List<ServiceRequestView> found;
        if (patient != null) {
            found = requests.forPerson(requester, RecordProviders.person(patient));
        } else if (teamId != null) {
            found = requests.forMyTeams(requester);
        } else {
            throw Outcomes.invalid(
                    Outcomes.INVALID_SEARCH,
                    "a " + name + " search names the person (patient) or one of the caller's teams");
        }
        return found.stream()
                .filter(view -> teamId == null || view.team().value().equals(teamId))
                .toList();
    }

    static final class ServiceRequestProvider implements IResourceProvider {

        private final ServiceRequests requests;
        private final Partnerships partnerships;
        private final FhirCallers callers;
        private final Includes includes;

        ServiceRequestProvider(
                ServiceRequests requests, Partnerships partnerships, FhirCallers callers, Includes includes) {
            this.requests = requests;
            this.partnerships = partnerships;
            this.callers = callers;
            this.includes = includes;
        }

        @Override
        public Class<? extends IBaseResource> getResourceType() {
            return ServiceRequest.class;
        }

        private ServiceRequest shown(ServiceRequestView view) {
            return RequestResources.serviceRequest(partnerships.current().partnership(), view);
        }

        @Read(version = true)
        public ServiceRequest read(@IdParam IdType id, RequestDetails request) {
            Requester requester = callers.requester(request, callers.reading(request, "ServiceRequest"));
            return shown(RequestProviders.read(requests, requester, id));
        }

        /** The request after each of its steps, newest first. */
        @History
        public List<ServiceRequest> history(@IdParam IdType id, RequestDetails request) {
            Requester requester = callers.requester(request, callers.reading(request, "ServiceRequest"));
            return versions(requests, requester, id).stream()
                    .map(this::shown)
                    .map(RecordProviders::historyEntry)
                    .toList();
        }

        /**
         * The person's requests ({@code patient} or its alias {@code subject}), or a team's queue; narrowed by
         * {@code status}, {@code category} (the kind) and when it was {@code authored}.
         */
        @Search
        public IBundleProvider search(
                @OptionalParam(name = ServiceRequest.SP_PATIENT) ReferenceParam patient,
                @OptionalParam(name = ServiceRequest.SP_SUBJECT) ReferenceParam subject,
                @OptionalParam(name = ServiceRequest.SP_STATUS) TokenParam status,
                @OptionalParam(name = ServiceRequest.SP_PERFORMER) ReferenceParam performer,
                @OptionalParam(name = ServiceRequest.SP_CATEGORY) TokenParam category,
                @OptionalParam(name = ServiceRequest.SP_AUTHORED) DateRangeParam authored,
                @IncludeParam(allow = {"ServiceRequest:patient", "ServiceRequest:subject"}) Set<Include> included,
                @IncludeParam(
                                reverse = true,
                                allow = {"Task:focus"})
                        Set<Include> revIncluded,
                RequestDetails request) {
            Requester requester = callers.requester(request, callers.reading(request, "ServiceRequest"));
            List<ServiceRequest> found =
                    searched(requests, requester, patient != null ? patient : subject, performer, "ServiceRequest")
                            .stream()
                            .map(this::shown)
                            .filter(shown ->
                                    status == null || shown.getStatus().toCode().equals(status.getValue()))
                            .filter(shown -> category == null || RecordProviders.codedAs(shown.getCategory(), category))
                            .filter(shown -> RecordProviders.within(shown.getAuthoredOn(), authored))
                            .toList();
            return Paging.page(request, found, shown -> includes.of(request, included, revIncluded, shown));
        }

        /** Submits the request in the caller's name, to the team its performer names. */
        @Create
        public MethodOutcome create(@ResourceParam ServiceRequest resource, RequestDetails request) {
            Requester requester = callers.requester(request, callers.writing(request, "ServiceRequest"));
            ServiceRequestView submitted = requests.submit(requester, RequestResources.draft(resource));
            return RecordProviders.written(shown(submitted), true);
        }
    }

    /**
     * Every Task: a service request's ({@code service-request-12}) through {@link ServiceRequests}, and a protection
     * message's routing ({@code protection-message-12-routing-7}) through {@link ProtectionProviders.RoutingTasks}; HAPI
     * serves one provider a resource type, so this one routes by the id's prefix. Either may be absent when its module
     * is not running.
     */
    static final class Tasks implements IResourceProvider {

        private final ServiceRequests requests;
        private final ProtectionProviders.RoutingTasks routings;
        private final Partnerships partnerships;
        private final FhirCallers callers;
        private final Includes includes;

        Tasks(
                ServiceRequests requests,
                ProtectionProviders.RoutingTasks routings,
                Partnerships partnerships,
                FhirCallers callers,
                Includes includes) {
            this.requests = requests;
            this.routings = routings;
            this.partnerships = partnerships;
            this.callers = callers;
            this.includes = includes;
        }

        @Override
        public Class<? extends IBaseResource> getResourceType() {
            return Task.class;
        }

        private Task shown(ServiceRequestView view) {
            return RequestResources.task(partnerships.current().partnership(), view);
        }

        @Read(version = true)
        public Task read(@IdParam IdType id, RequestDetails request) {
            Requester requester = callers.requester(request, callers.reading(request, "Task"));
            if (ProtectionResources.isRoutingTask(id)) {
                if (routings == null) {
                    throw Outcomes.notFound();
                }
                return routings.read(requester, id);
            }
            if (requests == null) {
                throw Outcomes.notFound();
            }
            return shown(RequestProviders.read(requests, requester, id));
        }

        /** A request's Task after each of the request's steps, or a routing's after each of its own, newest first. */
        @History
        public List<Task> history(@IdParam IdType id, RequestDetails request) {
            Requester requester = callers.requester(request, callers.reading(request, "Task"));
            List<Task> versions;
            if (ProtectionResources.isRoutingTask(id)) {
                if (routings == null) {
                    throw Outcomes.notFound();
                }
                versions = routings.history(requester, id);
            } else {
                if (requests == null) {
                    throw Outcomes.notFound();
                }
                versions = RequestProviders.versions(requests, requester, id).stream()
                        .map(this::shown)
                        .toList();
            }
            return versions.stream().map(RecordProviders::historyEntry).toList();
        }

        /**
         * The person's Tasks of both kinds; without a person, the open work of one of the caller's teams ({@code
         * owner}): its requests and the protection messages routed to it.
         */
        @Search
        public IBundleProvider search(
                @OptionalParam(name = Task.SP_PATIENT) ReferenceParam patient,
                @OptionalParam(name = Task.SP_STATUS) TokenParam status,
                @OptionalParam(name = Task.SP_OWNER) ReferenceParam owner,
                @IncludeParam(
                                allow = {
                                    "Task:patient",
                                    "Task:focus",
                                    "ServiceRequest:patient",
                                    "ServiceRequest:subject",
                                    "Communication:patient",
                                    "Communication:subject"
                                })
                        Set<Include> included,
                RequestDetails request) {
            Requester requester = callers.requester(request, callers.reading(request, "Task"));
            List<Task> found = new java.util.ArrayList<>();
            if (requests != null) {
                searched(requests, requester, patient, owner, "Task").stream()
                        .map(this::shown)
                        .forEach(found::add);
            }
            if (routings != null) {
                if (patient == null && owner == null) {
                    throw Outcomes.invalid(
                            Outcomes.INVALID_SEARCH,
                            "a Task search names the person (patient) or one of the caller's teams");
                }
                String team = owner == null ? null : owner.getIdPart();
                routings.search(requester, patient).stream()
                        .filter(task -> team == null
                                || team.equals(task.getOwner().getIdentifier().getValue()))
                        .forEach(found::add);
            }
            List<Task> shown = found.stream()
                    .filter(task -> status == null || task.getStatus().toCode().equals(status.getValue()))
                    .toList();
            return Paging.page(request, shown, page -> includes.of(request, included, Set.of(), page));
        }

        /**
         * A protection message's routing: completing it acknowledges it for the team. A service request: takes the
         * one step the Task's new business status (or status) asks for, from the version named: accept, decline with
         * the status reason's text, schedule for the execution period's start, start, complete, cancel. An update that
         * asks for the status the Task has already changes nothing.
         */
        @Update
        public MethodOutcome update(@IdParam IdType id, @ResourceParam Task task, RequestDetails request) {
            Requester requester = callers.requester(request, callers.writing(request, "Task"));
            if (ProtectionResources.isRoutingTask(id)) {
                if (routings == null) {
                    throw Outcomes.notFound();
                }
                return routings.update(requester, id, task);
            }
            if (requests == null) {
                throw Outcomes.notFound();
            }
            int expected = RecordProviders.expectedVersion(id, task);
            ServiceRequestView seen = visible(requests, requester, id);
            ServiceRequestStatus wanted = RequestResources.wanted(task, seen.status());
            if (wanted == seen.status()) {
                return RecordProviders.written(shown(seen), false);
            }
            ServiceRequestId number = seen.id();
            ServiceRequestView moved = switch (wanted) {
                case ACCEPTED -> requests.accept(requester, number, expected);
                case DECLINED ->
                    requests.decline(
                            requester, number, expected, task.getStatusReason().getText());
                case SCHEDULED -> requests.schedule(requester, number, expected, RequestResources.scheduledDay(task));
                case IN_PROGRESS -> requests.start(requester, number, expected);
                case COMPLETED -> requests.complete(requester, number, expected);
                case CANCELLED -> requests.cancel(requester, number, expected);
                case SUBMITTED ->
                    throw Outcomes.refusedByRule("a request is submitted by creating its ServiceRequest, and never"
                            + " returns to submitted");
            };
            return RecordProviders.written(shown(moved), false);
        }
    }
}
