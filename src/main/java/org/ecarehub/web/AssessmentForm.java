package org.ecarehub.web;

import java.util.List;
import java.util.Optional;
import org.ecarehub.record.Assessment;
import org.ecarehub.record.EligibilityBand;
import org.ecarehub.record.RecordRefused;

/**
 * The Single Shared Assessment's form as typed, one field per section of the Scottish SSA; public only so that the
 * templates can list an assessment's sections.
 *
 * @param finances {@code yes}, {@code no} or null: finances are recorded only as whether help is needed
 * @param eligibility an eligibility band's code, or null while not decided
 */
public record AssessmentForm(
        String version,
        String personalDetails,
        String ownView,
        String outcomes,
        String health,
        String personalCare,
        String domesticTasks,
        String mobility,
        String memory,
        String carers,
        String carersView,
        String home,
        String finances,
        String risks,
        String summary,
        String eligibility) {

    /** The longest section the record keeps. */
    static final int SECTION = 8000;

    static final int MAX_OUTCOMES = 30;

    /** One section as a page shows it. */
    public record Section(String label, String text) {}

    public AssessmentForm {
        personalDetails = Forms.trimmed(personalDetails);
        ownView = Forms.trimmed(ownView);
        outcomes = Forms.trimmed(outcomes);
        health = Forms.trimmed(health);
        personalCare = Forms.trimmed(personalCare);
        domesticTasks = Forms.trimmed(domesticTasks);
        mobility = Forms.trimmed(mobility);
        memory = Forms.trimmed(memory);
        carers = Forms.trimmed(carers);
        carersView = Forms.trimmed(carersView);
        home = Forms.trimmed(home);
        finances = Forms.trimmed(finances);
        risks = Forms.trimmed(risks);
        summary = Forms.trimmed(summary);
        eligibility = Forms.trimmed(eligibility);
    }

    static AssessmentForm empty() {
        return new AssessmentForm(
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    static AssessmentForm of(Assessment assessment, int version) {
        return new AssessmentForm(
                String.valueOf(version),
                assessment.personalDetails(),
                assessment.ownView(),
                String.join("\n", assessment.outcomesWanted()),
                assessment.healthAndMedication(),
                assessment.personalCare(),
                assessment.domesticTasks(),
                assessment.mobilityAndFalls(),
                assessment.memoryCommunicationAndWellbeing(),
                assessment.carersAndSupportNetwork(),
                assessment.carersOwnView(),
                assessment.homeEnvironmentAndSafety(),
                assessment.financialHelpNeeded() == null ? null : assessment.financialHelpNeeded() ? "yes" : "no",
                assessment.risks(),
                assessment.summaryOfNeed(),
                assessment.eligibility() == null
                        ? null
                        : assessment.eligibility().code());
    }

    AssessmentForm withVersion(int current) {
        return new AssessmentForm(
                String.valueOf(current),
                personalDetails,
                ownView,
                outcomes,
                health,
                personalCare,
                domesticTasks,
                mobility,
                memory,
                carers,
                carersView,
                home,
                finances,
                risks,
                summary,
                eligibility);
    }

    /** The sections of an assessment in the SSA's order, with their labels. */
    public static List<Section> sections(Assessment assessment) {
        return List.of(
                new Section("Personal details", assessment.personalDetails()),
                new Section("The person's own view", assessment.ownView()),
                new Section(
                        "Outcomes they want",
                        assessment.outcomesWanted().isEmpty() ? null : String.join("\n", assessment.outcomesWanted())),
                new Section("Health and medication", assessment.healthAndMedication()),
                new Section("Personal care", assessment.personalCare()),
                new Section("Domestic tasks", assessment.domesticTasks()),
                new Section("Mobility and falls", assessment.mobilityAndFalls()),
                new Section("Memory, communication and mental wellbeing", assessment.memoryCommunicationAndWellbeing()),
                new Section("Carers and support network", assessment.carersAndSupportNetwork()),
                new Section("The carer's own view", assessment.carersOwnView()),
                new Section("Home environment and safety", assessment.homeEnvironmentAndSafety()),
                new Section(
                        "Help needed with finances",
                        assessment.financialHelpNeeded() == null
                                ? null
                                : assessment.financialHelpNeeded() ? "Yes" : "No"),
                new Section("Risks", assessment.risks()),
                new Section("Summary of need", assessment.summaryOfNeed()),
                new Section(
                        "Eligibility band",
                        assessment.eligibility() == null
                                ? null
                                : Forms.sentence(assessment.eligibility().code())));
    }

    /** The assessment the form describes, when every field is good; each problem is added under its field. */
    Optional<Assessment> assessment(FormErrors errors) {
        boolean anything = personalDetails != null
                || ownView != null
                || outcomes != null
                || health != null
                || personalCare != null
                || domesticTasks != null
                || mobility != null
                || memory != null
                || carers != null
                || carersView != null
                || home != null
                || finances != null
                || risks != null
                || summary != null
                || eligibility != null;
        if (!anything) {
            errors.add("personalDetails", "Enter at least one section of the assessment");
            return Optional.empty();
        }
        tooLong(errors, "personalDetails", personalDetails, "Personal details");
        tooLong(errors, "ownView", ownView, "The person's own view");
        List<String> wanted = Forms.lines(outcomes);
        if (wanted.size() > MAX_OUTCOMES) {
            errors.add("outcomes", "Enter at most " + MAX_OUTCOMES + " outcomes");
        } else if (wanted.stream().anyMatch(line -> line.length() > 1000)) {
            errors.add("outcomes", "Each outcome must be 1000 characters or fewer");
        }
        tooLong(errors, "health", health, "Health and medication");
        tooLong(errors, "personalCare", personalCare, "Personal care");
        tooLong(errors, "domesticTasks", domesticTasks, "Domestic tasks");
        tooLong(errors, "mobility", mobility, "Mobility and falls");
        tooLong(errors, "memory", memory, "Memory, communication and mental wellbeing");
        tooLong(errors, "carers", carers, "Carers and support network");
        tooLong(errors, "carersView", carersView, "The carer's own view");
        tooLong(errors, "home", home, "Home environment and safety");
        if (finances != null && !finances.equals("yes") && !finances.equals("no")) {
            errors.add("finances", "Choose whether help with finances is needed: yes or no");
        }
        tooLong(errors, "risks", risks, "Risks");
        tooLong(errors, "summary", summary, "Summary of need");
        Optional<EligibilityBand> band = Optional.ofNullable(eligibility).flatMap(EligibilityBand::fromCode);
        if (eligibility != null && band.isEmpty()) {
            errors.add("eligibility", "Choose an eligibility band: critical, substantial, moderate or low");
        }
        if (errors.any()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Assessment(
                    personalDetails,
                    ownView,
                    wanted,
                    health,
                    personalCare,
                    domesticTasks,
                    mobility,
                    memory,
                    carers,
                    carersView,
                    home,
                    finances == null ? null : finances.equals("yes"),
                    risks,
                    summary,
                    band.orElse(null)));
        } catch (RecordRefused refused) {
            errors.add("personalDetails", Forms.sentence(refused.getMessage()));
            return Optional.empty();
        }
    }

    private static void tooLong(FormErrors errors, String field, String value, String label) {
        if (value != null && value.length() > SECTION) {
            errors.add(field, label + " must be " + SECTION + " characters or fewer");
        } else if (value != null && value.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
            errors.add(field, label + " must not hold control characters");
        }
    }

    @Override
    public String toString() {
        return "AssessmentForm[masked]";
    }
}
