package org.ecarehub.fhir.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.ecarehub.access.Sensitivity;
import org.ecarehub.partnership.ConcernKind;
import org.ecarehub.partnership.ConcernPriority;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.protection.ConcernPerson;
import org.ecarehub.protection.ConcernPersonView;
import org.ecarehub.protection.ConcernRole;
import org.ecarehub.protection.EscalationStage;
import org.ecarehub.protection.ProtectionMessageDraft;
import org.ecarehub.protection.ProtectionMessageId;
import org.ecarehub.protection.ProtectionMessageStep;
import org.ecarehub.protection.ProtectionMessageView;
import org.ecarehub.protection.Routing;
import org.ecarehub.protection.RoutingId;
import org.ecarehub.shared.PersonId;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;

/**
 * A protection message as a Communication (the concern sent, about its subject and the people linked to it) and each
 * of its routings as a Task (the receiving team's acknowledgement, with its deadline and escalation stage). People the
 * reader may not see are left out, as {@link ProtectionMessageView} withholds them: nothing, not even a reference's
 * text, says who they are.
 */
final class ProtectionResources {

    static final String KIND_SYSTEM = "urn:ecare:concern-kind";
    static final String HL7_CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/communication-category";
    static final String ROLE_EXTENSION = "urn:ecare:fhir:StructureDefinition:concern-role";
    static final String SENSITIVITY_EXTENSION = "urn:ecare:fhir:StructureDefinition:concern-sensitivity";
    static final String OUTCOME_EXTENSION = "urn:ecare:fhir:StructureDefinition:concern-outcome";
    static final String WITHHELD_EXTENSION = "urn:ecare:fhir:StructureDefinition:person-withheld";
    static final String OUTCOME_SYSTEM = "urn:ecare:concern-outcome";
    static final String STAGE_SYSTEM = "urn:ecare:escalation-stage";
    static final String TASK_CODE_SYSTEM = "urn:ecare:task-kind";
    static final String ACKNOWLEDGE = "acknowledge-protection-message";

    private static final String ROUTING_ID = "protection-message-([1-9][0-9]{0,17})-routing-([1-9][0-9]{0,17})";

    private ProtectionResources() {}

    /** The message a Communication id names: the hub's number, as the rest-hook focus {@code Communication/12}. */
    static Optional<ProtectionMessageId> messageId(IdType id) {
        String text = id == null ? null : id.getIdPart();
        if (text == null || !text.matches("[1-9][0-9]{0,17}")) {
            return Optional.empty();
        }
        return Optional.of(new ProtectionMessageId(Long.parseLong(text)));
    }

    /** Whether a Task id is a routing's, {@code protection-message-12-routing-7}, rather than a service request's. */
    static boolean isRoutingTask(IdType id) {
        return id != null && id.getIdPart() != null && id.getIdPart().startsWith("protection-message-");
    }

