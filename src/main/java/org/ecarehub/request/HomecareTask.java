package org.ecarehub.request;

import java.util.Arrays;
import java.util.Optional;

/**
 * What homecare is asked to do, as codes rather than free text: a request travels to a provider agency, and a
 * list of codes carries no more about the person than the service needs.
 */
public enum HomecareTask {
    PERSONAL_CARE("personal-care", "Personal care"),
    MEDICATION_PROMPT("medication-prompt", "Medication prompt"),
    MEAL_PREPARATION("meal-preparation", "Meal preparation"),
    DOMESTIC_TASKS("domestic-tasks", "Domestic tasks"),
    SHOPPING("shopping", "Shopping"),
    SOCIAL_SUPPORT("social-support", "Social support"),
    NIGHT_CHECK("night-check", "Night check");

    private final String code;
    private final String plainName;

    HomecareTask(String code, String plainName) {
        this.code = code;
        this.plainName = plainName;
    }

    public String code() {
        return code;
    }

    public String plainName() {
        return plainName;
    }

    public static Optional<HomecareTask> fromCode(String code) {
        return Arrays.stream(values()).filter(task -> task.code.equals(code)).findFirst();
    }
}
