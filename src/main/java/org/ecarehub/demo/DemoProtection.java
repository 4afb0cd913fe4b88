package org.ecarehub.demo;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ecarehub.access.Relationship;
import org.ecarehub.access.Relationships;
import org.ecarehub.access.Requester;
import org.ecarehub.partnership.ConcernKind;
import org.ecarehub.partnership.ConcernPriority;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.protection.ConcernPerson;
import org.ecarehub.protection.ConcernRole;
import org.ecarehub.protection.ProtectionMessageDraft;
import org.ecarehub.protection.ProtectionMessageView;
import org.ecarehub.protection.ProtectionMessages;
import org.ecarehub.protection.ProtectionRegister;
import org.ecarehub.protection.Registration;
import org.ecarehub.protection.RegistrationConcern;
import org.ecarehub.protection.RegistrationDraft;
import org.ecarehub.protection.Routing;
import org.ecarehub.record.Records;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;
import org.ecarehub.transparency.TransparencyLog;
import org.springframework.stereotype.Component;

/**
 * Seeds the Kerr family's protection story (DEMO.md) through the protection and record modules, each step as the
 * practitioner of the story would have taken it, so that every step is decided, logged and withheld from Lisa (W3) like
 * any other: Ryan and Ellie on the register, the police concern hub's message after the domestic incident, routed and
 * acknowledged, and Ryan's attendance at the emergency department, which CP-IS tells the lead social worker's team of.
 * The register keeps the days the story gives; a message and an attendance are stamped by the hub when they happen,
 * so they are seeded at the start (decision 0034).
 */
@Component
class DemoProtection {

    static final Username LEAD = Username.of("sw.blantyre");
    static final TeamId CHILDREN_AND_FAMILIES = TeamId.of("children-families-blantyre");

    /** Who acknowledges the police message for each team it reaches: the story's three, and standby at night. */
    static final Map<TeamId, Username> ACKNOWLEDGED_BY = Map.of(
            CHILDREN_AND_FAMILIES,
            LEAD,
            TeamId.of("health-visiting-blantyre"),
            Username.of("hv.blantyre"),
            TeamId.of("blantyre-primary"),
            Username.of("teacher.blantyre"),
            TeamId.of("social-work-standby"),
            Username.of("duty.sw"));

    private final ProtectionRegister register;
    private final ProtectionMessages messages;
    private final Records records;
    private final Relationships relationships;
    private final TransparencyLog log;

    DemoProtection(
            ProtectionRegister register,
            ProtectionMessages messages,
            Records records,
            Relationships relationships,
            TransparencyLog log) {
        this.log = log;
        this.register = register;
        this.messages = messages;
        this.records = records;
        this.relationships = relationships;
    }

    /**
     * Whether Ryan is on the register already: the registration's lead-professional relationship says so without a
     * decision to log, as the stories' own check does.
     */
    boolean seeded(PersonId ryan) {
        return relationships.of(ryan).stream()
                .map(Relationship::source)
                .anyMatch(source -> source != null && source.startsWith("protection-registration-"));
    }

    void seedKerrs(PersonId ryan, PersonId ellie, PersonId lisa, PersonId mark, LocalDate seedDay) {
        // The planning meeting registered both children four months ago; the review conference after the police
        // message and Ryan's attendance brought the next review forward.
        LocalDate registeredOn = seedDay.minusMonths(4);
        LocalDate conference = seedDay.minusDays(7);
        Requester lead = new Requester.Staff(
                LEAD, Purpose.CHILD_PROTECTION, "Child protection planning meeting: registration and review");
        // Each step is replayed with the time the story gives it (decision 0037); the hub still stamps its own.
        for (PersonId child : List.of(ryan, ellie)) {
            Registration registration = log.replaying(
                    DemoHistory.at(registeredOn, 14, 0),
                    () -> register.register(
                            lead,
                            RegistrationDraft.child(
                                    child,
                                    registeredOn,
                                    Set.of(RegistrationConcern.NEGLECT),
                                    LEAD,
                                    CHILDREN_AND_FAMILIES,
                                    registeredOn.plusMonths(6))));
            log.replaying(
                    DemoHistory.at(conference, 13, 0),
                    () -> register.review(
                            lead, registration.id(), registration.version(), conference, conference.plusMonths(3)));
        }

        LocalDate incident = seedDay.minusWeeks(3);
        ProtectionMessageView message = log.replaying(
                DemoHistory.at(incident, 23, 40),
                () -> messages.raise(
                        new Requester.Staff(
                                Username.of("police.hub"),
                                Purpose.CHILD_PROTECTION,
                                "Domestic incident at the family home; children present"),
                        new ProtectionMessageDraft(
                                ConcernKind.CHILD,
                                ConcernPriority.STANDARD,
                                "Officers attended a domestic incident at 7 Calder Street, Blantyre, on the night of "
                                        + incident.format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK))
                                        + ", reported by a neighbour. Lisa Kerr and her partner Mark Boyle were arguing;"
                                        + " Mark Boyle had been drinking and left before officers arrived. Ryan and Ellie"
                                        + " were in the house and awake; Ryan said he was frightened. No injuries seen."
                                        + " Mark Boyle has previous domestic abuse reports with a former partner.",
                                List.of(
                                        ConcernPerson.of(ryan, ConcernRole.SUBJECT),
                                        ConcernPerson.of(ellie, ConcernRole.SUBJECT),
                                        ConcernPerson.of(lisa, ConcernRole.PARENT),
                                        ConcernPerson.of(mark, ConcernRole.POSING_RISK)))));
        for (Routing routing : message.routings()) {
            Username by = ACKNOWLEDGED_BY.get(routing.team());
            if (by == null) {
                // The demo partnership routes a concern about the Kerr children to the story's teams only.
                throw new IllegalStateException("the demo partnership routed the Kerr children's protection message"
                        + " to team " + routing.team() + ", which the story does not name");
            }
            log.replaying(
                    DemoHistory.at(incident.plusDays(1), 9, 15),
                    () -> messages.acknowledge(
                            new Requester.Staff(by, Purpose.CHILD_PROTECTION, "Acknowledged for the team"),
                            message.id(),
                            routing.id()));
        }

        // The emergency department reads Ryan's record under the emergency purpose; the record returns his flag, so
        // CP-IS stores the attendance and tells the lead social worker's team, in the seeding's transaction.
        log.replaying(
                DemoHistory.at(seedDay.minusDays(10), 16, 20),
                () -> records.read(new Requester.Staff(Username.of("ed.wishaw"), Purpose.EMERGENCY, null), ryan));
    }
}
