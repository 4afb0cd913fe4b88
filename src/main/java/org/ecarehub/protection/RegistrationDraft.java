package org.ecarehub.protection;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;

/**
 * A registration to make, as the child protection planning meeting decided it.
 *
 * @param person the child; for a pre-birth registration, the mother
 * @param expectedBirth the expected date of birth of an unborn child registered on the mother's record; else null
 * @param registeredOn the day of the meeting that decided the registration
 * @param leadSocialWorker the lead social worker, a member of {@code team}
 * @param nextReview when the plan is next reviewed
 */
public record RegistrationDraft(
        PersonId person,
        LocalDate expectedBirth,
        LocalDate registeredOn,
        Set<RegistrationConcern> concerns,
        Username leadSocialWorker,
        TeamId team,
        LocalDate nextReview) {

    public RegistrationDraft {
        require(person != null, "name the child to register (or, before the birth, the mother)");
        require(registeredOn != null, "a registration needs the day it was decided");
        require(concerns != null && !concerns.isEmpty(), "a registration needs at least one concern");
        require(leadSocialWorker != null, "a registration needs a lead social worker");
        require(team != null, "a registration needs the lead social worker's team");
        require(nextReview != null, "a registration needs the date of the plan's next review");
        require(nextReview.isAfter(registeredOn), "the next review must come after the registration");
        require(
                !nextReview.isAfter(registeredOn.plusMonths(6)),
                "a child protection plan is reviewed within six months");
        concerns = Set.copyOf(EnumSet.copyOf(concerns));
    }

    /** A child already born. */
    public static RegistrationDraft child(
            PersonId child,
            LocalDate registeredOn,
            Set<RegistrationConcern> concerns,
            Username leadSocialWorker,
            TeamId team,
            LocalDate nextReview) {
        return new RegistrationDraft(child, null, registeredOn, concerns, leadSocialWorker, team, nextReview);
    }

    /** An unborn child, registered on the mother's record until the birth is linked. */
    public static RegistrationDraft unborn(
            PersonId mother,
            LocalDate expectedBirth,
            LocalDate registeredOn,
            Set<RegistrationConcern> concerns,
            Username leadSocialWorker,
            TeamId team,
            LocalDate nextReview) {
        require(expectedBirth != null, "a pre-birth registration needs the expected date of birth");
        return new RegistrationDraft(mother, expectedBirth, registeredOn, concerns, leadSocialWorker, team, nextReview);
    }

    public boolean preBirth() {
        return expectedBirth != null;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new RegisterRefused(message);
        }
    }
}
