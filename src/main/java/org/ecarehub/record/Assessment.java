package org.ecarehub.record;

import java.util.ArrayList;
import java.util.List;

/**
 * A Single Shared Assessment, category {@code assessment}, with the sections of the Scottish SSA. A draft may leave
 * sections empty; {@link #missingForSignOff()} says what must be filled before the assessor signs it off. Finances are
 * recorded only as whether help is needed, never as figures.
 *
 * @param personalDetails living situation, household, preferred name and language, as the person described them
 * @param ownView the person's own view of their situation
 * @param outcomesWanted the outcomes the person wants, in their words
 * @param carersOwnView the carer's own view, recorded apart from the person's
 * @param financialHelpNeeded whether the person needs help with money matters; null while not yet asked
 * @param eligibility the band the summary of need reaches; null while not yet decided
 */
public record Assessment(
        String personalDetails,
        String ownView,
        List<String> outcomesWanted,
        String healthAndMedication,
        String personalCare,
        String domesticTasks,
        String mobilityAndFalls,
        String memoryCommunicationAndWellbeing,
        String carersAndSupportNetwork,
        String carersOwnView,
        String homeEnvironmentAndSafety,
        Boolean financialHelpNeeded,
        String risks,
        String summaryOfNeed,
        EligibilityBand eligibility)
        implements RecordContent {

    private static final int SECTION = 8_000;

    public Assessment {
        personalDetails = Checks.optional(personalDetails, "personal details", SECTION);
        ownView = Checks.optional(ownView, "the person's own view", SECTION);
        outcomesWanted = Checks.texts(outcomesWanted, "outcome wanted", 30, 1_000);
        healthAndMedication = Checks.optional(healthAndMedication, "health and medication", SECTION);
        personalCare = Checks.optional(personalCare, "personal care", SECTION);
        domesticTasks = Checks.optional(domesticTasks, "domestic tasks", SECTION);
        mobilityAndFalls = Checks.optional(mobilityAndFalls, "mobility and falls", SECTION);
        memoryCommunicationAndWellbeing =
                Checks.optional(memoryCommunicationAndWellbeing, "memory, communication and mental wellbeing", SECTION);
        carersAndSupportNetwork = Checks.optional(carersAndSupportNetwork, "carers and support network", SECTION);
        carersOwnView = Checks.optional(carersOwnView, "the carer's own view", SECTION);
        homeEnvironmentAndSafety = Checks.optional(homeEnvironmentAndSafety, "home environment and safety", SECTION);
        risks = Checks.optional(risks, "risks", SECTION);
        summaryOfNeed = Checks.optional(summaryOfNeed, "summary of need", SECTION);
    }

    /** The sections a signed assessment must have, named as a form would name them; empty when it may be signed. */
    public List<String> missingForSignOff() {
        List<String> missing = new ArrayList<>();
        if (ownView == null) {
            missing.add("the person's own view");
        }
        if (outcomesWanted.isEmpty()) {
            missing.add("outcomes wanted");
        }
        if (financialHelpNeeded == null) {
            missing.add("whether help with finances is needed");
        }
        if (summaryOfNeed == null) {
            missing.add("summary of need");
        }
        if (eligibility == null) {
            missing.add("eligibility band");
        }
        return missing;
    }

    @Override
    public RecordKind kind() {
        return RecordKind.ASSESSMENT;
    }
}
