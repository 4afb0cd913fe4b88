package org.ecarehub.web;

import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.ecarehub.access.AccessRefused;
import org.ecarehub.access.PersonDirectory;
import org.ecarehub.access.PersonView;
import org.ecarehub.consent.Exemption;
import org.ecarehub.consent.RecordingRefused;
import org.ecarehub.consent.Withholding;
import org.ecarehub.consent.WithholdingDraft;
import org.ecarehub.consent.WithholdingTarget;
import org.ecarehub.consent.Withholdings;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.person.PersonIndex;
import org.ecarehub.shared.Username;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * What is withheld from a person and their representatives (POLICY.md W1 to W5): the list, withholding an item or an
 * access event, and the reviews that keep or lift one. The consent module checks W1 and W4 and logs each change; the
 * pages say who may use them (decision 0025): staff who may see the person, under a care or protection purpose or
 * under audit.
 */
@Controller
class WithholdingPages {

    static final int MAX_JUSTIFICATION = 2000;

    private final Workspace workspace;
    private final PersonDirectory directory;
    private final Withholdings withholdings;
    private final PersonIndex index;
    private final Clock clock;

    WithholdingPages(
            Workspace workspace, PersonDirectory directory, Withholdings withholdings, PersonIndex index, Clock clock) {
        this.index = index;
        this.workspace = workspace;
        this.directory = directory;
        this.withholdings = withholdings;
        this.clock = clock;
    }

    @GetMapping("/people/{id}/withholdings")
    String list(@PathVariable("id") String id, Authentication authentication, HttpSession session, Model model) {
        PersonView person = visible(id, workspace.practitioner(authentication, session));
        LocalDate today = today();
        List<Withholding> shown = inForce(person, today).stream()
                .sorted(Comparator.comparing((Withholding one) -> !one.overdueOn(today))
                        .thenComparing(Withholding::reviewBy))
                .toList();
        model.addAttribute("person", PersonSummary.of(person));
        model.addAttribute("withholdings", shown);
        model.addAttribute("today", today);
        model.addAttribute(
                "overdue", shown.stream().filter(one -> one.overdueOn(today)).count());
        return "withholdings";
    }

    @GetMapping("/people/{id}/withholdings/new")
    String initWithholdingForm(
            @PathVariable("id") String id, Authentication authentication, HttpSession session, Model model) {
        PersonView person = visible(id, workspace.practitioner(authentication, session));
        return form(person, WithholdingForm.empty(), new FormErrors(), model);
    }

    @PostMapping("/people/{id}/withholdings")
    String processWithholdingForm(
            @PathVariable("id") String id,
            @RequestParam(name = "target", required = false) String target,
            @RequestParam(name = "item", required = false) String item,
            @RequestParam(name = "event", required = false) String event,
            @RequestParam(name = "accessed-by", required = false) String accessedBy,
            @RequestParam(name = "second-person", required = false) String secondPerson,
            @RequestParam(name = "exemption", required = false) String exemption,
            @RequestParam(name = "justification", required = false) String justification,
            @RequestParam(name = "review-day", required = false) String day,
            @RequestParam(name = "review-month", required = false) String month,
            @RequestParam(name = "review-year", required = false) String year,
            Authentication authentication,
            HttpSession session,
            Model model) {
        Practitioner practitioner = workspace.practitioner(authentication, session);
        PersonView person = visible(id, practitioner);
        WithholdingForm form = new WithholdingForm(
                target, item, event, accessedBy, secondPerson, exemption, justification, day, month, year);
        FormErrors errors = new FormErrors();
        WithholdingTarget what = null;
        if ("item".equals(target)) {
            String named = trimmed(item);
            if (named == null || named.length() > 200) {
                errors.add("item", "Enter the record item's reference, up to 200 characters");
            } else {
                what = WithholdingTarget.item(named);
            }
        } else if ("access-event".equals(target)) {
            Long number = number(event);
            if (number == null) {
                errors.add("event", "Enter the access event's number from the person's access history");
            }
            Username who = username(accessedBy);
            if (who == null) {
                errors.add("accessed-by", "Enter the username of the account that made the access");
            }
            if (trimmed(secondPerson) == null) {
                errors.add(
                        "second-person",
                        "Enter the team manager or Caldicott guardian who agrees to withholding an access event");
            }
            if (number != null && who != null) {
                what = WithholdingTarget.accessEvent(number, who);
            }
        } else {
            errors.add("target", "Choose whether you are withholding a record item or an access event");
        }
        Exemption chosen = exemption(exemption).orElse(null);
        if (chosen == null) {
            errors.add("exemption", "Choose the exemption");
        }
        String why = trimmed(justification);
        if (why == null) {
            errors.add("justification", "Say why it must be withheld");
        } else if (why.length() > MAX_JUSTIFICATION) {
            errors.add("justification", "Keep the justification to " + MAX_JUSTIFICATION + " characters or fewer");
        }
        LocalDate reviewBy = reviewDate(errors, "review-day", day, month, year);
        if (!errors.any()) {
            try {
                withholdings.withhold(
                        new WithholdingDraft(
                                person.id(),
                                what,
                                chosen,
                                why,
                                reviewBy,
                                what.isAccessEvent() ? username(secondPerson) : null),
                        practitioner.actor());
                return "redirect:/people/" + person.id().value() + "/withholdings?withheld";
            } catch (RecordingRefused refused) {
                errors.add("target", "Nothing was withheld: " + refused.getMessage());
            }
        }
        return form(person, form, errors, model);
    }

