package org.ecarehub.fhir.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.RequestPriority;
import org.ecarehub.partnership.Team;
import org.ecarehub.request.Equipment;
import org.ecarehub.request.HomecareTask;
import org.ecarehub.request.ServiceRequestDetails;
import org.ecarehub.request.ServiceRequestDraft;
import org.ecarehub.request.ServiceRequestId;
import org.ecarehub.request.ServiceRequestStatus;
import org.ecarehub.request.ServiceRequestStep;
import org.ecarehub.request.ServiceRequestView;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Ratio;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Timing;

/**
 * A service request as FHIR's workflow pattern for a request fulfilled by another organisation: the ServiceRequest
 * says what is asked, and a Task for it, with the same id, is where the addressed team takes each step; the hub's
 * status is the Task's {@code businessStatus}.
 */
final class RequestResources {

    static final String KIND_SYSTEM = "urn:ecare:service-request-kind";
    static final String STATUS_SYSTEM = "urn:ecare:service-request-status";
    static final String HOMECARE_TASK_SYSTEM = "urn:ecare:homecare-task";
    static final String EQUIPMENT_SYSTEM = "urn:ecare:equipment";
    static final String RECORD_ITEM_SYSTEM = "urn:ecare:record-item";
    static final String PRIORITY_SYSTEM = "urn:ecare:request-priority";
    static final String UCUM = "http://unitsofmeasure.org";

    private RequestResources() {}

    static Optional<ServiceRequestId> requestId(IdType id) {
        String text = id == null ? null : id.getIdPart();
        if (text == null || !text.matches("service-request-[1-9][0-9]{0,17}")) {
            return Optional.empty();
        }
        return Optional.of(new ServiceRequestId(Long.parseLong(text.substring("service-request-".length()))));
    }

    /** The request's workflow status: open is {@code active}, completed {@code completed}, declined or cancelled
     * {@code revoked}. */
    static ServiceRequest.ServiceRequestStatus status(ServiceRequestStatus status) {
        return switch (status) {
            case SUBMITTED, ACCEPTED, SCHEDULED, IN_PROGRESS -> ServiceRequest.ServiceRequestStatus.ACTIVE;
            case COMPLETED -> ServiceRequest.ServiceRequestStatus.COMPLETED;
            case DECLINED, CANCELLED -> ServiceRequest.ServiceRequestStatus.REVOKED;
        };
    }

    static Task.TaskStatus taskStatus(ServiceRequestStatus status) {
        return switch (status) {
            case SUBMITTED -> Task.TaskStatus.REQUESTED;
            case ACCEPTED, SCHEDULED -> Task.TaskStatus.ACCEPTED;
            case DECLINED -> Task.TaskStatus.REJECTED;
            case IN_PROGRESS -> Task.TaskStatus.INPROGRESS;
            case COMPLETED -> Task.TaskStatus.COMPLETED;
            case CANCELLED -> Task.TaskStatus.CANCELLED;
        };
    }

    /** The hub's priorities on FHIR's scale: standard is routine, high urgent, urgent asap. */
    static ServiceRequest.ServiceRequestPriority priority(RequestPriority priority) {
        return switch (priority) {
            case STANDARD -> ServiceRequest.ServiceRequestPriority.ROUTINE;
            case HIGH -> ServiceRequest.ServiceRequestPriority.URGENT;
            case URGENT -> ServiceRequest.ServiceRequestPriority.ASAP;
        };
    }

    static RequestPriority priority(ServiceRequest.ServiceRequestPriority priority) {
        if (priority == null || priority == ServiceRequest.ServiceRequestPriority.NULL) {
            return null;
        }
        return switch (priority) {
            case ROUTINE -> RequestPriority.STANDARD;
            case URGENT -> RequestPriority.HIGH;
            case ASAP -> RequestPriority.URGENT;
            default -> throw Parsing.invalid("a service request's priority is routine, urgent or asap, not stat");
        };
    }

    static Reference team(Partnership partnership, TeamId id) {
        Reference team = RecordResources.team(id);
        partnership.team(id).map(Team::name).ifPresent(team::setDisplay);
        return team;
    }

