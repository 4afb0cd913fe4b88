package org.ecarehub.web;

import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.ecarehub.access.AccessRefused;
import org.ecarehub.access.InvolvementDirectory;
import org.ecarehub.access.PersonDirectory;
import org.ecarehub.access.PersonView;
import org.ecarehub.consent.ConsentDraft;
import org.ecarehub.consent.ConsentEvidence;
import org.ecarehub.consent.ConsentState;
import org.ecarehub.consent.Consents;
import org.ecarehub.consent.OnBehalfOf;
import org.ecarehub.consent.Recipient;
import org.ecarehub.consent.RecordingRefused;
import org.ecarehub.consent.RepresentativeAuthority;
import org.ecarehub.partnership.Agency;
import org.ecarehub.partnership.AgencyType;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.partnership.Purpose;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Recording the person's own consent decision, by a practitioner who may see them under a care or protection purpose
 * (decision 0021): the consent module checks the draft and logs it; the page only says who may use the form.
 */
@Controller
class ConsentPages {

    /** The purposes a consent is recorded for: sharing for care and protection, not governance work. */
    static final List<Purpose> CONSENT_PURPOSES =
            List.of(Purpose.DIRECT_CARE, Purpose.CHILD_PROTECTION, Purpose.ADULT_PROTECTION, Purpose.EMERGENCY);

    private final Workspace workspace;
    private final PersonDirectory directory;
    private final InvolvementDirectory involvement;
    private final Consents consents;
    private final Partnerships partnerships;
    private final Clock clock;

    ConsentPages(
            Workspace workspace,
            PersonDirectory directory,
            InvolvementDirectory involvement,
            Consents consents,
            Partnerships partnerships,
            Clock clock) {
        this.workspace = workspace;
        this.directory = directory;
        this.involvement = involvement;
        this.consents = consents;
        this.partnerships = partnerships;
        this.clock = clock;
    }

    @GetMapping("/people/{id}/consents/new")
    String initConsentForm(
            @PathVariable("id") String id, Authentication authentication, HttpSession session, Model model) {
        Practitioner practitioner = workspace.practitioner(authentication, session);
        PersonView person = visible(id, practitioner);
        return form(practitioner, person, new FormErrors(), null, "direct-care", List.of(), null, null, null, model);
    }

