package org.ecarehub.web;

import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ecarehub.access.AccessDecision;
import org.ecarehub.access.AccessDecisions;
import org.ecarehub.access.AccessItem;
import org.ecarehub.access.Sensitivity;
import org.ecarehub.consent.Consent;
import org.ecarehub.consent.ConsentDraft;
import org.ecarehub.consent.ConsentEvidence;
import org.ecarehub.consent.ConsentState;
import org.ecarehub.consent.Consents;
import org.ecarehub.consent.OnBehalfOf;
import org.ecarehub.consent.Recipient;
import org.ecarehub.consent.RecordingRefused;
import org.ecarehub.consent.Representatives;
import org.ecarehub.partnership.Action;
import org.ecarehub.partnership.Agency;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.PartnershipSnapshot;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.person.Actor;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The person's consent decisions on the portal (issue 8, item 4): giving, refusing or withdrawing consent for a
 * purpose, categories and an agency, by the person or a representative. Whether a representative may decide is the
 * consent module's question, whose refusal the page shows; which decisions the viewer may read is the access
 * decision's (decision 0039).
 */
@Controller
class PortalConsentPages {

    private final PortalViewer viewer;
    private final Consents consents;
    private final Representatives representatives;
    private final AccessDecisions decisions;
    private final Partnerships partnerships;
    private final Clock clock;

    PortalConsentPages(
            PortalViewer viewer,
            Consents consents,
            Representatives representatives,
            AccessDecisions decisions,
            Partnerships partnerships,
            Clock clock) {
        this.viewer = viewer;
        this.consents = consents;
        this.representatives = representatives;
        this.decisions = decisions;
        this.partnerships = partnerships;
        this.clock = clock;
    }

    @ModelAttribute("say")
    PortalSayWords say() {
        return PortalSayWords.INSTANCE;
    }

    /**
     * The person the page is about: the one the URL or form names when the account may choose them, else the chosen
     * one; empty for an unbound account and for anyone the account may not choose, so both read as nothing there.
     */
    static Optional<PersonId> asked(PortalViewing viewing, String person) {
        if (!viewing.account().bound()) {
            return Optional.empty();
        }
        if (person == null) {
            return Optional.ofNullable(viewing.person());
        }
        return viewing.choices().stream()
                .map(PortalChoice::person)
                .filter(choice -> choice.value().equals(person.strip()))
                .findFirst();
    }

    /** Who acted, as the consent module records it: the portal account, never a name. */
    static Actor actor(PortalViewing viewing, PartnershipSnapshot snapshot) {
        return new Actor("portal", viewing.account().username().value(), null, List.of(), snapshot.version());
    }

    @GetMapping("/portal/consent")
    String initConsentForm(
            @RequestParam(name = "person", required = false) String person,
            Authentication authentication,
            HttpSession session,
            Model model) {
        PortalViewing viewing = viewer.viewing(authentication, session);
        return form(viewing, asked(viewing, person), new FormErrors(), null, null, List.of(), null, model);
    }

    @PostMapping("/portal/consent")
    String processConsentForm(
            @RequestParam(name = "person", required = false) String person,
            @RequestParam(name = "status", required = false) String status,
            @RequestParam(name = "purpose", required = false) String purpose,
            @RequestParam(name = "categories", required = false) List<String> categories,
            @RequestParam(name = "agency", required = false) String agency,
            Authentication authentication,
            HttpSession session,
            Model model) {
        PortalViewing viewing = viewer.viewing(authentication, session);
        Optional<PersonId> about = asked(viewing, person == null ? "" : person);
        if (about.isEmpty()) {
            return form(viewing, about, new FormErrors(), null, null, List.of(), null, model);
        }
        FormErrors errors = new FormErrors();
        ConsentState state = ConsentPages.state(status);
        if (state == null) {
            errors.add("status", "Choose whether you agree, say no, or take back an agreement");
        }
        Purpose chosen = purpose == null
                ? null
                : Purpose.fromCode(purpose)
                        .filter(PortalSayWords.PURPOSES::contains)
                        .orElse(null);
        if (chosen == null) {
            errors.add("purpose", "Choose what the sharing would be for");
        }
        Set<Category> named = EnumSet.noneOf(Category.class);
        for (String code : categories == null ? List.<String>of() : categories) {
            Optional<Category> category = Category.fromCode(code);
            if (category.isEmpty()) {
                errors.add("categories", "Choose the kinds of information from the list");
            } else {
                named.add(category.get());
            }
        }
        PartnershipSnapshot snapshot = partnerships.current();
        Optional<Agency> to = snapshot.partnership().agencies().stream()
                .filter(one -> one.id().value().equals(agency))
                .findFirst();
        if (to.isEmpty()) {
            errors.add("agency", "Choose the agency your answer is about");
        }
        if (!errors.any()) {
            LocalDate today = LocalDate.ofInstant(clock.instant(), Dates.PARTNERSHIP_ZONE);
            try {
                consents.record(
                        new ConsentDraft(
                                about.get(),
                                chosen,
                                named,
                                List.of(Recipient.agency(to.get().id())),
                                state,
                                onBehalfOf(viewing, about.get(), today),
                                ConsentEvidence.written(),
                                today,
                                null),
                        actor(viewing, snapshot));
                return "redirect:/portal/consent?person=" + about.get().value() + "&recorded";
            } catch (RecordingRefused refused) {
                errors.add("status", PortalPages.sentence(refused.getMessage()));
            }
        }
        return form(viewing, about, errors, status, purpose, categories, agency, model);
    }

