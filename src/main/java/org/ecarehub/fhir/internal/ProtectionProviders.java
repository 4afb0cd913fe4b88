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
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ecarehub.access.Requester;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.protection.ProtectionMessageId;
import org.ecarehub.protection.ProtectionMessageView;
import org.ecarehub.protection.ProtectionMessages;
import org.ecarehub.protection.Routing;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Task;

/**
 * Protection messages as Communication, and their routings as Tasks, only through {@link ProtectionMessages}, which
 * decides, logs and keeps the routing: a message is raised by creating its Communication, and a receiving team
 * acknowledges by completing its routing's Task. A message the caller is not a party to answers exactly as one that
 * never existed.
 */
final class ProtectionProviders {

    private ProtectionProviders() {}

    /** The messages a search names: the person's (open or closed), or without one the caller's open inbox. */
    static List<ProtectionMessageView> searched(
            ProtectionMessages messages, Requester requester, ReferenceParam patient) {
        return patient == null
                ? messages.inbox(requester)
                : messages.concerning(requester, RecordProviders.person(patient));
    }

    /**
     * Every version of the message the caller may see, the first first, through {@link ProtectionMessages#history},
     * which decides and logs as a read does; a message the caller is no party to answers the 404 of a missing one.
     */
    static List<ProtectionMessageView> versions(ProtectionMessages messages, Requester requester, IdType id) {
        ProtectionMessageId message = ProtectionResources.messageId(id).orElseThrow(Outcomes::notFound);
        List<ProtectionMessageView> versions = messages.history(requester, message);
        if (versions.isEmpty()) {
            throw Outcomes.notFound();
        }
        return versions;
    }

    /** The version a version read names; one the resource never had answers as a hidden resource does. */
    static <T extends IBaseResource> T numbered(List<T> versions, IdType id) {
        String wanted = id.getVersionIdPart();
        return versions.stream()
                .filter(version -> wanted.equals(version.getMeta().getVersionId()))
                .findFirst()
                .orElseThrow(Outcomes::notFound);
    }

    /** The resources newest first, as a history Bundle lists them. */
    static <T> List<T> newestFirst(List<T> resources) {
        List<T> reversed = new ArrayList<>(resources);
        Collections.reverse(reversed);
        return reversed;
    }

    static final class Communications implements IResourceProvider {

        private final ProtectionMessages messages;
        private final Partnerships partnerships;
        private final FhirCallers callers;
        private final Includes includes;

        Communications(ProtectionMessages messages, Partnerships partnerships, FhirCallers callers, Includes includes) {
            this.messages = messages;
            this.partnerships = partnerships;
            this.callers = callers;
            this.includes = includes;
        }

        @Override
        public Class<? extends IBaseResource> getResourceType() {
            return Communication.class;
        }

        private Communication shown(ProtectionMessageView view) {
            return ProtectionResources.communication(partnerships.current().partnership(), view);
        }

        @Read(version = true)
        public Communication read(@IdParam IdType id, RequestDetails request) {
            Requester requester = callers.requester(request, callers.reading(request, "Communication"));
            if (id.hasVersionIdPart()) {
                return numbered(versions(requester, id), id);
            }
            return shown(
                    messages.find(requester, ProtectionResources.messageId(id).orElseThrow(Outcomes::notFound))
                            .orElseThrow(Outcomes::notFound));
        }

        /** The message after each step of its timeline, newest first. */
        @History
        public List<Communication> history(@IdParam IdType id, RequestDetails request) {
            Requester requester = callers.requester(request, callers.reading(request, "Communication"));
            return newestFirst(versions(requester, id)).stream()
                    .map(RecordProviders::historyEntry)
                    .toList();
        }

        private List<Communication> versions(Requester requester, IdType id) {
            return ProtectionProviders.versions(messages, requester, id).stream()
                    .map(this::shown)
                    .toList();
        }

        /**
         * The messages naming the person ({@code patient} or {@code subject}: any person the message names, not only
         * its subject), or without one the open messages routed to the caller; narrowed by {@code status},
         * {@code category} (with or without its system) and the day or range it was {@code sent}.
         */
        @Search
        public IBundleProvider search(
                @OptionalParam(name = Communication.SP_PATIENT) ReferenceParam patient,
                @OptionalParam(name = Communication.SP_SUBJECT) ReferenceParam subject,
                @OptionalParam(name = Communication.SP_STATUS) TokenParam status,
                @OptionalParam(name = Communication.SP_CATEGORY) TokenParam category,
                @OptionalParam(name = Communication.SP_SENT) DateRangeParam sent,
                @IncludeParam(allow = {"Communication:patient", "Communication:subject"}) Set<Include> included,
                @IncludeParam(
                                reverse = true,
                                allow = {"Task:focus"})
                        Set<Include> revIncluded,
                RequestDetails request) {
            Requester requester = callers.requester(request, callers.reading(request, "Communication"));
            if (patient != null && subject != null) {
                throw Outcomes.invalid(
                        Outcomes.INVALID_SEARCH, "a Communication search names the person once, as patient or subject");
            }
            List<Communication> found = searched(messages, requester, patient != null ? patient : subject).stream()
                    .filter(view -> RecordProviders.within(Date.from(view.raisedAt()), sent))
                    .map(this::shown)
                    .filter(shown ->
                            status == null || shown.getStatus().toCode().equals(status.getValue()))
                    .filter(shown -> category == null || RecordProviders.codedAs(shown.getCategory(), category))
                    .toList();
            return Paging.page(request, found, shown -> includes.of(request, included, revIncluded, shown));
        }

