package org.ecarehub.web;

import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.ecarehub.access.AccessRefused;
import org.ecarehub.access.PersonDirectory;
import org.ecarehub.access.PersonView;
import org.ecarehub.consent.ConsentDraft;
import org.ecarehub.consent.ConsentEvidence;
import org.ecarehub.consent.ConsentState;
import org.ecarehub.consent.Consents;
import org.ecarehub.consent.Recipient;
import org.ecarehub.consent.RecordingRefused;
import org.ecarehub.partnership.Agency;
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
    private final Consents consents;
    private final Partnerships partnerships;
    private final Clock clock;

    ConsentPages(
            Workspace workspace, PersonDirectory directory, Consents consents, Partnerships partnerships, Clock clock) {
        this.workspace = workspace;
        this.directory = directory;
        this.consents = consents;
        this.partnerships = partnerships;
        this.clock = clock;
    }

    @GetMapping("/people/{id}/consents/new")
    String initConsentForm(
            @PathVariable("id") String id, Authentication authentication, HttpSession session, Model model) {
        PersonView person = visible(id, workspace.practitioner(authentication, session));
        return form(person, new FormErrors(), null, "direct-care", List.of(), null, null, null, model);
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
            Authentication authentication,
            HttpSession session,
            Model model) {
        Practitioner practitioner = workspace.practitioner(authentication, session);
        PersonView person = visible(id, practitioner);
        FormErrors errors = new FormErrors();
        ConsentState state = switch (status == null ? "" : status) {
            case "given" -> ConsentState.GIVEN;
            case "refused" -> ConsentState.REFUSED;
            case "withdrawn" -> ConsentState.WITHDRAWN;
            default -> null;
        };
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
        Agency to = recipient == null || recipient.isBlank()
                ? null
                : partnerships.current().partnership().agencies().stream()
                        .filter(agency -> agency.id().value().equals(recipient))
                        .findFirst()
                        .orElse(null);
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
        if (!errors.any()) {
            try {
                consents.record(
                        new ConsentDraft(
                                person.id(),
                                chosen,
                                named,
                                List.of(Recipient.agency(to.id())),
                                state,
                                null,
                                proof,
                                LocalDate.ofInstant(clock.instant(), Dates.PARTNERSHIP_ZONE),
                                null),
                        practitioner.actor());
                return "redirect:/people/" + person.id().value() + "#consents";
            } catch (RecordingRefused refused) {
                errors.add("status", refused.getMessage());
            }
        }
        return form(person, errors, status, purpose, categories, recipient, evidence, reference, model);
    }

    private String form(
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