    /**
     * The authority the account acts under for someone else's record, or null for its own. Which authority is
     * offered is the viewer's choice list; whether it lets the holder decide this is the consent module's check.
     */
    private OnBehalfOf onBehalfOf(PortalViewing viewing, PersonId person, LocalDate today) {
        PersonId holder = viewing.account().boundTo();
        if (holder.equals(person)) {
            return null;
        }
        return representatives.heldBy(holder).stream()
                .filter(held -> held.person().equals(person))
                .filter(held -> held.authority().verified() && held.authority().inForceOn(today))
                .findFirst()
                .map(held -> new OnBehalfOf(holder, held.id()))
                .orElseThrow(() -> new RecordingRefused("you do not act for this person today"));
    }

    private String form(
            PortalViewing viewing,
            Optional<PersonId> about,
            FormErrors errors,
            String status,
            String purpose,
            List<String> categories,
            String agency,
            Model model) {
        Partnership partnership = partnerships.current().partnership();
        model.addAttribute("viewing", viewing);
        model.addAttribute("person", about.map(PersonId::value).orElse(null));
        model.addAttribute(
                "acting",
                about.isPresent() && !about.get().equals(viewing.account().boundTo()));
        model.addAttribute(
                "decisions", about.map(id -> readable(viewing, id, partnership)).orElse(List.of()));
        model.addAttribute("errors", errors);
        model.addAttribute("status", status);
        model.addAttribute("purpose", purpose == null ? Purpose.DIRECT_CARE.code() : purpose);
        model.addAttribute("categories", categories == null ? List.of() : categories);
        model.addAttribute("agency", agency);
        model.addAttribute("purposes", PortalSayWords.PURPOSES);
        model.addAttribute(
                "allCategories",
                List.of(Category.values()).stream()
                        .filter(category -> category != Category.PROTECTION
                                || about.map(id -> id.equals(viewing.account().boundTo()))
                                        .orElse(false))
                        .toList());
        model.addAttribute("agencies", partnership.agencies());
        return "portal-consent";
    }

    /**
     * The person's decisions, the latest first, that the viewer may read: reading them is a read of the categories
     * they name, decided (and logged once) by the access decision, so a representative sees only decisions within
     * their authority and one about every category only when they may read every category.
     */
    private List<ConsentRow> readable(PortalViewing viewing, PersonId person, Partnership partnership) {
        List<Consent> history = consents.history(person);
        if (history.isEmpty()) {
            return List.of();
        }
        AgencyId anyOwner = partnership.agencies().get(0).id();
        List<AccessItem> items = new ArrayList<>();
        for (Category category : Category.values()) {
            items.add(new AccessItem("consent-decisions", category, Sensitivity.NORMAL, anyOwner));
        }
        List<AccessDecision> decided = decisions.decide(viewing.requester(), Action.READ, person, items);
        Set<Category> allowed = EnumSet.noneOf(Category.class);
        for (int i = 0; i < items.size(); i++) {
            if (decided.get(i).allowed()) {
                allowed.add(items.get(i).category());
            }
        }
        return history.stream()
                .filter(consent -> consent.categories().isEmpty()
                        ? allowed.size() == Category.values().length
                        : allowed.containsAll(consent.categories()))
                .sorted(Comparator.comparing(Consent::recordedAt).reversed())
                .map(consent -> new ConsentRow(consent, recipients(partnership, consent)))
                .toList();
    }

    private static String recipients(Partnership partnership, Consent consent) {
        return String.join(
                ", ",
                consent.recipients().stream()
                        .map(recipient -> recipient.agency() != null
                                ? partnership
                                        .agency(recipient.agency())
                                        .map(Agency::name)
                                        .orElse(recipient.agency().value())
                                : "every " + recipient.type().code().replace('-', ' '))
                        .toList());
    }

    /** One decision as the page lists it, with the agencies it is about in words. */
    public record ConsentRow(Consent consent, String recipients) {}
}
