package org.ecarehub.fhir.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.ecarehub.access.DecisionFlag;
import org.ecarehub.record.Alert;
import org.ecarehub.record.AlertContact;
import org.ecarehub.record.AlertType;
import org.ecarehub.record.CarePlan;
import org.ecarehub.record.CarePlanAction;
import org.ecarehub.record.CarePlanReview;
import org.ecarehub.record.ItemStatus;
import org.ecarehub.record.ItemView;
import org.ecarehub.record.RecordItem;
import org.ecarehub.record.RecordItemId;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * Record items as FHIR resources: alerts as Flag, care plans as CarePlan (the Single Shared Assessment is in {@link
 * AssessmentResources}). A resource's id is the item's reference ({@code record-item-12}) and its version id the item's
 * version, which an update must name.
 */
final class RecordResources {

    static final String ALERT_TYPE_SYSTEM = "urn:ecare:alert-type";
    static final String FLAG_CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/flag-category";
    static final String DECISION_FLAG_SYSTEM = "urn:ecare:decision-flag";
    static final String ALERT_CONTACT_EXTENSION = "urn:ecare:fhir:StructureDefinition:alert-contact";
    static final String REVIEW_DATE_EXTENSION = "urn:ecare:fhir:StructureDefinition:review-date";

    private RecordResources() {}

    /** The item a resource id names, or empty when the id is not an item's reference. */
    static Optional<RecordItemId> itemId(IdType id) {
        return id == null ? Optional.empty() : RecordItemId.parse(id.getIdPart());
    }

    /**
     * The id, version and last update of an item's resource, and the tags that say how it was shared: a page marks an
     * item shared without consent or under break-glass, and so does this.
     */
    static void identify(DomainResource resource, String type, ItemView view) {
        identify(resource, type, view.item());
        for (DecisionFlag flag : view.decision().flags()) {
            resource.getMeta()
                    .addTag(new Coding(
                            DECISION_FLAG_SYSTEM, flag.code(), flag.code().replace('-', ' ')));
        }
    }

    /** The id, version and last update of an item's resource, for an item just written by the caller. */
    static void identify(DomainResource resource, String type, RecordItem item) {
        String version = String.valueOf(item.version());
        resource.setId(new IdType(type, item.id().reference(), version));
        resource.getMeta().setVersionId(version);
        resource.getMeta().setLastUpdated(Date.from(item.updated()));
    }

    static Reference patient(PersonId person) {
        return new Reference("Patient/" + person.value());
    }

    static Reference organization(AgencyId agency) {
        return new Reference("Organization/" + agency.value());
    }

    static Reference practitioner(Username user) {
        return new Reference("Practitioner/" + user.value());
    }

    static Reference team(TeamId team) {
        return new Reference()
                .setIdentifier(new Identifier()
                        .setSystem(InvolvementResources.TEAM_SYSTEM)
                        .setValue(team.value()));
    }

    // Flag -----------------------------------------------------------------------------------------------------------

    /**
     * An alert as a Flag: active until it is ended, its period from its raising to its end; its type as the hub's code and, where one fits, a category of
     * HL7's flag categories (the child protection flag and a risk to visiting staff are {@code safety}); the alert's
     * words as the code's text; whom to contact as an extension, since Flag has no place for it.
     */
    static Flag flag(ItemView view) {
        Flag flag = flag(view.item());
        identify(flag, "Flag", view);
        return flag;
    }

    static Flag flag(RecordItem item) {
        Alert alert = item.content(Alert.class);
        Flag flag = new Flag();
        identify(flag, "Flag", item);
        flag.setStatus(item.status() == ItemStatus.ENDED ? Flag.FlagStatus.INACTIVE : Flag.FlagStatus.ACTIVE);
        flag.addCategory(alertCategory(alert.type()));
        flag.setCode(new CodeableConcept(alertType(alert.type())).setText(alert.text()));
        flag.setSubject(patient(item.person()));
        // From the alert's raising to the version that ended it: an ended alert is never changed again.
        flag.setPeriod(new Period().setStart(Date.from(item.created())));
        if (item.status() == ItemStatus.ENDED) {
            flag.getPeriod().setEnd(Date.from(item.current().at()));
        }
        flag.setAuthor(organization(item.owner()));
        if (alert.contact() != null) {
            flag.addExtension(contact(alert.contact()));
        }
        return flag;
    }