        /** Raises the concern in the caller's name and routes it; the answer is the message as the sender sees it. */
        @Create
        public MethodOutcome create(@ResourceParam Communication resource, RequestDetails request) {
            Requester requester = callers.requester(request, callers.writing(request, "Communication"));
            ProtectionMessageView raised = messages.raise(requester, ProtectionResources.draft(resource));
            return RecordProviders.written(shown(raised), true);
        }
    }

    /** The Tasks of protection messages' routings, served by {@link RequestProviders.Tasks} beside the requests'. */
    static final class RoutingTasks {

        private final ProtectionMessages messages;
        private final Partnerships partnerships;

        RoutingTasks(ProtectionMessages messages, Partnerships partnerships) {
            this.messages = messages;
            this.partnerships = partnerships;
        }

        private List<Task> tasks(ProtectionMessageView view) {
            return view.routings().stream()
                    .map(routing ->
                            ProtectionResources.task(partnerships.current().partnership(), view, routing))
                    .toList();
        }

        Task read(Requester requester, IdType id) {
            if (id.hasVersionIdPart()) {
                return numbered(history(requester, id), id);
            }
            ProtectionResources.RoutingTaskId named =
                    ProtectionResources.routingTaskId(id).orElseThrow(Outcomes::notFound);
            ProtectionMessageView view =
                    messages.find(requester, named.message()).orElseThrow(Outcomes::notFound);
            Routing routing = view.routings().stream()
                    .filter(candidate -> candidate.id().equals(named.routing()))
                    .findFirst()
                    .orElseThrow(Outcomes::notFound);
            return ProtectionResources.task(partnerships.current().partnership(), view, routing);
        }

        /**
         * Every version of the routing's Task, newest first: its delivery, each escalation and its acknowledgement,
         * each as the message stood when that step made it. A routing of a message the caller is no party to, or of
         * another message, answers the 404 of a missing one.
         */
        List<Task> history(Requester requester, IdType id) {
            ProtectionResources.RoutingTaskId named =
                    ProtectionResources.routingTaskId(id).orElseThrow(Outcomes::notFound);
            Partnership partnership = partnerships.current().partnership();
            Map<Integer, Task> versions = new LinkedHashMap<>();
            for (ProtectionMessageView view : messages.history(requester, named.message())) {
                view.routings().stream()
                        .filter(routing -> routing.id().equals(named.routing()))
                        .findFirst()
                        .ifPresent(routing -> versions.putIfAbsent(
                                ProtectionResources.version(routing),
                                ProtectionResources.task(partnership, view, routing)));
            }
            if (versions.isEmpty()) {
                throw Outcomes.notFound();
            }
            return newestFirst(List.copyOf(versions.values()));
        }

        /** Every routing of the messages naming the person; or, by owner alone, of the caller's open inbox. */
        List<Task> search(Requester requester, ReferenceParam patient) {
            return searched(messages, requester, patient).stream()
                    .flatMap(view -> tasks(view).stream())
                    .toList();
        }

        /**
         * Completing the Task acknowledges the routing for its team. The module decides who may: a message the caller
         * is no party to, a routing of another message or another team's routing is its {@code
         * ProtectionMessageForbidden} (403), missing and hidden alike; a stale version is a conflict.
         */
        MethodOutcome update(Requester requester, IdType id, Task task) {
            ProtectionResources.RoutingTaskId named =
                    ProtectionResources.routingTaskId(id).orElseThrow(Outcomes::notFound);
            int expected = RecordProviders.expectedVersion(id, task);
            if (task.getStatus() == null || task.getStatus() == Task.TaskStatus.NULL) {
                throw Parsing.invalid("a Task update names the status it moves to");
            }
            ProtectionMessageView view =
                    messages.find(requester, named.message()).orElse(null);
            Routing seen = view == null
                    ? null
                    : view.routings().stream()
                            .filter(routing -> routing.id().equals(named.routing()))
                            .findFirst()
                            .orElse(null);
            if (seen != null) {
                int latest = ProtectionResources.version(seen);
                if (latest != expected) {
                    String text = named.value() + " is at version " + latest + ", not " + expected;
                    throw id.hasVersionIdPart()
                            ? Outcomes.preconditionFailed(Outcomes.VERSION_CONFLICT, text)
                            : Outcomes.conflict(text);
                }
                Task.TaskStatus current = seen.acknowledged() ? Task.TaskStatus.COMPLETED : Task.TaskStatus.REQUESTED;
                if (task.getStatus() == current) {
                    return RecordProviders.written(
                            ProtectionResources.task(partnerships.current().partnership(), view, seen), false);
                }
            }
            if (task.getStatus() != Task.TaskStatus.COMPLETED) {
                throw Outcomes.refusedByRule("a protection message's Task is requested until its team acknowledges it"
                        + " by completing it; it moves to no other status");
            }
            ProtectionMessageView acknowledged = messages.acknowledge(requester, named.message(), named.routing());
            Routing routing = acknowledged.routings().stream()
                    .filter(candidate -> candidate.id().equals(named.routing()))
                    .findFirst()
                    .orElseThrow();
            return RecordProviders.written(
                    ProtectionResources.task(partnerships.current().partnership(), acknowledged, routing), false);
        }
    }
}
