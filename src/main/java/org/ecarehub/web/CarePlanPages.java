package org.ecarehub.web;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ecarehub.access.AccessRefused;
import org.ecarehub.access.PersonView;
import org.ecarehub.access.Requester;
import org.ecarehub.partnership.Agency;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.partnership.StaffAccount;
import org.ecarehub.partnership.Team;
import org.ecarehub.record.CarePlan;
import org.ecarehub.record.CarePlanAction;
import org.ecarehub.record.CarePlanReview;
import org.ecarehub.record.ItemDraft;
import org.ecarehub.record.ItemView;
import org.ecarehub.record.RecordItem;
import org.ecarehub.record.RecordKind;
import org.ecarehub.record.RecordRefused;
import org.ecarehub.record.Records;
import org.ecarehub.record.StaleEdit;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Adding a care plan (outcomes, who does what from which agency and when, the review date) and reviewing one: a review
 * is a new version of the plan through {@link CarePlan#withReview} and {@link Records#correct}, made from the version
 * the user opened.
 */
@Controller
class CarePlanPages {

    /** Action rows on the form: a plan with more actions is added and then corrected, or given them in its outcomes. */
    static final int ACTION_ROWS = 4;

    static final int MAX_NOTE = 8000;

    private final RecordWriting writing;
    private final Records records;
    private final Partnerships partnerships;
    private final Clock clock;

    CarePlanPages(RecordWriting writing, Records records, Partnerships partnerships, Clock clock) {
        this.writing = writing;
        this.records = records;
        this.partnerships = partnerships;
        this.clock = clock;
    }

    @GetMapping("/people/{id}/care-plans/new")
    String initCreationForm(
            @PathVariable("id") String id, Authentication authentication, HttpSession session, Model model) {
        PersonView person = writing.person(writing.requester(authentication, session), id);
        return form(model, person, PlanForm.from(Map.of()), new FormErrors());
    }

    @PostMapping("/people/{id}/care-plans")
    String processCreationForm(
            @PathVariable("id") String id,
            @RequestParam Map<String, String> fields,
            Authentication authentication,
            HttpSession session,
            HttpServletResponse response,
            Model model) {
        Requester.Staff requester = writing.requester(authentication, session);
        PersonView person = writing.person(requester, id);
        PlanForm form = PlanForm.from(fields);
        FormErrors errors = new FormErrors();
        Optional<CarePlan> plan = form.plan(partnerships.current().partnership(), errors);
        if (plan.isEmpty()) {
            return form(model, person, form, errors);
        }
        try {
            RecordItem added = records.add(requester, person.id(), ItemDraft.of(plan.get()));
            return "redirect:/records/" + added.id().reference() + "?added";
        } catch (AccessRefused refused) {
            return writing.refused(model, response, "add a care plan", refused, person.id());
        } catch (RecordRefused refused) {
            errors.add("outcomes", Forms.sentence(refused.getMessage()));
            return form(model, person, form, errors);
        }
    }

    @GetMapping("/records/{ref}/review")
    String initReviewForm(
            @PathVariable("ref") String ref, Authentication authentication, HttpSession session, Model model) {
        ItemView view = writing.item(writing.requester(authentication, session), ref, RecordKind.CARE_PLAN);
        ReviewForm form = new ReviewForm(
                String.valueOf(view.item().version()),
                DateField.of(LocalDate.now(clock.withZone(Dates.PARTNERSHIP_ZONE))),
                null,
                new DateField(null, null, null));
        return reviewPage(model, view, form, new FormErrors(), false);
    }

    @PostMapping("/records/{ref}/review")
    String processReviewForm(
            @PathVariable("ref") String ref,
            @RequestParam(name = "version", required = false) String version,
            @RequestParam(name = "reviewed-day", required = false) String reviewedDay,
            @RequestParam(name = "reviewed-month", required = false) String reviewedMonth,
            @RequestParam(name = "reviewed-year", required = false) String reviewedYear,
            @RequestParam(name = "note", required = false) String note,
            @RequestParam(name = "next-day", required = false) String nextDay,
            @RequestParam(name = "next-month", required = false) String nextMonth,
            @RequestParam(name = "next-year", required = false) String nextYear,
            Authentication authentication,
            HttpSession session,
            HttpServletResponse response,
            Model model) {
        Requester.Staff requester = writing.requester(authentication, session);
        ItemView view = writing.item(requester, ref, RecordKind.CARE_PLAN);
        ReviewForm form = new ReviewForm(
                Forms.trimmed(version),
                new DateField(reviewedDay, reviewedMonth, reviewedYear),
                Forms.trimmed(note),
                new DateField(nextDay, nextMonth, nextYear));
        FormErrors errors = new FormErrors();
        LocalDate today = LocalDate.now(clock.withZone(Dates.PARTNERSHIP_ZONE));
        form.check(today, errors);
        if (errors.any()) {
            return reviewPage(model, view, form, errors, false);
        }
        LocalDate reviewed = form.reviewed().date().orElseThrow();
        try {
            CarePlan plan = view.item()
                    .content(CarePlan.class)
                    .withReview(
                            new CarePlanReview(reviewed, requester.user(), form.note()),
                            form.next().date().orElseThrow());
            records.correct(
                    requester,
                    view.item().id(),
                    Forms.number(form.version()),
                    plan,
                    "Reviewed on " + Dates.day(reviewed));
            return "redirect:/records/" + view.item().id().reference() + "?reviewed";
        } catch (StaleEdit stale) {
            ItemView current = writing.item(requester, ref, RecordKind.CARE_PLAN);
            errors.add("note", Forms.STALE);
            return reviewPage(model, current, form.withVersion(current.item().version()), errors, true);
        } catch (AccessRefused refused) {
            return writing.refused(
                    model,
                    response,
                    "review this care plan",
                    refused,
                    view.item().person());
        } catch (RecordRefused refused) {
            errors.add("note", Forms.sentence(refused.getMessage()));
            return reviewPage(model, view, form, errors, false);
        }
    }

    private String form(Model model, PersonView person, PlanForm form, FormErrors errors) {
        Partnership partnership = partnerships.current().partnership();
        model.addAttribute("person", PersonSummary.of(person));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute(
                "agencies",
                partnership.agencies().stream().filter(Agency::active).toList());
        model.addAttribute("teams", partnership.teams());
        model.addAttribute(
                "staff",
                partnership.staff().stream().filter(StaffAccount::active).toList());
        return "care-plan-form";
    }

    private String reviewPage(Model model, ItemView view, ReviewForm form, FormErrors errors, boolean stale) {
        model.addAttribute("view", view);
        model.addAttribute("item", view.item());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("stale", stale);
        return "care-plan-review";
    }

    /** One action row as typed. */
    public record ActionRow(int index, String what, String agency, String team, String staff, String when) {

        boolean blank() {
            return what == null && agency == null && team == null && staff == null && when == null;
        }

        public String field(String name) {
            return "action-" + index + "-" + name;
        }
    }

    /** The care plan form as typed: outcomes one a line, the action rows and the review date. */
    record PlanForm(String outcomes, List<ActionRow> actions, DateField review) {

        static PlanForm from(Map<String, String> fields) {
            List<ActionRow> rows = new ArrayList<>();
            for (int i = 0; i < ACTION_ROWS; i++) {
                String prefix = "action-" + i + "-";
                rows.add(new ActionRow(
                        i,
                        Forms.trimmed(fields.get(prefix + "what")),
                        Forms.trimmed(fields.get(prefix + "agency")),
                        Forms.trimmed(fields.get(prefix + "team")),
                        Forms.trimmed(fields.get(prefix + "staff")),
                        Forms.trimmed(fields.get(prefix + "when"))));
            }
            return new PlanForm(
                    Forms.trimmed(fields.get("outcomes")),
                    rows,
                    new DateField(fields.get("review-day"), fields.get("review-month"), fields.get("review-year")));
        }

        /** The plan, when every field is good; each problem is added under its field. */
        Optional<CarePlan> plan(Partnership partnership, FormErrors errors) {
            List<String> lines = Forms.lines(outcomes);
            if (lines.isEmpty()) {
                errors.add("outcomes", "Enter at least one outcome, one a line");
            } else if (lines.stream().anyMatch(line -> line.length() > 1000)) {
                errors.add("outcomes", "Each outcome must be 1000 characters or fewer");
            }
            List<CarePlanAction> planned = new ArrayList<>();
            for (ActionRow row : actions) {
                if (!row.blank()) {
                    action(partnership, row, errors).ifPresent(planned::add);
                }
            }
            if (review.date().isEmpty()) {
                errors.add("review-day", "The review date must be a real date, for example 27 3 2027");
            }
            if (errors.any()) {
                return Optional.empty();
            }
            try {
                return Optional.of(new CarePlan(lines, planned, review.date().get(), List.of()));
            } catch (RecordRefused refused) {
                errors.add("outcomes", Forms.sentence(refused.getMessage()));
                return Optional.empty();
            }
        }

        private static Optional<CarePlanAction> action(Partnership partnership, ActionRow row, FormErrors errors) {
            String label = "Action " + (row.index() + 1) + ": ";
            boolean good = true;
            if (row.what() == null) {
                errors.add(row.field("what"), label + "enter what is done");
                good = false;
            } else if (row.what().length() > 2000) {
                errors.add(row.field("what"), label + "what is done must be 2000 characters or fewer");
                good = false;
            }
            Optional<Agency> agency = Optional.ofNullable(row.agency())
                    .flatMap(code -> partnership.agencies().stream()
                            .filter(candidate -> candidate.id().value().equals(code))
                            .findFirst());
            if (agency.isEmpty()) {
                errors.add(row.field("agency"), label + "choose the agency that does it");
                good = false;
            }
            Optional<Team> team = Optional.ofNullable(row.team())
                    .flatMap(code -> partnership.teams().stream()
                            .filter(candidate -> candidate.id().value().equals(code))
                            .findFirst());
            if (row.team() != null
                    && (team.isEmpty()
                            || agency.isPresent()
                                    && !team.get().agency().equals(agency.get().id()))) {
                errors.add(row.field("team"), label + "choose a team of the agency that does it, or none");
                good = false;
            }
            Optional<StaffAccount> staff = Optional.ofNullable(row.staff())
                    .flatMap(code -> partnership.staff().stream()
                            .filter(candidate -> candidate.username().value().equals(code))
                            .findFirst());
            if (row.staff() != null
                    && (staff.isEmpty()
                            || agency.isPresent()
                                    && !staff.get().agency().equals(agency.get().id()))) {
                errors.add(row.field("staff"), label + "choose a member of staff of the agency that does it, or none");
                good = false;
            }
            if (row.when() == null) {
                errors.add(row.field("when"), label + "enter when or how often it is done");
                good = false;
            } else if (row.when().length() > 200) {
                errors.add(row.field("when"), label + "when it is done must be 200 characters or fewer");
                good = false;
            }
            if (!good) {
                return Optional.empty();
            }
            AgencyId agencyId = agency.get().id();
            TeamId teamId = team.map(Team::id).orElse(null);
            Username user = staff.map(StaffAccount::username).orElse(null);
            return Optional.of(new CarePlanAction(row.what(), agencyId, teamId, user, row.when()));
        }

        @Override
        public String toString() {
            return "PlanForm[masked]";
        }
    }

    /** The review form as typed: the version opened, when the plan was reviewed, the note, and the next review. */
    record ReviewForm(String version, DateField reviewed, String note, DateField next) {

        void check(LocalDate today, FormErrors errors) {
            if (Forms.number(version) < 1) {
                errors.add("reviewed-day", "The form is missing the version you opened; open the care plan again");
            }
            Optional<LocalDate> on = reviewed.date();
            if (on.isEmpty()) {
                errors.add("reviewed-day", "The date of the review must be a real date, for example 27 3 2027");
            } else if (on.get().isAfter(today)) {
                errors.add("reviewed-day", "The date of the review must be today or in the past");
            }
            if (note == null) {
                errors.add("note", "Enter what the review found");
            } else if (note.length() > MAX_NOTE) {
                errors.add("note", "The review's note must be " + MAX_NOTE + " characters or fewer");
            }
            Optional<LocalDate> then = next.date();
            if (then.isEmpty()) {
                errors.add("next-day", "The next review date must be a real date, for example 27 3 2027");
            } else if (on.isPresent() && !then.get().isAfter(on.get())) {
                errors.add("next-day", "The next review date must be after the date of this review");
            }
        }

        ReviewForm withVersion(int current) {
            return new ReviewForm(String.valueOf(current), reviewed, note, next);
        }

        @Override
        public String toString() {
            return "ReviewForm[masked]";
        }
    }
}