    private static Instant lastChanged(ServiceRequestView view) {
        return view.history().isEmpty()
                ? view.submittedAt()
                : view.history().get(view.history().size() - 1).at();
    }

    private static void identify(DomainResource resource, String type, ServiceRequestView view) {
        String version = String.valueOf(view.version());
        resource.setId(new IdType(type, view.id().reference(), version));
        resource.getMeta().setVersionId(version);
        resource.getMeta().setLastUpdated(Date.from(lastChanged(view)));
    }

    static ServiceRequest serviceRequest(Partnership partnership, ServiceRequestView view) {
        ServiceRequest shown = new ServiceRequest();
        identify(shown, "ServiceRequest", view);
        shown.setStatus(status(view.status()));
        shown.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        CodeableConcept kind = new CodeableConcept(new Coding(
                KIND_SYSTEM, view.details().kind(), view.details().kind().replace('-', ' ')));
        shown.addCategory(kind);
        shown.setCode(kind.copy());
        shown.setPriority(priority(view.priority()));
        shown.setSubject(RecordResources.patient(view.person()));
        shown.setAuthoredOnElement(new DateTimeType(Date.from(view.submittedAt())));
        shown.setRequester(RecordResources.practitioner(view.requestedBy()));
        shown.addPerformer(team(partnership, view.team()));
        if (view.details() instanceof ServiceRequestDetails.Homecare homecare) {
            homecare.tasks()
                    .forEach(task -> shown.addOrderDetail(
                            new CodeableConcept(new Coding(HOMECARE_TASK_SYSTEM, task.code(), task.plainName()))));
            shown.setQuantity(new Ratio()
                    .setNumerator(new Quantity()
                            .setValue(homecare.hoursPerWeek())
                            .setUnit("h")
                            .setSystem(UCUM)
                            .setCode("h"))
                    .setDenominator(new Quantity()
                            .setValue(1)
                            .setUnit("wk")
                            .setSystem(UCUM)
                            .setCode("wk")));
            Timing timing = new Timing();
            timing.getRepeat()
                    .setFrequency(homecare.visitsPerDay())
                    .setPeriod(1)
                    .setPeriodUnit(Timing.UnitsOfTime.D)
                    .setBounds(new Period()
                            .setStartElement(
                                    new DateTimeType(homecare.startDay().toString())));
            shown.setOccurrence(timing);
        }
        if (view.details() instanceof ServiceRequestDetails.AidsAndAdaptations aids) {
            aids.equipment()
                    .forEach(item -> shown.addOrderDetail(
                            new CodeableConcept(new Coding(EQUIPMENT_SYSTEM, item.code(), item.plainName()))));
            shown.addSupportingInfo(new Reference()
                    .setIdentifier(
                            new Identifier().setSystem(RECORD_ITEM_SYSTEM).setValue(aids.assessment()))
                    .setDisplay("occupational therapy assessment"));
            if (view.scheduledDay() != null) {
                shown.setOccurrence(new DateTimeType(view.scheduledDay().toString()));
            }
        }
        return shown;
    }