    /** The message and routing a routing's Task id names. */
    static Optional<RoutingTaskId> routingTaskId(IdType id) {
        String text = id == null ? null : id.getIdPart();
        if (text == null) {
            return Optional.empty();
        }
        var matcher = java.util.regex.Pattern.compile(ROUTING_ID).matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new RoutingTaskId(
                new ProtectionMessageId(Long.parseLong(matcher.group(1))),
                new RoutingId(Long.parseLong(matcher.group(2)))));
    }

    record RoutingTaskId(ProtectionMessageId message, RoutingId routing) {

        String value() {
            return message.reference() + "-" + routing.reference();
        }
    }

    private static Instant lastChanged(ProtectionMessageView view) {
        return view.timeline().isEmpty()
                ? view.raisedAt()
                : view.timeline().get(view.timeline().size() - 1).at();
    }

    /** The case is worked while open and completed once closed (decision 0033). */
    static Communication.CommunicationStatus status(ProtectionMessageView view) {
        return view.open() ? Communication.CommunicationStatus.INPROGRESS : Communication.CommunicationStatus.COMPLETED;
    }

    static Communication communication(Partnership partnership, ProtectionMessageView view) {
        Communication shown = new Communication();
        // Every step adds to the timeline and nothing is ever removed from it, so its length is the version.
        String version = String.valueOf(view.timeline().size());
        shown.setId(new IdType("Communication", String.valueOf(view.id().value()), version));
        shown.getMeta().setVersionId(version);
        shown.getMeta().setLastUpdated(Date.from(lastChanged(view)));
        shown.setStatus(status(view));
        shown.addCategory(new CodeableConcept()
                .addCoding(
                        new Coding(KIND_SYSTEM, view.kind().code(), view.kind().code() + " protection concern"))
                .addCoding(new Coding(HL7_CATEGORY_SYSTEM, "alert", "Alert")));
        shown.setPriority(
                view.priority() == ConcernPriority.URGENT
                        ? Communication.CommunicationPriority.URGENT
                        : Communication.CommunicationPriority.ROUTINE);
        ConcernPersonView subject = view.people().stream()
                .filter(named -> !named.withheld() && named.role() == ConcernRole.SUBJECT)
                .findFirst()
                .orElse(null);
        if (subject != null) {
            shown.setSubject(RecordResources.patient(subject.person()));
        }
        for (ConcernPersonView named : view.people()) {
            if (named.withheld()) {
                // As the module's view does: that someone in this role is linked, never who (no reference, no text).
                shown.addExtension(new Extension(
                        WITHHELD_EXTENSION, new CodeType(named.role().code())));
            } else if (named != subject) {
                shown.addAbout(aboutReference(named.person(), named.role()));
            }
        }
        shown.setSentElement(new DateTimeType(Date.from(view.raisedAt())));
        shown.setSender(
                view.sentBy() != null
                        ? RecordResources.practitioner(view.sentBy())
                        : RecordResources.organization(view.senderAgency()));
        for (Routing routing : view.routings()) {
            shown.addRecipient(RequestResources.team(partnership, routing.team()));
        }
        shown.addPayload().setContent(new StringType(view.concern()));
        for (ProtectionMessageStep step : view.timeline()) {
            if (step.kind() == ProtectionMessageStep.Kind.REPLIED && step.text() != null) {
                Annotation note =
                        new Annotation().setText(step.text()).setTimeElement(new DateTimeType(Date.from(step.at())));
                note.setAuthor(
                        step.by() != null
                                ? RecordResources.practitioner(step.by())
                                : RecordResources.organization(step.agency()));
                shown.addNote(note);
            }
        }
        if (view.outcome() != null) {
            shown.addExtension(new Extension(
                    OUTCOME_EXTENSION,
                    new Coding(
                            OUTCOME_SYSTEM,
                            view.outcome().code(),
                            view.outcome().code().replace('-', ' '))));
        }
        return shown;
    }

    private static Reference aboutReference(PersonId person, ConcernRole role) {
        Reference reference = RecordResources.patient(person);
        reference.addExtension(new Extension(ROLE_EXTENSION, new CodeType(role.code())));
        return reference;
    }

    /** The concern a Communication asks to raise; what it does not say is left for the module to refuse. */
    static ProtectionMessageDraft draft(Communication resource) {
        ConcernKind kind = null;
        for (CodeableConcept category : resource.getCategory()) {
            for (Coding coding : category.getCoding()) {
                if (KIND_SYSTEM.equals(coding.getSystem())) {
                    kind = ConcernKind.fromCode(coding.getCode())
                            .orElseThrow(() -> Parsing.invalid("a Communication's category of " + KIND_SYSTEM
                                    + " is child or adult, not '" + coding.getCode() + "'"));
                }
            }
        }
        ConcernPriority priority = priority(resource.getPriority());
        String concern = resource.getPayload().stream()
                .filter(payload -> payload.getContent() instanceof StringType)
                .map(payload -> ((StringType) payload.getContent()).getValue())
                .findFirst()
                .orElse(null);
        List<ConcernPerson> people = new ArrayList<>();
        if (resource.hasSubject()) {
            people.add(new ConcernPerson(
                    Parsing.patient(resource.getSubject(), "Communication.subject"),
                    ConcernRole.SUBJECT,
                    sensitivity(resource.getSubject())));
        }
        for (Reference about : resource.getAbout()) {
            people.add(
                    new ConcernPerson(Parsing.patient(about, "Communication.about"), role(about), sensitivity(about)));
        }
        return new ProtectionMessageDraft(kind, priority, concern, people);
    }

    private static ConcernPriority priority(Communication.CommunicationPriority priority) {
        if (priority == null || priority == Communication.CommunicationPriority.NULL) {
            return null;
        }
        return switch (priority) {
            case ROUTINE -> ConcernPriority.STANDARD;
            case URGENT -> ConcernPriority.URGENT;
            default ->
                throw Parsing.invalid("a protection message's priority is routine or urgent, not " + priority.toCode());
        };
    }

    private static ConcernRole role(Reference about) {
        Extension extension = about.getExtensionByUrl(ROLE_EXTENSION);
        if (extension == null) {
            return null;
        }
        String code = extension.getValue() == null ? null : extension.getValue().primitiveValue();
        return ConcernRole.fromCode(code)
                .orElseThrow(() -> Parsing.invalid("'" + code + "' is not a role of " + ROLE_EXTENSION));
    }

    private static Sensitivity sensitivity(Reference reference) {
        Extension extension = reference.getExtensionByUrl(SENSITIVITY_EXTENSION);
        if (extension == null) {
            return Sensitivity.NORMAL;
        }
        String code = extension.getValue() == null ? null : extension.getValue().primitiveValue();
        for (Sensitivity sensitivity : Sensitivity.values()) {
            if (sensitivity.name().toLowerCase(java.util.Locale.ROOT).equals(code)) {
                return sensitivity;
            }
        }
        throw Parsing.invalid("'" + code + "' is not normal, restricted or sealed, in " + SENSITIVITY_EXTENSION);
    }

    /** Rises with each change of the routing: an escalation stage reached, then its acknowledgement. */
    static int version(Routing routing) {
        return 1 + routing.stage().number() + (routing.acknowledged() ? 1 : 0);
    }

    /**
     * When the routing last changed, which made its version: its delivery, an escalation or its acknowledgement, each a
     * step of the timeline naming it. A reply or an outcome changes the message, not the routing's Task, so it leaves
     * the Task's time as it was and a version read of the latest version answers as the read does.
     */
    private static Instant changed(ProtectionMessageView view, Routing routing) {
        Instant changed = null;
        for (ProtectionMessageStep step : view.timeline()) {
            if (routing.id().equals(step.routing())) {
                changed = step.at();
            }
        }
        if (changed != null) {
            return changed;
        }
        return routing.acknowledged() ? routing.acknowledgedAt() : lastChanged(view);
    }

    static String stageCode(EscalationStage stage) {
        return stage.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /**
     * The receiving team's acknowledgement of one routing: requested until acknowledged, then completed; the escalation
     * stage as its business status and the deadline as the execution period's end.
     */
    static Task task(Partnership partnership, ProtectionMessageView view, Routing routing) {
        Task task = new Task();
        String version = String.valueOf(version(routing));
        task.setId(new IdType("Task", new RoutingTaskId(view.id(), routing.id()).value(), version));
        task.getMeta().setVersionId(version);
        Instant changed = changed(view, routing);
        task.getMeta().setLastUpdated(Date.from(changed));
        task.setStatus(routing.acknowledged() ? Task.TaskStatus.COMPLETED : Task.TaskStatus.REQUESTED);
        task.setIntent(Task.TaskIntent.ORDER);
        task.setCode(
                new CodeableConcept(new Coding(TASK_CODE_SYSTEM, ACKNOWLEDGE, "acknowledge the protection message")));
        String stage = stageCode(routing.stage());
        task.setBusinessStatus(new CodeableConcept(new Coding(STAGE_SYSTEM, stage, stage.replace('-', ' '))));
        task.setPriority(
                view.priority() == ConcernPriority.URGENT ? Task.TaskPriority.URGENT : Task.TaskPriority.ROUTINE);
        task.setFocus(new Reference("Communication/" + view.id().value()));
        view.people().stream()
                .filter(named -> !named.withheld() && named.role() == ConcernRole.SUBJECT)
                .findFirst()
                .ifPresent(subject -> task.setFor(RecordResources.patient(subject.person())));
        task.setAuthoredOn(Date.from(view.raisedAt()));
        task.setLastModified(Date.from(changed));
        task.setRequester(
                view.sentBy() != null
                        ? RecordResources.practitioner(view.sentBy())
                        : RecordResources.organization(view.senderAgency()));
        task.setOwner(RequestResources.team(partnership, routing.team()));
        task.setExecutionPeriod(new Period().setEndElement(new DateTimeType(Date.from(routing.deadline()))));
        if (routing.acknowledged() && routing.acknowledgedBy() != null) {
            task.addOutput()
                    .setType(new CodeableConcept().setText("acknowledged by"))
                    .setValue(RecordResources.practitioner(routing.acknowledgedBy()));
        }
        return task;
    }
}
