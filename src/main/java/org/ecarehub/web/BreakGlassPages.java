package org.ecarehub.web;

import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import org.ecarehub.access.BreakGlassGrants;
import org.ecarehub.access.BreakGlassRefused;
import org.ecarehub.access.BreakGlassRequest;
import org.ecarehub.partnership.Purpose;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Opening break-glass (POLICY.md "Break-glass") for the person a search offered it for. The offer is a token kept in
 * the session, never the person's id, so neither the form nor its address says more than the user typed; an unknown
 * or spent token answers as a page that does not exist.
 */
@Controller
class BreakGlassPages {

    static final int MAX_REASON = 2000;

    private final Workspace workspace;
    private final BreakGlassGrants grants;

    BreakGlassPages(Workspace workspace, BreakGlassGrants grants) {
        this.workspace = workspace;
        this.grants = grants;
    }

    @GetMapping("/break-glass/{token}")
    String initBreakGlassForm(
            @PathVariable("token") String token, Authentication authentication, HttpSession session, Model model) {
        Practitioner practitioner = workspace.practitioner(authentication, session);
        BreakGlassOffer offer = workspace.offer(session, token).orElseThrow(PersonPages::notFound);
        model.addAttribute("offer", offer);
        model.addAttribute("token", token);
        model.addAttribute("reason", "");
        model.addAttribute(
                "chosen",
                practitioner.purpose() == null ? null : practitioner.purpose().code());
        model.addAttribute("hours", String.valueOf(BreakGlassRequest.DEFAULT_DURATION.toHours()));
        model.addAttribute("errors", new FormErrors());
        return "break-glass";
    }

    @PostMapping("/break-glass/{token}")
    String processBreakGlassForm(
            @PathVariable("token") String token,
            @RequestParam(name = "reason", required = false) String reason,
            @RequestParam(name = "purpose", required = false) String code,
            @RequestParam(name = "hours", required = false) String hours,
            Authentication authentication,
            HttpSession session,
            Model model) {
        Practitioner practitioner = workspace.practitioner(authentication, session);
        BreakGlassOffer offer = workspace.offer(session, token).orElseThrow(PersonPages::notFound);
        FormErrors errors = new FormErrors();
        String why = reason == null ? "" : reason.strip();
        if (why.length() < BreakGlassRequest.MIN_REASON) {
            errors.add("reason", "Give a reason of at least " + BreakGlassRequest.MIN_REASON + " characters");
        } else if (why.length() > MAX_REASON) {
            errors.add("reason", "Keep the reason to " + MAX_REASON + " characters or fewer");
        }
        Purpose purpose = code == null
                ? null
                : Purpose.fromCode(code)
                        .filter(practitioner.allowed()::contains)
                        .orElse(null);
        if (purpose == null) {
            errors.add("purpose", "Choose a purpose of use that your roles allow");
        }
        Integer duration = hours(hours);
        if (duration == null) {
            errors.add(
                    "hours", "Enter a duration in whole hours, from 1 to " + BreakGlassRequest.MAX_DURATION.toHours());
        }
        if (!errors.any()) {
            try {
                grants.open(
                        offer.personId(),
                        new BreakGlassRequest(
                                practitioner.caller().account().username(), why, purpose, Duration.ofHours(duration)),
                        practitioner.actor());
                workspace.forgetOffer(session, token);
                return "redirect:/people/" + offer.person();
            } catch (BreakGlassRefused refused) {
                refused.problems().forEach(problem -> errors.add("reason", capitalised(problem)));
            }
        }
        model.addAttribute("offer", offer);
        model.addAttribute("token", token);
        model.addAttribute("reason", reason);
        model.addAttribute("chosen", code);
        model.addAttribute("hours", hours);
        model.addAttribute("errors", errors);
        return "break-glass";
    }

    private static Integer hours(String text) {
        if (text == null || !text.strip().matches("\\d{1,3}")) {
            return null;
        }
        int hours = Integer.parseInt(text.strip());
        return hours >= 1 && hours <= BreakGlassRequest.MAX_DURATION.toHours() ? hours : null;
    }

    private static String capitalised(String problem) {
        return problem.isEmpty() ? problem : Character.toUpperCase(problem.charAt(0)) + problem.substring(1);
    }
}