    @GetMapping("/people/{id}/withholdings/{withholding}")
    String initReviewForm(
            @PathVariable("id") String id,
            @PathVariable("withholding") String withholding,
            Authentication authentication,
            HttpSession session,
            Model model) {
        PersonView person = visible(id, workspace.practitioner(authentication, session));
        return review(person, inForce(person, withholding), new FormErrors(), null, null, null, model);
    }

    @PostMapping("/people/{id}/withholdings/{withholding}/keep")
    String keep(
            @PathVariable("id") String id,
            @PathVariable("withholding") String withholding,
            @RequestParam(name = "review-day", required = false) String day,
            @RequestParam(name = "review-month", required = false) String month,
            @RequestParam(name = "review-year", required = false) String year,
            Authentication authentication,
            HttpSession session,
            Model model) {
        Practitioner practitioner = workspace.practitioner(authentication, session);
        PersonView person = visible(id, practitioner);
        Withholding kept = inForce(person, withholding);
        FormErrors errors = new FormErrors();
        LocalDate next = reviewDate(errors, "review-day", day, month, year);
        if (!errors.any()) {
            try {
                withholdings.keep(kept.id(), next, practitioner.actor());
                return "redirect:/people/" + person.id().value() + "/withholdings?kept";
            } catch (RecordingRefused refused) {
                errors.add("review-day", "The withholding was not reviewed: " + refused.getMessage());
            }
        }
        return review(person, kept, errors, day, month, year, model);
    }

    @PostMapping("/people/{id}/withholdings/{withholding}/lift")
    String lift(
            @PathVariable("id") String id,
            @PathVariable("withholding") String withholding,
            Authentication authentication,
            HttpSession session,
            Model model) {
        Practitioner practitioner = workspace.practitioner(authentication, session);
        PersonView person = visible(id, practitioner);
        Withholding lifted = inForce(person, withholding);
        try {
            withholdings.lift(lifted.id(), practitioner.actor());
        } catch (RecordingRefused refused) {
            FormErrors errors = new FormErrors();
            errors.add("lift", "The withholding was not lifted: " + refused.getMessage());
            return review(person, lifted, errors, null, null, null, model);
        }
        return "redirect:/people/" + person.id().value() + "/withholdings?lifted";
    }

    private String form(PersonView person, WithholdingForm form, FormErrors errors, Model model) {
        model.addAttribute("person", PersonSummary.of(person));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("exemptions", List.of(Exemption.values()));
        model.addAttribute("latest", Dates.day(today().plusMonths(Withholdings.MAX_MONTHS_TO_REVIEW)));
        return "withholding";
    }

