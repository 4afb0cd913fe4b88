package org.ecarehub.fhir.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.ecarehub.record.Assessment;
import org.ecarehub.record.EligibilityBand;
import org.ecarehub.record.ItemStatus;
import org.ecarehub.record.ItemView;
import org.ecarehub.record.RecordItem;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

/**
 * The Single Shared Assessment as FHIR: one static Questionnaire the hub defines, with the Scottish SSA's sections as
 * groups, and each assessment as a QuestionnaireResponse to it. A draft is {@code in-progress}, a signed assessment
 * {@code completed}, and one a later signed assessment superseded {@code amended}, with the one that replaced it in
 * an extension.
 */
final class AssessmentResources {

    static final String QUESTIONNAIRE_ID = "single-shared-assessment";
    static final String QUESTIONNAIRE_URL = "urn:ecare:fhir:Questionnaire:single-shared-assessment";
    static final String QUESTIONNAIRE_VERSION = "1";
    static final String ELIGIBILITY_SYSTEM = "urn:ecare:eligibility-band";
    static final String SUPERSEDED_BY_EXTENSION = "urn:ecare:fhir:StructureDefinition:superseded-by";

    private AssessmentResources() {}

    /** One question of the assessment: its link id, its wording, its type, and where it is in {@link Assessment}. */
    private record Question(
            String linkId, String text, Questionnaire.QuestionnaireItemType type, Function<Assessment, Object> value) {}

    private record Section(String linkId, String title, List<Question> questions) {}

    private static Question text(String linkId, String text, Function<Assessment, Object> value) {
        return new Question(linkId, text, Questionnaire.QuestionnaireItemType.TEXT, value);
    }

    /** The sections of the Scottish SSA, in its order; finances only as whether help is needed. */
    private static final List<Section> SECTIONS = List.of(
            new Section(
                    "section-personal-details",
                    "Personal details",
                    List.of(text("personal-details", "Personal details", Assessment::personalDetails))),
            new Section(
                    "section-own-view",
                    "The person's own view and the outcomes they want",
                    List.of(
                            text("own-view", "The person's own view of their situation", Assessment::ownView),
                            new Question(
                                    "outcomes-wanted",
                                    "An outcome the person wants, in their words",
                                    Questionnaire.QuestionnaireItemType.STRING,
                                    Assessment::outcomesWanted))),
            new Section(
                    "section-health-and-medication",
                    "Health and medication summary",
                    List.of(text(
                            "health-and-medication",
                            "Health and medication summary",
                            Assessment::healthAndMedication))),
            new Section(
                    "section-personal-care",
                    "Personal care",
                    List.of(text("personal-care", "Personal care", Assessment::personalCare))),
            new Section(
                    "section-domestic-tasks",
                    "Domestic tasks",
                    List.of(text("domestic-tasks", "Domestic tasks", Assessment::domesticTasks))),
            new Section(
                    "section-mobility-and-falls",
                    "Mobility and falls",
                    List.of(text("mobility-and-falls", "Mobility and falls", Assessment::mobilityAndFalls))),
            new Section(
                    "section-memory-communication-and-wellbeing",
                    "Memory, communication and mental wellbeing",
                    List.of(text(
                            "memory-communication-and-wellbeing",
                            "Memory, communication and mental wellbeing",
                            Assessment::memoryCommunicationAndWellbeing))),
            new Section(
                    "section-carers",
                    "Carers and support network",
                    List.of(
                            text(
                                    "carers-and-support-network",
                                    "Carers and support network",
                                    Assessment::carersAndSupportNetwork),
                            text("carers-own-view", "The carer's own view", Assessment::carersOwnView))),
            new Section(
                    "section-home-environment-and-safety",
                    "Home environment and safety",
                    List.of(text(
                            "home-environment-and-safety",
                            "Home environment and safety",
                            Assessment::homeEnvironmentAndSafety))),
            new Section(
                    "section-finances",
                    "Finances",
                    List.of(new Question(
                            "financial-help-needed",
                            "Does the person need help with money matters?",
                            Questionnaire.QuestionnaireItemType.BOOLEAN,
                            Assessment::financialHelpNeeded))),
            new Section("section-risks", "Risks", List.of(text("risks", "Risks", Assessment::risks))),
            new Section(
                    "section-summary",
                    "Summary of need and eligibility",
                    List.of(
                            text("summary-of-need", "Summary of need", Assessment::summaryOfNeed),
                            new Question(
                                    "eligibility",
                                    "Eligibility band",
                                    Questionnaire.QuestionnaireItemType.CHOICE,
                                    Assessment::eligibility))));

