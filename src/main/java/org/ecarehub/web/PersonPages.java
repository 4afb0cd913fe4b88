package org.ecarehub.web;

import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ecarehub.access.AccessRefused;
import org.ecarehub.access.BreakGlassGrant;
import org.ecarehub.access.BreakGlassGrants;
import org.ecarehub.access.FoundPeople;
import org.ecarehub.access.InvolvementDirectory;
import org.ecarehub.access.PersonDirectory;
import org.ecarehub.access.PersonQuery;
import org.ecarehub.access.PersonView;
import org.ecarehub.access.Requester;
import org.ecarehub.consent.RepresentativeAuthority;
import org.ecarehub.person.ChiNumber;
import org.ecarehub.protection.Attendances;
import org.ecarehub.record.Records;
import org.ecarehub.record.Summary;
import org.ecarehub.shared.PersonId;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * Finding a person and their page. Whom the user may see, and what of them, is decided by the access module's
 * directories, which log every decision; these pages only show what came back. Searches are posted, so that
 * identifying details stay out of addresses and server logs.
 */
@Controller
class PersonPages {

    static final int MAX_DETAIL = 100;

    private final Workspace workspace;
    private final PersonDirectory directory;
    private final InvolvementDirectory involvement;
    private final BreakGlassGrants grants;
    private final Records records;
    private final RecordSections sections;
    private final Attendances attendances;
    private final Clock clock;

    PersonPages(
            Workspace workspace,
            PersonDirectory directory,
            InvolvementDirectory involvement,
            BreakGlassGrants grants,
            Records records,
            RecordSections sections,
            Attendances attendances,
            Clock clock) {
        this.workspace = workspace;
        this.directory = directory;
        this.involvement = involvement;
        this.grants = grants;
        this.records = records;
        this.sections = sections;
        this.attendances = attendances;
        this.clock = clock;
    }

    @GetMapping("/people")
    String initSearchForm(Model model) {
        model.addAttribute("form", SearchForm.empty());
        model.addAttribute("errors", new FormErrors());
        return "people";
    }

    @PostMapping("/people")
    String processSearchForm(
            Authentication authentication,
            HttpSession session,
            @RequestParam(name = "given", required = false) String given,
            @RequestParam(name = "family", required = false) String family,
            @RequestParam(name = "dob-day", required = false) String day,
            @RequestParam(name = "dob-month", required = false) String month,
            @RequestParam(name = "dob-year", required = false) String year,
            @RequestParam(name = "chi", required = false) String chi,
            @RequestParam(name = "postcode", required = false) String postcode,
            Model model) {
        Practitioner practitioner = workspace.practitioner(authentication, session);
        SearchForm form = new SearchForm(
                trimmed(given),
                trimmed(family),
                trimmed(day),
                trimmed(month),
                trimmed(year),
                trimmed(chi),
                trimmed(postcode));
        FormErrors errors = form.check();
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        if (errors.any()) {
            return "people";
        }
        FoundPeople found;
        try {
            found = directory.find(practitioner.requester(), form.query());
        } catch (AccessRefused refused) {
            model.addAttribute("refused", refused.getMessage());
            return "people";
        }
        model.addAttribute("searched", true);
        model.addAttribute(
                "results", found.shown().stream().map(PersonSummary::of).toList());
        found.known()
                .ifPresent(person ->
                        model.addAttribute("offer", workspace.offerBreakGlass(session, person, form.typed())));
        return "people";
    }

