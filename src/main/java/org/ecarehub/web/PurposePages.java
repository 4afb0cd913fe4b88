package org.ecarehub.web;

import jakarta.servlet.http.HttpSession;
import org.ecarehub.partnership.Purpose;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Choosing the purpose of use among those the practitioner's roles allow (POLICY.md rule 2). */
@Controller
class PurposePages {

    static final int MAX_JUSTIFICATION = 1000;

    private final Workspace workspace;

    PurposePages(Workspace workspace) {
        this.workspace = workspace;
    }

    @GetMapping("/purpose")
    String initPurposeForm(Authentication authentication, HttpSession session, Model model) {
        Practitioner practitioner = workspace.practitioner(authentication, session);
        model.addAttribute(
                "chosen",
                practitioner.purpose() == null ? null : practitioner.purpose().code());
        model.addAttribute("justification", practitioner.justification());
        model.addAttribute("errors", new FormErrors());
        return "purpose";
    }

    @PostMapping("/purpose")
    String processPurposeForm(
            Authentication authentication,
            HttpSession session,
            @RequestParam(name = "purpose", required = false) String code,
            @RequestParam(name = "justification", required = false) String justification,
            Model model) {
        Practitioner practitioner = workspace.practitioner(authentication, session);
        FormErrors errors = new FormErrors();
        Purpose purpose = code == null
                ? null
                : Purpose.fromCode(code)
                        .filter(practitioner.allowed()::contains)
                        .orElse(null);
        if (purpose == null) {
            errors.add("purpose", "Choose a purpose of use that your roles allow");
        }
        String reason = justification == null || justification.isBlank() ? null : justification.strip();
        if (purpose != null && Workspace.needsJustification(purpose)) {
            if (reason == null) {
                errors.add(
                        "justification",
                        "Say why you need to work under "
                                + PurposeNames.INSTANCE.name(purpose).toLowerCase());
            } else if (reason.length() > MAX_JUSTIFICATION) {
                errors.add("justification", "Keep the justification to " + MAX_JUSTIFICATION + " characters or fewer");
            }
        }
        if (errors.any()) {
            model.addAttribute("chosen", code);
            model.addAttribute("justification", justification);
            model.addAttribute("errors", errors);
            return "purpose";
        }
        workspace.choose(session, purpose, Workspace.needsJustification(purpose) ? reason : null);
        return "redirect:/home?purpose-changed";
    }
}