    /** The hub's Questionnaire for the Single Shared Assessment: the same for everyone, and about nobody. */
    static Questionnaire questionnaire() {
        Questionnaire questionnaire = new Questionnaire();
        questionnaire.setId(QUESTIONNAIRE_ID);
        questionnaire.setUrl(QUESTIONNAIRE_URL);
        questionnaire.setVersion(QUESTIONNAIRE_VERSION);
        questionnaire.setName("SingleSharedAssessment");
        questionnaire.setTitle("Single Shared Assessment");
        questionnaire.setStatus(Enumerations.PublicationStatus.ACTIVE);
        questionnaire.setPublisher("eCare Hub");
        questionnaire.setDescription("The Scottish Single Shared Assessment of a person's needs for care and support,"
                + " done once and shared. Finances are recorded only as whether help is needed.");
        questionnaire.addSubjectType("Patient");
        for (Section section : SECTIONS) {
            Questionnaire.QuestionnaireItemComponent group = questionnaire
                    .addItem()
                    .setLinkId(section.linkId())
                    .setText(section.title())
                    .setType(Questionnaire.QuestionnaireItemType.GROUP);
            for (Question question : section.questions()) {
                Questionnaire.QuestionnaireItemComponent item = group.addItem()
                        .setLinkId(question.linkId())
                        .setText(question.text())
                        .setType(question.type());
                if (question.linkId().equals("outcomes-wanted")) {
                    item.setRepeats(true);
                }
                if (question.type() == Questionnaire.QuestionnaireItemType.CHOICE) {
                    for (EligibilityBand band : EligibilityBand.values()) {
                        item.addAnswerOption().setValue(eligibility(band));
                    }
                }
            }
        }
        return questionnaire;
    }

    static Coding eligibility(EligibilityBand band) {
        String display = band.code().substring(0, 1).toUpperCase() + band.code().substring(1);
        return new Coding(ELIGIBILITY_SYSTEM, band.code(), display);
    }

    static QuestionnaireResponse.QuestionnaireResponseStatus status(ItemStatus status) {
        return switch (status) {
            case DRAFT -> QuestionnaireResponse.QuestionnaireResponseStatus.INPROGRESS;
            case SIGNED -> QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED;
            case SUPERSEDED -> QuestionnaireResponse.QuestionnaireResponseStatus.AMENDED;
            case ACTIVE, ENDED -> throw new IllegalStateException("an assessment is never " + status);
        };
    }

    /** An assessment as a QuestionnaireResponse, only the questions answered, in the sections' order. */
    static QuestionnaireResponse response(ItemView view) {
        QuestionnaireResponse response = response(view.item());
        RecordResources.identify(response, "QuestionnaireResponse", view);
        return response;
    }

    /** As {@link #response(ItemView)}, for an item just written, whose decision the writer holds no view of. */
    static QuestionnaireResponse response(RecordItem item) {
        Assessment assessment = item.content(Assessment.class);
        QuestionnaireResponse response = new QuestionnaireResponse();
        RecordResources.identify(response, "QuestionnaireResponse", item);
        response.setQuestionnaire(QUESTIONNAIRE_URL + "|" + QUESTIONNAIRE_VERSION);
        response.setStatus(status(item.status()));
        response.setSubject(RecordResources.patient(item.person()));
        response.setAuthoredElement(new DateTimeType(Date.from(item.updated())));
        if (item.current().author() != null) {
            response.setAuthor(RecordResources.practitioner(item.current().author()));
        } else {
            response.setAuthor(RecordResources.organization(item.owner()));
        }
        if (item.supersededBy() != null) {
            response.addExtension(new Extension(
                    SUPERSEDED_BY_EXTENSION,
                    new Reference("QuestionnaireResponse/" + item.supersededBy().reference())));
        }
        for (Section section : SECTIONS) {
            QuestionnaireResponseItemComponent group = new QuestionnaireResponseItemComponent()
                    .setLinkId(section.linkId())
                    .setText(section.title());
            for (Question question : section.questions()) {
                List<Type> answers = answers(question.value().apply(assessment));
                if (!answers.isEmpty()) {
                    QuestionnaireResponseItemComponent answered =
                            group.addItem().setLinkId(question.linkId()).setText(question.text());
                    answers.forEach(answer -> answered.addAnswer().setValue(answer));
                }
            }
            if (group.hasItem()) {
                response.addItem(group);
            }
        }
        return response;
    }

