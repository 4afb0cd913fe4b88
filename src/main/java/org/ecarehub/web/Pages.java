package org.ecarehub.web;

import jakarta.servlet.http.HttpSession;
import org.ecarehub.identity.Callers;
import org.ecarehub.messaging.Deliveries;
import org.ecarehub.partnership.Purpose;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The start page, staff sign-in and the signed-in home page. */
@Controller
class Pages {

    private final Callers callers;
    private final Workspace workspace;
    private final Deliveries deliveries;

    Pages(Callers callers, Workspace workspace, Deliveries deliveries) {
        this.callers = callers;
        this.workspace = workspace;
        this.deliveries = deliveries;
    }

    @GetMapping("/")
    String start() {
        return "start";
    }

    @GetMapping("/sign-in")
    String signIn(
            @RequestParam(name = "error", required = false) String error,
            @RequestParam(name = "ended", required = false) String ended,
            Model model) {
        model.addAttribute("failed", error != null);
        model.addAttribute("ended", ended != null);
        return "sign-in";
    }

    @GetMapping("/home")
    String home(
            Authentication authentication,
            @RequestParam(name = "purpose-changed", required = false) String purposeChanged,
            HttpSession session,
            Model model) {
        model.addAttribute("caller", callers.staff(authentication).orElseThrow());
        model.addAttribute("purposeChanged", purposeChanged != null);
        // The dead-letter alert: administrators see at once that deliveries were given up, not only on their page.
        Practitioner practitioner = workspace.practitioner(authentication, session);
        model.addAttribute(
                "deadLetters",
                practitioner.allowed().contains(Purpose.ADMINISTRATION) ? deliveries.deadLetterCount() : 0L);
        return "home";
    }
}
