package org.ecarehub.web;

import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Optional;
import org.ecarehub.access.Challenge;
import org.ecarehub.access.ChallengeDraft;
import org.ecarehub.access.ChallengeRefused;
import org.ecarehub.access.Challenges;
import org.ecarehub.shared.PersonId;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Challenge and correct (issue 8, item 7), the portal's side: raising a challenge about an access entry, a sharing
 * decision or an item of the record, and following each to the guardian's answer. What may be challenged and followed
 * is the access module's ({@link Challenges}, decision 0037); the page passes the subject on as the portal showed it.
 */
@Controller
class PortalChallengePages {

    private final PortalViewer viewer;
    private final Challenges challenges;

    PortalChallengePages(PortalViewer viewer, Challenges challenges) {
        this.viewer = viewer;
        this.challenges = challenges;
    }

    @ModelAttribute("say")
    PortalSayWords say() {
        return PortalSayWords.INSTANCE;
    }

    /** The list and the form, with the subject and kind a link from the history or record page brings. */
    @GetMapping("/portal/challenges")
    String initChallengeForm(
            @RequestParam(name = "person", required = false) String person,
            @RequestParam(name = "subject", required = false) String subject,
            @RequestParam(name = "kind", required = false) String kind,
            Authentication authentication,
            HttpSession session,
            Model model) {
        PortalViewing viewing = viewer.viewing(authentication, session);
        String preset = kind;
        if (preset == null && subject != null) {
            preset = subject.startsWith("record-item-") ? "correction" : "access";
        }
        return page(viewing, PortalConsentPages.asked(viewing, person), new FormErrors(), preset, subject, null, model);
    }

    @PostMapping("/portal/challenges")
    String processChallengeForm(
            @RequestParam(name = "person", required = false) String person,
            @RequestParam(name = "kind", required = false) String kind,
            @RequestParam(name = "subject", required = false) String subject,
            @RequestParam(name = "details", required = false) String details,
            Authentication authentication,
            HttpSession session,
            Model model) {
        PortalViewing viewing = viewer.viewing(authentication, session);
        Optional<PersonId> about = PortalConsentPages.asked(viewing, person == null ? "" : person);
        FormErrors errors = new FormErrors();
        if (about.isEmpty()) {
            return page(viewing, about, errors, null, null, null, model);
        }
        Challenge.Kind chosen = kind(kind);
        if (chosen == null) {
            errors.add("kind", "Choose what you want to challenge");
        }
        String reference = subject == null ? null : subject.strip();
        if (reference == null || reference.isEmpty()) {
            errors.add(
                    "subject", "Enter the reference of the entry or item, such as access-event-42 or record-item-12");
        }
        if (details == null || details.isBlank()) {
            errors.add("details", "Say what is wrong, in your own words");
        }
        if (!errors.any()) {
            try {
                Challenge raised = challenges.raise(
                        viewing.requester(), about.get(), new ChallengeDraft(chosen, reference, details));
                return "redirect:/portal/challenges?person=" + about.get().value() + "&raised="
                        + raised.id().value();
            } catch (ChallengeRefused refused) {
                errors.add(
                        refused.getMessage().contains("characters") ? "details" : "subject",
                        PortalPages.sentence(refused.getMessage()));
            }
        }
        return page(viewing, about, errors, kind, subject, details, model);
    }

    private static Challenge.Kind kind(String code) {
        for (Challenge.Kind kind : Challenge.Kind.values()) {
            if (kind.code().equals(code)) {
                return kind;
            }
        }
        return null;
    }

    private String page(
            PortalViewing viewing,
            Optional<PersonId> about,
            FormErrors errors,
            String kind,
            String subject,
            String details,
            Model model) {
        model.addAttribute("viewing", viewing);
        model.addAttribute("person", about.map(PersonId::value).orElse(null));
        model.addAttribute(
                "challenges",
                about.map(id -> challenges.of(viewing.requester(), id)).orElse(List.of()));
        model.addAttribute("kinds", List.of(Challenge.Kind.values()));
        model.addAttribute("errors", errors);
        model.addAttribute("kind", kind);
        model.addAttribute("subject", subject);
        model.addAttribute("details", details);
        model.addAttribute("maxDetails", ChallengeDraft.MAX_DETAILS);
        return "portal-challenges";
    }
}
