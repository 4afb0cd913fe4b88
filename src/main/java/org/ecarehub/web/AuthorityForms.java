package org.ecarehub.web;

import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ecarehub.access.AccessRefused;
import org.ecarehub.access.PersonDirectory;
import org.ecarehub.access.PersonView;
import org.ecarehub.consent.Authority;
import org.ecarehub.consent.AuthorityDraft;
import org.ecarehub.consent.DecisionArea;
import org.ecarehub.consent.RecordingRefused;
import org.ecarehub.consent.Representatives;
import org.ecarehub.partnership.Category;
import org.ecarehub.shared.PersonId;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Recording an authority or nomination over a person, and a capacity assessment of them, by staff who may see the
 * person under a care or protection purpose (decision 0025). The consent module checks each draft again and logs it.
 */
@Controller
class AuthorityForms {

    static final int MAX_REFERENCE = 200;

    /** The kinds that rest on a registered document, and so need its reference (POLICY.md P3). */
    static final Set<Authority.Kind> REGISTERED = EnumSet.of(
            Authority.Kind.WELFARE_ATTORNEY, Authority.Kind.WELFARE_GUARDIAN, Authority.Kind.FINANCIAL_ATTORNEY);

    /** The kinds whose cover is the categories named: the guardianship order's, or those the person chose. */
    static final Set<Authority.Kind> NAMING_CATEGORIES =
            EnumSet.of(Authority.Kind.WELFARE_GUARDIAN, Authority.Kind.NOMINATED_NEXT_OF_KIN_OR_CARER);

    private final Workspace workspace;
    private final PersonDirectory directory;
    private final Representatives representatives;
    private final Clock clock;

    AuthorityForms(Workspace workspace, PersonDirectory directory, Representatives representatives, Clock clock) {
        this.workspace = workspace;
        this.directory = directory;
        this.representatives = representatives;
        this.clock = clock;
    }

    @GetMapping("/people/{id}/authorities/new")
    String initAuthorityForm(
            @PathVariable("id") String id, Authentication authentication, HttpSession session, Model model) {
        PersonView person = visible(id, workspace.practitioner(authentication, session));
        return authorityForm(person, null, null, null, List.of(), null, null, null, new FormErrors(), model);
    }

    @PostMapping("/people/{id}/authorities")
    String processAuthorityForm(
            @PathVariable("id") String id,
            @RequestParam(name = "kind", required = false) String kind,
            @RequestParam(name = "holder", required = false) String holder,
            @RequestParam(name = "reference", required = false) String reference,
            @RequestParam(name = "categories", required = false) List<String> categories,
            @RequestParam(name = "start-day", required = false) String day,
            @RequestParam(name = "start-month", required = false) String month,
            @RequestParam(name = "start-year", required = false) String year,
            Authentication authentication,
            HttpSession session,
            Model model) {
        Practitioner practitioner = workspace.practitioner(authentication, session);
        PersonView person = visible(id, practitioner);
        FormErrors errors = new FormErrors();
        Authority.Kind chosen = kind(kind).orElse(null);
        if (chosen == null) {
            errors.add("kind", "Choose the kind of authority");
        }
        PersonId representative = holder(practitioner, holder, person.id()).orElse(null);
        if (representative == null) {
            errors.add("holder", "Enter the person id of the representative, someone in the index you may see");
        }
        String ref = reference == null || reference.isBlank() ? null : reference.strip();
        if (chosen != null && REGISTERED.contains(chosen) && ref == null) {
            errors.add("reference", "Enter the registration reference of the power of attorney or guardianship order");
        } else if (ref != null && ref.length() > MAX_REFERENCE) {
            errors.add("reference", "Keep the reference to " + MAX_REFERENCE + " characters or fewer");
        }
        Set<Category> named = categories(errors, categories);
        if (chosen != null && NAMING_CATEGORIES.contains(chosen) && named.isEmpty() && !errors.has("categories")) {
            errors.add("categories", "Choose the categories the order or the person's nomination names");
        }
        LocalDate start = date(day, month, year).orElse(null);
        if (start == null) {
            errors.add("start-day", "Enter the day the authority starts as a real date, for example 14 3 2025");
        }
        if (!errors.any()) {
            try {
                representatives.record(
                        new AuthorityDraft(
                                person.id(),
                                representative,
                                chosen,
                                ref,
                                NAMING_CATEGORIES.contains(chosen) ? named : Set.of(),
                                start,
                                null),
                        practitioner.actor());
                return "redirect:/people/" + person.id().value() + "#representatives";
            } catch (RecordingRefused refused) {
                errors.add("kind", "The authority was not recorded: " + refused.getMessage());
            }
        }
        return authorityForm(person, kind, holder, reference, categories, day, month, year, errors, model);
    }

    @GetMapping("/people/{id}/capacity/new")
    String initCapacityForm(
            @PathVariable("id") String id, Authentication authentication, HttpSession session, Model model) {
        PersonView person = visible(id, workspace.practitioner(authentication, session));
        return capacityForm(person, null, List.of(), null, null, null, new FormErrors(), model);
    }

