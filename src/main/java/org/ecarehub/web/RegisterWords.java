package org.ecarehub.web;

import java.util.Set;
import java.util.stream.Collectors;
import org.ecarehub.protection.Registration;
import org.ecarehub.protection.RegistrationConcern;
import org.ecarehub.protection.RegistrationStep;

/** The child protection register's codes in words for the register pages; public only for the templates. */
public record RegisterWords(Names names) {

    public String concern(RegistrationConcern concern) {
        String words = concern.code().replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** The concerns in the order the statistics list them. */
    public String concerns(Set<RegistrationConcern> concerns) {
        return concerns == null
                ? ""
                : concerns.stream().sorted().map(this::concern).collect(Collectors.joining(", "));
    }

    public String status(Registration registration) {
        return registration.active()
                ? "On the register"
                : "De-registered on " + names.day(registration.deregisteredOn());
    }

    public String lead(Registration registration) {
        return names.staff(registration.leadSocialWorker()) + ", " + names.team(registration.team());
    }

    public String step(RegistrationStep.Kind kind) {
        return switch (kind) {
            case REGISTERED -> "Registered";
            case REVIEWED -> "Reviewed";
            case BORN -> "Born";
            case LEAD_CHANGED -> "Lead social worker changed";
            case DEREGISTERED -> "De-registered";
        };
    }

    /** What the step set, in a sentence. */
    public String detail(RegistrationStep step) {
        return switch (step.kind()) {
            case REGISTERED ->
                "Concerns: " + concerns(step.concerns()) + ". Lead social worker: " + lead(step) + ". Next review "
                        + names.day(step.nextReview()) + ".";
            case REVIEWED -> "Next review " + names.day(step.nextReview()) + ".";
            case BORN -> "The registration moved from the mother's record to the child's.";
            case LEAD_CHANGED -> "New lead social worker: " + lead(step) + ".";
            case DEREGISTERED -> "Reason: " + (step.reason() == null ? "not shown" : step.reason());
        };
    }

    public String by(RegistrationStep step) {
        return names.staff(step.by()) + ", " + names.agency(step.agency());
    }

    private String lead(RegistrationStep step) {
        return step.leadSocialWorker() == null
                ? "not named"
                : names.staff(step.leadSocialWorker()) + ", " + names.team(step.team());
    }

    @Override
    public String toString() {
        return "RegisterWords";
    }
}
