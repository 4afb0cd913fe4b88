package org.ecarehub.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ecarehub.partnership.RequestPriority;
import org.ecarehub.record.RecordItemId;
import org.ecarehub.request.Equipment;
import org.ecarehub.request.HomecareTask;
import org.ecarehub.request.ServiceRequestDetails;
import org.ecarehub.request.ServiceRequestDraft;
import org.ecarehub.request.ServiceRequestRefused;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;

/**
 * A service request's form as typed: homecare (hours a week, visits a day, tasks, start date) or aids and adaptations
 * (items from the catalogue and the assessment behind them), with the team it is addressed to and its priority.
 * Public only so that the templates can read it back into the fields.
 */
public record RequestForm(
        String kind,
        String team,
        String priority,
        String hours,
        String visits,
        List<String> tasks,
        DateField start,
        List<String> equipment,
        String assessment) {

    public static final String HOMECARE = "homecare";
    public static final String AIDS = "aids-and-adaptations";

    public RequestForm {
        team = Forms.trimmed(team);
        priority = Forms.trimmed(priority);
        hours = Forms.trimmed(hours);
        visits = Forms.trimmed(visits);
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
        start = start == null ? new DateField(null, null, null) : start;
        equipment = equipment == null ? List.of() : List.copyOf(equipment);
        assessment = Forms.trimmed(assessment);
    }

    static RequestForm empty(String kind) {
        return new RequestForm(kind, null, RequestPriority.STANDARD.code(), null, null, null, null, null, null);
    }

    public boolean homecare() {
        return HOMECARE.equals(kind);
    }

    public boolean hasTask(String code) {
        return tasks.contains(code);
    }

    public boolean hasEquipment(String code) {
        return equipment.contains(code);
    }

    /**
     * The draft the form describes, when every field is good; each problem is added under its field.
     *
     * @param assessments the references of the person's assessments the user may see: the only ones offered
     */
    Optional<ServiceRequestDraft> draft(PersonId person, List<String> assessments, LocalDate today, FormErrors errors) {
        if (team == null || !team.matches("[a-z0-9][a-z0-9-]{0,99}")) {
            errors.add("team", "Choose the team the request is for");
        }
        Optional<RequestPriority> chosen = Optional.ofNullable(priority).flatMap(RequestPriority::fromCode);
        if (chosen.isEmpty()) {
            errors.add("priority", "Choose a priority: urgent, high or standard");
        }
        ServiceRequestDetails details = homecare() ? homecare(today, errors) : aids(assessments, errors);
        if (errors.any()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ServiceRequestDraft(person, details, TeamId.of(team), chosen.get()));
        } catch (IllegalArgumentException refused) {
            errors.add("team", Forms.sentence(refused.getMessage()));
            return Optional.empty();
        }
    }

    private ServiceRequestDetails homecare(LocalDate today, FormErrors errors) {
        BigDecimal hoursPerWeek = Forms.decimal(hours);
        if (hoursPerWeek == null
                || hoursPerWeek.signum() <= 0
                || hoursPerWeek.compareTo(BigDecimal.valueOf(168)) > 0
                || hoursPerWeek.remainder(new BigDecimal("0.25")).signum() != 0) {
            errors.add(
                    "hours", "Hours a week must be a number more than 0 and at most 168, in quarter hours, like 10.5");
        }
        Integer visitsPerDay = Forms.whole(visits, 1, ServiceRequestDetails.Homecare.MAX_VISITS_PER_DAY);
        if (visitsPerDay == null) {
            errors.add(
                    "visits",
                    "Visits a day must be a whole number from 1 to "
                            + ServiceRequestDetails.Homecare.MAX_VISITS_PER_DAY);
        }
        List<HomecareTask> chosen = new ArrayList<>();
        for (String code : tasks) {
            HomecareTask.fromCode(code)
                    .ifPresentOrElse(chosen::add, () -> errors.add("tasks", "Choose tasks from the list"));
        }
        if (chosen.isEmpty()) {
            errors.add("tasks", "Choose at least one task");
        }
        Optional<LocalDate> startDay = start.date();
        if (startDay.isEmpty()) {
            errors.add("start-day", "The start date must be a real date, for example 27 3 2027");
        } else if (startDay.get().isBefore(today)) {
            errors.add("start-day", "The start date must be today or later");
        }
        if (errors.any()) {
            return null;
        }
        try {
            return new ServiceRequestDetails.Homecare(hoursPerWeek, visitsPerDay, chosen, startDay.get());
        } catch (ServiceRequestRefused refused) {
            errors.add("hours", Forms.sentence(refused.getMessage()));
            return null;
        }
    }

    private ServiceRequestDetails aids(List<String> assessments, FormErrors errors) {
        List<Equipment> chosen = new ArrayList<>();
        for (String code : equipment) {
            Equipment.fromCode(code)
                    .ifPresentOrElse(chosen::add, () -> errors.add("equipment", "Choose items from the catalogue"));
        }
        if (chosen.isEmpty()) {
            errors.add("equipment", "Choose at least one item");
        }
        if (assessment == null || RecordItemId.parse(assessment).isEmpty() || !assessments.contains(assessment)) {
            errors.add("assessment", "Choose the assessment behind the request");
        }
        if (errors.any()) {
            return null;
        }
        try {
            return new ServiceRequestDetails.AidsAndAdaptations(chosen, assessment);
        } catch (ServiceRequestRefused refused) {
            errors.add("equipment", Forms.sentence(refused.getMessage()));
            return null;
        }
    }
}