    static Coding alertType(AlertType type) {
        return new Coding(ALERT_TYPE_SYSTEM, type.code(), type.code().replace('-', ' '));
    }

    /** The hub's alert type and, where one fits, the HL7 flag category it falls under. */
    static CodeableConcept alertCategory(AlertType type) {
        CodeableConcept category = new CodeableConcept(alertType(type));
        standardCategory(type)
                .ifPresent(code -> category.addCoding(new Coding(FLAG_CATEGORY_SYSTEM, code, display(code))));
        return category;
    }

    static Optional<String> standardCategory(AlertType type) {
        return switch (type) {
            case CHILD_PROTECTION, RISK_TO_VISITING_STAFF -> Optional.of("safety");
            case ALLERGY -> Optional.of("clinical");
            case COMMUNICATION_NEEDS -> Optional.of("contact");
            case OTHER -> Optional.empty();
        };
    }

    private static String display(String flagCategory) {
        return switch (flagCategory) {
            case "safety" -> "Safety";
            case "clinical" -> "Clinical";
            case "contact" -> "Subject Contact";
            default -> flagCategory;
        };
    }

    private static Extension contact(AlertContact contact) {
        Extension extension = new Extension(ALERT_CONTACT_EXTENSION);
        extension.addExtension(new Extension("name", new StringType(contact.name())));
        if (contact.staff() != null) {
            extension.addExtension(new Extension("practitioner", practitioner(contact.staff())));
        }
        if (contact.team() != null) {
            extension.addExtension(new Extension(
                    "team",
                    new Identifier()
                            .setSystem(InvolvementResources.TEAM_SYSTEM)
                            .setValue(contact.team().value())));
        }
        extension.addExtension(new Extension("how-to-reach", new StringType(contact.howToReach())));
        return extension;
    }

    // CarePlan -------------------------------------------------------------------------------------------------------

    /**
     * A care plan as a CarePlan: its outcomes as contained Goals, each action as an activity whose performers are the
     * agency and, when named, its team and member of staff, with when as the activity's schedule; each review as a
     * note by its reviewer; the next review date as an extension, since CarePlan has no place for it.
     */
    static org.hl7.fhir.r4.model.CarePlan carePlan(ItemView view) {
        org.hl7.fhir.r4.model.CarePlan shown = carePlan(view.item());
        identify(shown, "CarePlan", view);
        return shown;
    }

    static org.hl7.fhir.r4.model.CarePlan carePlan(RecordItem item) {
        CarePlan plan = item.content(CarePlan.class);
        org.hl7.fhir.r4.model.CarePlan shown = new org.hl7.fhir.r4.model.CarePlan();
        identify(shown, "CarePlan", item);
        shown.setStatus(org.hl7.fhir.r4.model.CarePlan.CarePlanStatus.ACTIVE);
        shown.setIntent(org.hl7.fhir.r4.model.CarePlan.CarePlanIntent.PLAN);
        shown.setSubject(patient(item.person()));
        // A plan runs from when it was made, reviewed rather than ended, so its period has no end.
        shown.setPeriod(new Period().setStart(Date.from(item.created())));
        shown.setAuthor(
                item.current().author() != null ? practitioner(item.current().author()) : organization(item.owner()));
        shown.addContributor(organization(item.owner()));
        shown.addExtension(new Extension(
                REVIEW_DATE_EXTENSION, new DateType(plan.reviewDate().toString())));
        int number = 0;
        for (String outcome : plan.outcomes()) {
            number++;
            Goal goal = new Goal();
            goal.setId("outcome-" + number);
            goal.setLifecycleStatus(Goal.GoalLifecycleStatus.ACTIVE);
            goal.setDescription(new CodeableConcept().setText(outcome));
            goal.setSubject(patient(item.person()));
            shown.addContained(goal);
            shown.addGoal(new Reference("#outcome-" + number));
        }
        for (CarePlanAction action : plan.actions()) {
            org.hl7.fhir.r4.model.CarePlan.CarePlanActivityDetailComponent detail =
                    shown.addActivity().getDetail();
            detail.setStatus(org.hl7.fhir.r4.model.CarePlan.CarePlanActivityStatus.UNKNOWN);
            detail.setDescription(action.what());
            detail.setScheduled(new StringType(action.when()));
            detail.addPerformer(organization(action.agency()));
            if (action.team() != null) {
                detail.addPerformer(team(action.team()));
            }
            if (action.staff() != null) {
                detail.addPerformer(practitioner(action.staff()));
            }
        }
        for (CarePlanReview review : plan.reviews()) {
            shown.addNote(new Annotation()
                    .setAuthor(practitioner(review.by()))
                    .setTimeElement(new DateTimeType(review.date().toString()))
                    .setText(review.note()));
        }
        return shown;
    }

