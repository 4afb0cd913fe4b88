package org.ecarehub.fhir.internal;

import java.util.Date;
import java.util.Map;
import java.util.Optional;
import org.ecarehub.shared.PersonId;
import org.ecarehub.transparency.LoggedEvent;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;

/**
 * An event of the transparency log about a person as an AuditEvent in the shape of IHE Basic Audit Log Patterns: type
 * {@code rest} for an access decision, the restful interaction as subtype, the action, the outcome (0 allowed, 4
 * refused), who acted as the requesting agent with the purpose of use, the hub as source, and the person as the Patient
 * entity with the record items and categories the event names. Only ids and codes: the log holds nothing else. No
 * {@code meta.profile}: the BALP package is not loaded to validate against (the reasoning of decision 0030).
 */
final class AuditEventResources {

    static final String EVENT_TYPE_SYSTEM = "urn:ecare:log-event-type";
    static final String ACTION_SYSTEM = "urn:ecare:action";
    static final String PURPOSE_SYSTEM = "urn:ecare:purpose";
    static final String ITEM_SYSTEM = "urn:ecare:item";
    static final String CLIENT_SYSTEM = "urn:ecare:client-id";
    static final String ACCOUNT_SYSTEM = "urn:ecare:account";
    static final String USERNAME_SYSTEM = "urn:ecare:username";

    private static final String AUDIT_EVENT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type";
    private static final String RESTFUL_INTERACTION = "http://hl7.org/fhir/restful-interaction";
    private static final String ACT_REASON = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
    private static final String ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    private static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
    private static final String SOURCE_TYPE = "http://terminology.hl7.org/CodeSystem/security-source-type";

    /** POLICY.md's purposes that have a v3 ActReason of the same meaning; the others carry only the hub's code. */
    private static final Map<String, String> ACT_REASONS = Map.of(
            "direct-care", "TREAT",
            "emergency", "ETREAT",
            "audit", "HOPERAT",
            "administration", "HOPERAT",
            "subject-access", "PATRQT");

    private AuditEventResources() {}

    /** The resource id: the person it was asked about and the event's number, so that a read can be decided. */
    static String id(PersonId person, long event) {
        return person.value() + "." + event;
    }

    /** The person and event an id names; empty for an id no AuditEvent could have. */
    static Optional<Map.Entry<PersonId, Long>> parseId(String id) {
        int dot = id == null ? -1 : id.lastIndexOf('.');
        if (dot < 1) {
            return Optional.empty();
        }
        try {
            long event = Long.parseLong(id.substring(dot + 1));
            return event < 1 ? Optional.empty() : Optional.of(Map.entry(PersonId.of(id.substring(0, dot)), event));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }

    static AuditEvent auditEvent(PersonId person, LoggedEvent event) {
        AuditEvent audit = new AuditEvent();
        audit.setId(id(person, event.id()));
        boolean access = "access".equals(event.type());
        audit.setType(
                access
                        ? new Coding(AUDIT_EVENT_TYPE, "rest", null)
                        : new Coding(EVENT_TYPE_SYSTEM, event.type() == null ? "unknown" : event.type(), null));
        if (event.action() != null) {
            restful(event.action()).ifPresent(code -> audit.addSubtype(new Coding(RESTFUL_INTERACTION, code, null)));
            audit.addSubtype(new Coding(ACTION_SYSTEM, event.action(), null));
        }
        audit.setAction(action(event.action()));
        audit.setRecorded(Date.from(event.time()));
        if (event.occurredAt() != null) {
            // A replayed step (decision 0037): recorded when logged, but it says when it happened.
            Date happened = Date.from(event.occurredAt());
            audit.setPeriod(new Period().setStart(happened).setEnd(happened));
        }
        if ("deny".equals(event.decision())) {
            audit.setOutcome(AuditEventOutcome._4);
            if (!event.rules().isEmpty()) {
                audit.setOutcomeDesc("refused by " + String.join(", ", event.rules()));
            }
        } else {
            audit.setOutcome(AuditEventOutcome._0);
        }
        CodeableConcept purpose = purpose(event.purpose());
        if (purpose != null) {
            audit.addPurposeOfEvent(purpose);
        }
        AuditEvent.AuditEventAgentComponent agent = audit.addAgent().setRequestor(true);
        agent.setWho(who(event));
        if (purpose != null) {
            agent.addPurposeOfUse(purpose.copy());
        }
        audit.getSource()
                .setSite("eCare Hub")
                .setObserver(new Reference().setDisplay("eCare Hub"))
                .addType(new Coding(SOURCE_TYPE, "4", null));
        AuditEvent.AuditEventEntityComponent patient = audit.addEntity()
                .setWhat(new Reference("Patient/" + person.value()))
                .setType(new Coding(ENTITY_TYPE, "1", null))
                .setRole(new Coding(OBJECT_ROLE, "1", null));
        for (String category : event.categories()) {
            patient.addDetail().setType("category").setValue(new org.hl7.fhir.r4.model.StringType(category));
        }
        for (String item : event.items()) {
            audit.addEntity()
                    .setWhat(new Reference()
                            .setIdentifier(
                                    new Identifier().setSystem(ITEM_SYSTEM).setValue(item)))
                    .setType(new Coding(ENTITY_TYPE, "2", null))
                    .setRole(new Coding(OBJECT_ROLE, "4", null));
        }
        return audit;
    }

    /** Who acted, by id only: a staff account as its Practitioner, a system by its client id, the hub by name. */
    private static Reference who(LoggedEvent event) {
        Reference who = new Reference();
        String agency = event.agency();
        if ("staff".equals(event.kind()) && event.account() != null) {
            who.setReference("Practitioner/" + event.account());
            who.setIdentifier(identifier(USERNAME_SYSTEM, event.account(), agency));
        } else if ("system".equals(event.kind()) && event.account() != null) {
            who.setIdentifier(identifier(CLIENT_SYSTEM, event.account(), agency));
        } else if (event.account() != null) {
            who.setIdentifier(identifier(ACCOUNT_SYSTEM + ":" + event.kind(), event.account(), agency));
        } else {
            who.setDisplay("eCare Hub");
        }
        return who;
    }

    private static Identifier identifier(String system, String value, String agency) {
        Identifier identifier = new Identifier().setSystem(system).setValue(value);
        if (agency != null) {
            identifier.setAssigner(new Reference("Organization/" + agency));
        }
        return identifier;
    }

    private static CodeableConcept purpose(String code) {
        if (code == null) {
            return null;
        }
        CodeableConcept purpose = new CodeableConcept();
        String reason = ACT_REASONS.get(code);
        if (reason != null) {
            purpose.addCoding(new Coding(ACT_REASON, reason, null));
        }
        purpose.addCoding(new Coding(PURPOSE_SYSTEM, code, null));
        return purpose;
    }

    /** The restful interaction an action of POLICY.md is, where one is. */
    private static Optional<String> restful(String action) {
        return switch (action) {
            case "read" -> Optional.of("read");
            case "create" -> Optional.of("create");
            case "update" -> Optional.of("update");
            default -> Optional.empty();
        };
    }

    private static AuditEventAction action(String action) {
        if (action == null) {
            return AuditEventAction.E;
        }
        return switch (action) {
            case "create" -> AuditEventAction.C;
            case "update" -> AuditEventAction.U;
            // A disclosure and an export are reads of what the hub holds, by another agency or out of the hub.
            case "read", "disclose", "export" -> AuditEventAction.R;
            default -> AuditEventAction.E;
        };
    }
}