    @GetMapping("/people/{id}")
    String show(@PathVariable("id") String id, Authentication authentication, HttpSession session, Model model) {
        Practitioner practitioner = workspace.practitioner(authentication, session);
        Requester.Staff requester = practitioner.requester();
        PersonId person = parse(id).orElseThrow(PersonPages::notFound);
        // The person and their record in one decision: one request in the log, and nothing shown that it refused.
        Summary summary = records.summary(requester, person);
        PersonView view = summary.person().orElseThrow(PersonPages::notFound);
        Instant now = clock.instant();
        List<BreakGlassGrant> ownGrants = grants.grantsFor(view.id()).stream()
                .filter(grant -> grant.user().equals(requester.user()) && grant.activeAt(now))
                .toList();
        model.addAttribute("person", PersonSummary.of(view));
        model.addAttribute("view", view);
        model.addAttribute("grant", ownGrants.isEmpty() ? null : ownGrants.get(0));
        sections.addTo(model, requester, summary.record());
        // CP-IS: both the lead social worker's side and unscheduled care see a flagged child's last attendances. Asked
        // only for a child whose flag this reader was shown, so other pages cost no second decision in the log.
        Object flags = model.getAttribute("protectionFlags");
        boolean flagged = flags instanceof List<?> shown && !shown.isEmpty();
        model.addAttribute("attendances", flagged ? attendances.lastOf(requester, person) : List.of());
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", new FormErrors());
        }
        model.addAttribute("mayRecordConsent", ConsentPages.CONSENT_PURPOSES.contains(practitioner.purpose()));
        try {
            model.addAttribute("relationships", involvement.relationships(requester, view.id()));
            List<RepresentativeAuthority> authorities = involvement.authorities(requester, view.id());
            model.addAttribute("authorities", authorities);
            List<String> representatives = new ArrayList<>();
            for (RepresentativeAuthority authority : authorities) {
                representatives.add(directory
                        .read(requester, authority.representative())
                        .map(shown -> PersonSummary.of(shown).name())
                        .orElse("Not shown to you"));
            }
            model.addAttribute("representatives", representatives);
            model.addAttribute("consents", involvement.consents(requester, view.id()));
        } catch (AccessRefused refused) {
            model.addAttribute("relationships", List.of());
            model.addAttribute("authorities", List.of());
            model.addAttribute("representatives", List.of());
            model.addAttribute("consents", List.of());
            model.addAttribute("contactsRefused", refused.getMessage());
        }
        return "person";
    }

    static Optional<PersonId> parse(String id) {
        try {
            return Optional.of(PersonId.of(id));
        } catch (IllegalArgumentException | NullPointerException notAnId) {
            return Optional.empty();
        }
    }

    static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The search form as typed, checked field by field. */
    record SearchForm(String given, String family, String day, String month, String year, String chi, String postcode) {

        static SearchForm empty() {
            return new SearchForm(null, null, null, null, null, null, null);
        }

        FormErrors check() {
            FormErrors errors = new FormErrors();
            if (given == null
                    && family == null
                    && day == null
                    && month == null
                    && year == null
                    && chi == null
                    && postcode == null) {
                errors.add("given", "Enter at least one detail of the person you are looking for");
                return errors;
            }
            tooLong(errors, "given", given, "Given name");
            tooLong(errors, "family", family, "Family name");
            if (day != null || month != null || year != null) {
                if (birthDate().isEmpty()) {
                    errors.add("dob-day", "Date of birth must be a real date, for example 14 3 1941");
                }
            }
            if (chi != null) {
                String digits = chi.replaceAll("[\\s-]", "");
                if (!digits.matches("\\d{10}")) {
                    errors.add("chi", "CHI number must be 10 digits");
                }
            }
            tooLong(errors, "postcode", postcode, "Postcode");
            return errors;
        }

        private static void tooLong(FormErrors errors, String field, String value, String label) {
            if (value != null && value.length() > MAX_DETAIL) {
                errors.add(field, label + " must be " + MAX_DETAIL + " characters or fewer");
            }
        }

        Optional<LocalDate> birthDate() {
            try {
                LocalDate date = LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day));
                return year.length() == 4 ? Optional.of(date) : Optional.empty();
            } catch (NumberFormatException | DateTimeException | NullPointerException notADate) {
                return Optional.empty();
            }
        }

        PersonQuery query() {
            String chiNumber = chi == null ? null : ChiNumber.of(chi).text();
            return new PersonQuery(
                    null, null, chiNumber, family, given, null, birthDate().orElse(null), postcode);
        }

        /** The details as the user typed them, to show back to them and nothing more. */
        String typed() {
            List<String> parts = new ArrayList<>();
            if (given != null) {
                parts.add("given name " + given);
            }
            if (family != null) {
                parts.add("family name " + family);
            }
            birthDate().ifPresent(date -> parts.add("date of birth " + Dates.day(date)));
            if (chi != null) {
                parts.add("CHI number " + chi);
            }
            if (postcode != null) {
                parts.add("postcode " + postcode);
            }
            return String.join(", ", parts);
        }

        @Override
        public String toString() {
            return "SearchForm[masked]";
        }
    }
}