    /**
     * The care plan a CarePlan states: outcomes from its Goals (contained, by their description), actions from its
     * activities, reviews from its notes by a Practitioner, the review date from its extension.
     */
    static CarePlan carePlan(org.hl7.fhir.r4.model.CarePlan resource) {
        List<String> outcomes = new ArrayList<>();
        for (Reference goal : resource.getGoal()) {
            Goal contained = containedGoal(resource, goal)
                    .orElseThrow(() -> Outcomes.invalid(
                            Outcomes.INVALID_RESOURCE,
                            "each goal of a CarePlan is a contained Goal, referenced as #id"));
            outcomes.add(contained.getDescription().getText());
        }
        List<CarePlanAction> actions = new ArrayList<>();
        for (org.hl7.fhir.r4.model.CarePlan.CarePlanActivityComponent activity : resource.getActivity()) {
            org.hl7.fhir.r4.model.CarePlan.CarePlanActivityDetailComponent detail = activity.getDetail();
            AgencyId agency = null;
            TeamId team = null;
            Username staff = null;
            for (Reference performer : detail.getPerformer()) {
                String reference = performer.getReference();
                if (reference != null && reference.startsWith("Organization/")) {
                    agency = Parsing.agency(reference.substring("Organization/".length()));
                } else if (reference != null && reference.startsWith("Practitioner/")) {
                    staff = Parsing.username(reference.substring("Practitioner/".length()));
                } else if (performer.hasIdentifier()
                        && InvolvementResources.TEAM_SYSTEM.equals(
                                performer.getIdentifier().getSystem())) {
                    team = Parsing.team(performer.getIdentifier().getValue());
                }
            }
            String when = detail.getScheduled() instanceof StringType text ? text.getValue() : null;
            actions.add(new CarePlanAction(detail.getDescription(), agency, team, staff, when));
        }
        List<CarePlanReview> reviews = new ArrayList<>();
        for (Annotation note : resource.getNote()) {
            String by = note.getAuthor() instanceof Reference author ? author.getReference() : null;
            if (by == null || !by.startsWith("Practitioner/") || !note.hasTimeElement()) {
                throw Outcomes.invalid(
                        Outcomes.INVALID_RESOURCE,
                        "each note of a CarePlan is a review, with its time and its author as Practitioner/USERNAME");
            }
            reviews.add(new CarePlanReview(
                    Parsing.day(note.getTimeElement().getValueAsString()),
                    Parsing.username(by.substring("Practitioner/".length())),
                    note.getText()));
        }
        Extension reviewDate = resource.getExtensionByUrl(REVIEW_DATE_EXTENSION);
        LocalDate review = reviewDate == null || !(reviewDate.getValue() instanceof DateType date)
                ? null
                : Parsing.day(date.getValueAsString());
        return new CarePlan(outcomes, actions, review, reviews);
    }

    private static Optional<Goal> containedGoal(org.hl7.fhir.r4.model.CarePlan plan, Reference goal) {
        if (goal.getResource() instanceof Goal resolved) {
            return Optional.of(resolved);
        }
        String reference = goal.getReference();
        if (reference == null || !reference.startsWith("#")) {
            return Optional.empty();
        }
        return plan.getContained().stream()
                .filter(Goal.class::isInstance)
                .map(Goal.class::cast)
                .filter(found ->
                        reference.substring(1).equals(found.getIdElement().getIdPart())
                                || reference.equals(found.getId()))
                .findFirst();
    }
}