    private String review(
            PersonView person,
            Withholding withholding,
            FormErrors errors,
            String day,
            String month,
            String year,
            Model model) {
        model.addAttribute("person", PersonSummary.of(person));
        model.addAttribute("withholding", withholding);
        model.addAttribute("errors", errors);
        model.addAttribute("day", day);
        model.addAttribute("month", month);
        model.addAttribute("year", year);
        model.addAttribute("today", today());
        model.addAttribute("latest", Dates.day(today().plusMonths(Withholdings.MAX_MONTHS_TO_REVIEW)));
        return "withholding-review";
    }

    /** A review date after today and at most 12 months ahead (W1), or null with the problem added. */
    private LocalDate reviewDate(FormErrors errors, String field, String day, String month, String year) {
        LocalDate date;
        try {
            date = LocalDate.of(
                    Integer.parseInt(year.strip()), Integer.parseInt(month.strip()), Integer.parseInt(day.strip()));
        } catch (NumberFormatException | DateTimeException | NullPointerException notADate) {
            errors.add(field, "Enter the review date as a real date, for example 14 3 2027");
            return null;
        }
        LocalDate today = today();
        if (!date.isAfter(today)) {
            errors.add(field, "The review date must be in the future");
        } else if (date.isAfter(today.plusMonths(Withholdings.MAX_MONTHS_TO_REVIEW))) {
            errors.add(field, "The review date must be at most 12 months ahead");
        }
        return date;
    }

    /** A withholding in force about this person; any other id answers as a page that does not exist. */
    private Withholding inForce(PersonView person, String withholding) {
        Long number = number(withholding);
        return inForce(person, today()).stream()
                .filter(one -> number != null && one.id().value() == number)
                .findFirst()
                .orElseThrow(PersonPages::notFound);
    }

    /**
     * The withholdings in force about the person under any of their ids: one recorded about a person before they were
     * merged into this one is theirs, and applies, while the merge holds (decision 0048).
     */
    private List<Withholding> inForce(PersonView person, LocalDate day) {
        List<Withholding> all = new ArrayList<>();
        index.idsNow(person.id()).forEach(id -> all.addAll(withholdings.inForce(id, day)));
        return all;
    }

    /**
     * The person as the user may see them, under a care, protection or audit purpose; anyone else gets the page that
     * does not exist, as on the person's page.
     */
    private PersonView visible(String id, Practitioner practitioner) {
        if (!mayUse(practitioner.purpose())) {
            throw PersonPages.notFound();
        }
        try {
            return PersonPages.parse(id)
                    .flatMap(person -> directory.read(practitioner.requester(), person))
                    .orElseThrow(PersonPages::notFound);
        } catch (AccessRefused refused) {
            throw PersonPages.notFound();
        }
    }

    static boolean mayUse(Purpose purpose) {
        return ConsentPages.CONSENT_PURPOSES.contains(purpose) || purpose == Purpose.AUDIT;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), Dates.PARTNERSHIP_ZONE);
    }

    static Optional<Exemption> exemption(String code) {
        return Arrays.stream(Exemption.values())
                .filter(one -> one.code().equals(code))
                .findFirst();
    }

    private static Long number(String text) {
        try {
            long value = Long.parseLong(text == null ? "" : text.strip());
            return value > 0 ? value : null;
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    private static Username username(String text) {
        String value = trimmed(text);
        if (value == null) {
            return null;
        }
        try {
            return Username.of(value);
        } catch (IllegalArgumentException notAUsername) {
            return null;
        }
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The form as typed, to show back. */
    public record WithholdingForm(
            String target,
            String item,
            String event,
            String accessedBy,
            String secondPerson,
            String exemption,
            String justification,
            String day,
            String month,
            String year) {

        static WithholdingForm empty() {
            return new WithholdingForm(null, null, null, null, null, null, null, null, null, null);
        }

        @Override
        public String toString() {
            return "WithholdingForm[masked]";
        }
    }
}