    /**
     * The Task the addressed team works: requested, then accepted (and scheduled, by business status, with the day
     * booked as the execution period's start), rejected with the reason, in progress, completed or cancelled; the
     * target day as the restriction's period end.
     */
    static Task task(Partnership partnership, ServiceRequestView view) {
        Task task = new Task();
        identify(task, "Task", view);
        Reference request = new Reference("ServiceRequest/" + view.id().reference());
        task.addBasedOn(request);
        task.setFocus(request.copy());
        task.setFor(RecordResources.patient(view.person()));
        task.setIntent(Task.TaskIntent.ORDER);
        task.setStatus(taskStatus(view.status()));
        task.setBusinessStatus(new CodeableConcept(new Coding(
                STATUS_SYSTEM, view.status().code(), view.status().code().replace('-', ' '))));
        task.setPriority(
                switch (view.priority()) {
                    case STANDARD -> Task.TaskPriority.ROUTINE;
                    case HIGH -> Task.TaskPriority.URGENT;
                    case URGENT -> Task.TaskPriority.ASAP;
                });
        task.setAuthoredOn(Date.from(view.submittedAt()));
        task.setLastModified(Date.from(lastChanged(view)));
        task.setRequester(RecordResources.practitioner(view.requestedBy()));
        task.setOwner(team(partnership, view.team()));
        task.getRestriction()
                .setPeriod(new Period()
                        .setEndElement(new DateTimeType(view.dueDay().toString())));
        if (view.scheduledDay() != null) {
            task.setExecutionPeriod(new Period()
                    .setStartElement(new DateTimeType(view.scheduledDay().toString())));
        }
        if (view.status() == ServiceRequestStatus.DECLINED) {
            view.history().stream()
                    .filter(step -> step.status() == ServiceRequestStatus.DECLINED)
                    .map(ServiceRequestStep::reason)
                    .filter(reason -> reason != null)
                    .findFirst()
                    .ifPresent(reason -> task.setStatusReason(new CodeableConcept().setText(reason)));
        }
        if (view.overdue()) {
            task.addExtension(new Extension(
                    "urn:ecare:fhir:StructureDefinition:overdue", new org.hl7.fhir.r4.model.BooleanType(true)));
        }
        return task;
    }

    /**
     * The status a Task update asks for: its business status when that names one of the hub's other than the current
     * one (the only way to say {@code scheduled}), else its status when that differs from the current one's, else the
     * current status: nothing to do.
     */
    static ServiceRequestStatus wanted(Task task, ServiceRequestStatus current) {
        for (Coding coding : task.getBusinessStatus().getCoding()) {
            if (STATUS_SYSTEM.equals(coding.getSystem())) {
                ServiceRequestStatus named = ServiceRequestStatus.fromCode(coding.getCode())
                        .orElseThrow(() ->
                                Parsing.invalid("'" + coding.getCode() + "' is not a status of " + STATUS_SYSTEM));
                if (named != current) {
                    return named;
                }
            }
        }
        if (task.getStatus() == null || task.getStatus() == Task.TaskStatus.NULL) {
            throw Parsing.invalid("a Task update names the status it moves to");
        }
        if (task.getStatus() == taskStatus(current)) {
            return current;
        }
        return switch (task.getStatus()) {
            case REQUESTED -> ServiceRequestStatus.SUBMITTED;
            case ACCEPTED -> ServiceRequestStatus.ACCEPTED;
            case REJECTED -> ServiceRequestStatus.DECLINED;
            case INPROGRESS -> ServiceRequestStatus.IN_PROGRESS;
            case COMPLETED -> ServiceRequestStatus.COMPLETED;
            case CANCELLED -> ServiceRequestStatus.CANCELLED;
            default ->
                throw Outcomes.refusedByRule("a service request's Task is requested, accepted, rejected, in-progress,"
                        + " completed or cancelled, not " + task.getStatus().toCode());
        };
    }

    /** The request a ServiceRequest asks to submit; what it does not say is left for the request module to refuse. */
    static ServiceRequestDraft draft(ServiceRequest resource) {
        PersonId person = Parsing.patient(resource.getSubject(), "ServiceRequest.subject");
        String kind = code(resource.getCode(), KIND_SYSTEM)
                .or(() -> resource.getCategory().stream()
                        .map(category -> code(category, KIND_SYSTEM))
                        .flatMap(Optional::stream)
                        .findFirst())
                .orElseThrow(() -> Parsing.invalid(
                        "a ServiceRequest's code is homecare or aids-and-adaptations, of " + KIND_SYSTEM));
        TeamId team = resource.getPerformer().stream()
                .filter(performer -> performer.hasIdentifier()
                        && InvolvementResources.TEAM_SYSTEM.equals(
                                performer.getIdentifier().getSystem()))
                .map(performer -> Parsing.team(performer.getIdentifier().getValue()))
                .findFirst()
                .orElse(null);
        RequestPriority priority = priority(resource.getPriority());
        ServiceRequestDetails details = switch (kind) {
            case "homecare" -> homecare(resource);
            case "aids-and-adaptations" -> aids(resource);
            default ->
                throw Parsing.invalid(
                        "a ServiceRequest's code is homecare or aids-and-adaptations, not '" + kind + "'");
        };
        return new ServiceRequestDraft(person, details, team, priority);
    }