    @PostMapping("/people/{id}/consents")
    String processConsentForm(
            @PathVariable("id") String id,
            @RequestParam(name = "status", required = false) String status,
            @RequestParam(name = "purpose", required = false) String purpose,
            @RequestParam(name = "categories", required = false) List<String> categories,
            @RequestParam(name = "recipient", required = false) String recipient,
            @RequestParam(name = "evidence", required = false) String evidence,
            @RequestParam(name = "reference", required = false) String reference,
            @RequestParam(name = "decided-by", required = false) String decidedBy,
            @RequestParam(name = "end-day", required = false) String endDay,
            @RequestParam(name = "end-month", required = false) String endMonth,
            @RequestParam(name = "end-year", required = false) String endYear,
            Authentication authentication,
            HttpSession session,
            Model model) {
        Practitioner practitioner = workspace.practitioner(authentication, session);
        PersonView person = visible(id, practitioner);
        FormErrors errors = new FormErrors();
        ConsentState state = state(status);
        if (state == null) {
            errors.add("status", "Choose whether consent was given, refused or withdrawn");
        }
        Purpose chosen = purpose == null
                ? null
                : Purpose.fromCode(purpose).filter(CONSENT_PURPOSES::contains).orElse(null);
        if (chosen == null) {
            errors.add("purpose", "Choose the purpose the decision is about");
        }
        Set<Category> named = EnumSet.noneOf(Category.class);
        for (String code : categories == null ? List.<String>of() : categories) {
            Category category = Category.fromCode(code).orElse(null);
            if (category == null) {
                errors.add("categories", "Choose categories from the list");
            } else {
                named.add(category);
            }
        }
        Recipient to = recipient(recipient);
        if (to == null) {
            errors.add("recipient", "Choose the agency the decision is about sharing with");
        }
        ConsentEvidence proof = switch (evidence == null ? "" : evidence) {
            case "verbal" -> ConsentEvidence.verbal();
            case "written" -> ConsentEvidence.written();
            case "document" -> ConsentEvidence.document(reference == null ? null : reference.strip());
            default -> null;
        };
        if (proof == null) {
            errors.add("evidence", "Choose how the person gave their decision");
        } else if (proof.kind() == ConsentEvidence.Kind.DOCUMENT
                && (proof.documentReference() == null
                        || proof.documentReference().isEmpty())) {
            errors.add("reference", "Enter where the document is filed");
        }
        OnBehalfOf onBehalfOf = null;
        if (decidedBy != null && !decidedBy.isBlank() && !"person".equals(decidedBy)) {
            onBehalfOf = authorities(practitioner, person).stream()
                    .filter(one -> String.valueOf(one.id().value()).equals(decidedBy))
                    .findFirst()
                    .map(one -> new OnBehalfOf(one.representative(), one.id()))
                    .orElse(null);
            if (onBehalfOf == null) {
                errors.add("decided-by", "Choose who decided: the person, or a representative shown");
            }
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), Dates.PARTNERSHIP_ZONE);
        LocalDate end = null;
        if (!blank(endDay) || !blank(endMonth) || !blank(endYear)) {
            end = AuthorityForms.date(endDay, endMonth, endYear).orElse(null);
            if (end == null) {
                errors.add("end-day", "Enter the last day as a real date, for example 14 3 2027, or leave it empty");
            } else if (end.isBefore(today)) {
                errors.add("end-day", "The last day cannot be in the past");
            }
        }
        if (!errors.any()) {
            try {
                consents.record(
                        new ConsentDraft(person.id(), chosen, named, List.of(to), state, onBehalfOf, proof, today, end),
                        practitioner.actor());
                return "redirect:/people/" + person.id().value() + "#consents";
            } catch (RecordingRefused refused) {
                errors.add("status", refused.getMessage());
            }
        }
        model.addAttribute("decidedBy", decidedBy);
        model.addAttribute("endDay", endDay);
        model.addAttribute("endMonth", endMonth);
        model.addAttribute("endYear", endYear);
        return form(practitioner, person, errors, status, purpose, categories, recipient, evidence, reference, model);
    }

    /** The decision a form's {@code status} names, or null for anything else; the portal's form sends the same codes. */
    static ConsentState state(String status) {
        return switch (status == null ? "" : status) {
            case "given" -> ConsentState.GIVEN;
            case "refused" -> ConsentState.REFUSED;
            case "withdrawn" -> ConsentState.WITHDRAWN;
            default -> null;
        };
    }

    /** One agency by its id, or every agency of a type as {@code type:gp-practice}; null for anything else. */
    private Recipient recipient(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        if (code.startsWith("type:")) {
            return AgencyType.fromCode(code.substring("type:".length()))
                    .map(Recipient::type)
                    .orElse(null);
        }
        return partnerships.current().partnership().agencies().stream()
                .filter(agency -> agency.id().value().equals(code))
                .findFirst()
                .map(agency -> Recipient.agency(agency.id()))
                .orElse(null);
    }

    /** The authorities over the person the decision lets the user see; the consent module checks their cover. */
    private List<RepresentativeAuthority> authorities(Practitioner practitioner, PersonView person) {
        try {
            return involvement.authorities(practitioner.requester(), person.id());
        } catch (AccessRefused refused) {
            return List.of();
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private String form(
            Practitioner practitioner,
            PersonView person,
            FormErrors errors,
            String status,
            String purpose,
            List<String> categories,
            String recipient,
            String evidence,
            String reference,
            Model model) {
        model.addAttribute("person", PersonSummary.of(person));
        model.addAttribute("errors", errors);
        model.addAttribute("status", status);
        model.addAttribute("purpose", purpose);
        model.addAttribute("categories", categories == null ? List.of() : categories);
        model.addAttribute("recipient", recipient);
        model.addAttribute("evidence", evidence);
        model.addAttribute("reference", reference);
        model.addAttribute("consentPurposes", CONSENT_PURPOSES);
        model.addAttribute("allCategories", List.of(Category.values()));
        List<Agency> agencies =
                new ArrayList<>(partnerships.current().partnership().agencies());
        model.addAttribute("agencies", agencies);
        model.addAttribute("agencyTypes", List.of(AgencyType.values()));
        List<RepresentativeAuthority> authorities = authorities(practitioner, person);
        List<String> representatives = new ArrayList<>();
        for (RepresentativeAuthority authority : authorities) {
            representatives.add(directory
                    .read(practitioner.requester(), authority.representative())
                    .map(shown -> PersonSummary.of(shown).name())
                    .orElse("A representative not shown to you"));
        }
        model.addAttribute("authorities", authorities);
        model.addAttribute("representatives", representatives);
        return "consent";
    }

    /**
     * The person as the user may see them, under a care or protection purpose; anyone else gets the page that does
     * not exist, as on the person's page.
     */
    private PersonView visible(String id, Practitioner practitioner) {
        if (!CONSENT_PURPOSES.contains(practitioner.purpose())) {
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