    private static List<Type> answers(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> texts) {
            return texts.stream()
                    .map(text -> (Type) new StringType((String) text))
                    .toList();
        }
        if (value instanceof Boolean yes) {
            return List.of(new BooleanType(yes));
        }
        if (value instanceof EligibilityBand band) {
            return List.of(eligibility(band));
        }
        return List.of(new StringType((String) value));
    }

    /**
     * The assessment a QuestionnaireResponse states: answers found by link id, in their groups or not; a link id the
     * Questionnaire does not have, or an answer of the wrong type, is refused rather than dropped.
     */
    static Assessment assessment(QuestionnaireResponse response) {
        String questionnaire = response.getQuestionnaire();
        if (questionnaire == null
                || !(questionnaire.equals(QUESTIONNAIRE_URL)
                        || questionnaire.equals(QUESTIONNAIRE_URL + "|" + QUESTIONNAIRE_VERSION))) {
            throw Parsing.invalid("a QuestionnaireResponse here answers the Questionnaire " + QUESTIONNAIRE_URL);
        }
        Map<String, Question> questions = new LinkedHashMap<>();
        SECTIONS.forEach(
                section -> section.questions().forEach(question -> questions.put(question.linkId(), question)));
        Map<String, List<Type>> answered = new LinkedHashMap<>();
        collect(response.getItem(), questions, answered);
        return new Assessment(
                single(answered, "personal-details"),
                single(answered, "own-view"),
                answered.getOrDefault("outcomes-wanted", List.of()).stream()
                        .map(answer -> ((StringType) answer).getValue())
                        .toList(),
                single(answered, "health-and-medication"),
                single(answered, "personal-care"),
                single(answered, "domestic-tasks"),
                single(answered, "mobility-and-falls"),
                single(answered, "memory-communication-and-wellbeing"),
                single(answered, "carers-and-support-network"),
                single(answered, "carers-own-view"),
                single(answered, "home-environment-and-safety"),
                answered.containsKey("financial-help-needed")
                        ? ((BooleanType) answered.get("financial-help-needed").get(0)).getValue()
                        : null,
                single(answered, "risks"),
                single(answered, "summary-of-need"),
                answered.containsKey("eligibility")
                        ? band((Coding) answered.get("eligibility").get(0))
                        : null);
    }

    private static void collect(
            List<QuestionnaireResponseItemComponent> items,
            Map<String, Question> questions,
            Map<String, List<Type>> answered) {
        for (QuestionnaireResponseItemComponent item : items) {
            String linkId = item.getLinkId();
            if (linkId != null && linkId.startsWith("section-") && !item.hasAnswer()) {
                collect(item.getItem(), questions, answered);
                continue;
            }
            Question question = questions.get(linkId);
            if (question == null) {
                throw Parsing.invalid("the Single Shared Assessment has no question '" + linkId + "'");
            }
            if (answered.containsKey(linkId)) {
                throw Parsing.invalid("the question '" + linkId + "' is answered twice");
            }
            List<Type> answers = new ArrayList<>();
            for (QuestionnaireResponseItemAnswerComponent answer : item.getAnswer()) {
                answers.add(typed(question, answer.getValue()));
            }
            if (answers.size() > 1 && !linkId.equals("outcomes-wanted")) {
                throw Parsing.invalid("the question '" + linkId + "' takes one answer");
            }
            if (!answers.isEmpty()) {
                answered.put(linkId, answers);
            }
        }
    }

    private static Type typed(Question question, Type value) {
        boolean fits = switch (question.type()) {
            case TEXT, STRING -> value instanceof StringType;
            case BOOLEAN -> value instanceof BooleanType;
            case CHOICE -> value instanceof Coding;
            default -> false;
        };
        if (!fits) {
            throw Parsing.invalid("the answer to '" + question.linkId() + "' is a "
                    + switch (question.type()) {
                        case BOOLEAN -> "valueBoolean";
                        case CHOICE -> "valueCoding of " + ELIGIBILITY_SYSTEM;
                        default -> "valueString";
                    });
        }
        return value;
    }

    private static String single(Map<String, List<Type>> answered, String linkId) {
        List<Type> answers = answered.get(linkId);
        return answers == null ? null : ((StringType) answers.get(0)).getValue();
    }

    private static EligibilityBand band(Coding coding) {
        if (!ELIGIBILITY_SYSTEM.equals(coding.getSystem())) {
            throw Parsing.invalid("the eligibility band is a code of " + ELIGIBILITY_SYSTEM);
        }
        return EligibilityBand.fromCode(coding.getCode())
                .orElseThrow(() -> Parsing.invalid("the eligibility band is one of "
                        + String.join(
                                ", ",
                                Arrays.stream(EligibilityBand.values())
                                        .map(EligibilityBand::code)
                                        .toList())));
    }
}