    private static ServiceRequestDetails.Homecare homecare(ServiceRequest resource) {
        BigDecimal hours = resource.getQuantity() instanceof Ratio ratio
                        && ratio.getNumerator().hasValue()
                        && "h".equals(ratio.getNumerator().getCode())
                        && "wk".equals(ratio.getDenominator().getCode())
                        && ratio.getDenominator().getValue() != null
                        && ratio.getDenominator().getValue().compareTo(BigDecimal.ONE) == 0
                ? ratio.getNumerator().getValue()
                : null;
        if (hours == null) {
            throw Parsing.invalid("homecare's hours a week are quantityRatio: numerator in h (UCUM), denominator 1 wk");
        }
        if (!(resource.getOccurrence() instanceof Timing timing)
                || !timing.getRepeat().hasFrequency()
                || timing.getRepeat().getPeriodUnit() != Timing.UnitsOfTime.D
                || !(timing.getRepeat().getBounds() instanceof Period bounds)
                || !bounds.hasStart()) {
            throw Parsing.invalid("homecare's visits are occurrenceTiming: frequency visits a period of 1 d, with"
                    + " boundsPeriod.start the day it starts");
        }
        List<HomecareTask> tasks = new ArrayList<>();
        for (CodeableConcept detail : resource.getOrderDetail()) {
            String code = code(detail, HOMECARE_TASK_SYSTEM)
                    .orElseThrow(
                            () -> Parsing.invalid("homecare's tasks are orderDetail codes of " + HOMECARE_TASK_SYSTEM));
            tasks.add(HomecareTask.fromCode(code)
                    .orElseThrow(
                            () -> Parsing.invalid("'" + code + "' is not a homecare task of " + HOMECARE_TASK_SYSTEM)));
        }
        LocalDate start = Parsing.day(bounds.getStartElement().getValueAsString());
        return new ServiceRequestDetails.Homecare(hours, timing.getRepeat().getFrequency(), tasks, start);
    }

    private static ServiceRequestDetails.AidsAndAdaptations aids(ServiceRequest resource) {
        List<Equipment> equipment = new ArrayList<>();
        for (CodeableConcept detail : resource.getOrderDetail()) {
            String code = code(detail, EQUIPMENT_SYSTEM)
                    .orElseThrow(
                            () -> Parsing.invalid("aids and adaptations are orderDetail codes of " + EQUIPMENT_SYSTEM));
            equipment.add(Equipment.fromCode(code)
                    .orElseThrow(() -> Parsing.invalid("'" + code + "' is not in the catalogue " + EQUIPMENT_SYSTEM)));
        }
        String assessment = resource.getSupportingInfo().stream()
                .filter(info -> info.hasIdentifier()
                        && RECORD_ITEM_SYSTEM.equals(info.getIdentifier().getSystem()))
                .map(info -> info.getIdentifier().getValue())
                .findFirst()
                .orElse(null);
        return new ServiceRequestDetails.AidsAndAdaptations(equipment, assessment);
    }

    private static Optional<String> code(CodeableConcept concept, String system) {
        if (concept == null) {
            return Optional.empty();
        }
        return concept.getCoding().stream()
                .filter(coding -> system.equals(coding.getSystem()) && coding.hasCode())
                .map(Coding::getCode)
                .findFirst();
    }

    /** The day a Task update books the work for: its execution period's start. */
    static LocalDate scheduledDay(Task task) {
        if (!task.getExecutionPeriod().hasStart()) {
            return null;
        }
        String start = task.getExecutionPeriod().getStartElement().getValueAsString();
        return Parsing.day(start.length() > 10 ? start.substring(0, 10) : start);
    }

    static DateType day(LocalDate day) {
        return new DateType(day.toString());
    }
}