    @PostMapping("/people/{id}/capacity")
    String processCapacityForm(
            @PathVariable("id") String id,
            @RequestParam(name = "finding", required = false) String finding,
            @RequestParam(name = "areas", required = false) List<String> areas,
            @RequestParam(name = "assessed-day", required = false) String day,
            @RequestParam(name = "assessed-month", required = false) String month,
            @RequestParam(name = "assessed-year", required = false) String year,
            Authentication authentication,
            HttpSession session,
            Model model) {
        Practitioner practitioner = workspace.practitioner(authentication, session);
        PersonView person = visible(id, practitioner);
        FormErrors errors = new FormErrors();
        Boolean lacks = switch (finding == null ? "" : finding) {
            case "lacks" -> Boolean.TRUE;
            case "has" -> Boolean.FALSE;
            default -> null;
        };
        if (lacks == null) {
            errors.add("finding", "Choose whether the person lacks capacity for these decisions");
        }
        Set<DecisionArea> chosen = EnumSet.noneOf(DecisionArea.class);
        for (String code : areas == null ? List.<String>of() : areas) {
            Optional<DecisionArea> area = area(code);
            if (area.isEmpty()) {
                errors.add("areas", "Choose the kinds of decision from the list");
            } else {
                chosen.add(area.get());
            }
        }
        if (chosen.isEmpty()) {
            errors.add("areas", "Choose the kinds of decision the assessment is about");
        }
        LocalDate assessedOn = date(day, month, year).orElse(null);
        if (assessedOn == null) {
            errors.add("assessed-day", "Enter the day of the assessment as a real date, for example 14 3 2025");
        } else if (assessedOn.isAfter(LocalDate.ofInstant(clock.instant(), Dates.PARTNERSHIP_ZONE))) {
            errors.add("assessed-day", "The day of the assessment cannot be in the future");
        }
        if (!errors.any()) {
            try {
                representatives.recordAssessment(person.id(), assessedOn, chosen, lacks, practitioner.actor());
                return "redirect:/people/" + person.id().value() + "#representatives";
            } catch (RecordingRefused refused) {
                errors.add("finding", "The assessment was not recorded: " + refused.getMessage());
            }
        }
        return capacityForm(person, finding, areas, day, month, year, errors, model);
    }

    private String authorityForm(
            PersonView person,
            String kind,
            String holder,
            String reference,
            List<String> categories,
            String day,
            String month,
            String year,
            FormErrors errors,
            Model model) {
        model.addAttribute("person", PersonSummary.of(person));
        model.addAttribute("kinds", List.of(Authority.Kind.values()));
        model.addAttribute("kind", kind);
        model.addAttribute("holder", holder);
        model.addAttribute("reference", reference);
        model.addAttribute("categories", categories == null ? List.of() : categories);
        model.addAttribute("allCategories", List.of(Category.values()));
        model.addAttribute("day", day);
        model.addAttribute("month", month);
        model.addAttribute("year", year);
        model.addAttribute("errors", errors);
        return "authority";
    }

    private String capacityForm(
            PersonView person,
            String finding,
            List<String> areas,
            String day,
            String month,
            String year,
            FormErrors errors,
            Model model) {
        model.addAttribute("person", PersonSummary.of(person));
        model.addAttribute("finding", finding);
        model.addAttribute("areas", areas == null ? List.of() : areas);
        model.addAttribute("allAreas", List.of(DecisionArea.values()));
        model.addAttribute("day", day);
        model.addAttribute("month", month);
        model.addAttribute("year", year);
        model.addAttribute("errors", errors);
        return "capacity";
    }

    /** The representative: a person the user may see, other than the person themself; the read is decided and logged. */
    private Optional<PersonId> holder(Practitioner practitioner, String text, PersonId person) {
        Optional<PersonId> id = PersonPages.parse(text == null ? null : text.strip());
        if (id.isEmpty() || id.get().equals(person)) {
            return Optional.empty();
        }
        try {
            return directory.read(practitioner.requester(), id.get()).map(PersonView::id);
        } catch (AccessRefused refused) {
            return Optional.empty();
        }
    }

    static Set<Category> categories(FormErrors errors, List<String> codes) {
        Set<Category> named = EnumSet.noneOf(Category.class);
        for (String code : codes == null ? List.<String>of() : codes) {
            Optional<Category> category = Category.fromCode(code);
            if (category.isEmpty()) {
                errors.add("categories", "Choose categories from the list");
            } else {
                named.add(category.get());
            }
        }
        return named;
    }

    static Optional<Authority.Kind> kind(String code) {
        for (Authority.Kind kind : Authority.Kind.values()) {
            if (code(kind).equals(code)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** The kind as a form sends it: {@code welfare-attorney}. */
    public static String code(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The kind in words: {@code Welfare attorney}. */
    public static String words(Enum<?> value) {
        String text = value.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    static Optional<DecisionArea> area(String code) {
        for (DecisionArea area : DecisionArea.values()) {
            if (code(area).equals(code)) {
                return Optional.of(area);
            }
        }
        return Optional.empty();
    }

    static Optional<LocalDate> date(String day, String month, String year) {
        try {
            if (year == null || year.strip().length() != 4) {
                return Optional.empty();
            }
            return Optional.of(LocalDate.of(
                    Integer.parseInt(year.strip()), Integer.parseInt(month.strip()), Integer.parseInt(day.strip())));
        } catch (NumberFormatException | DateTimeException | NullPointerException notADate) {
            return Optional.empty();
        }
    }

    /** The person as the user may see them under a care or protection purpose; anyone else gets the missing page. */
    private PersonView visible(String id, Practitioner practitioner) {
        if (!ConsentPages.CONSENT_PURPOSES.contains(practitioner.purpose())) {
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
}
