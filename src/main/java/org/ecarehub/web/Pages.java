package org.ecarehub.web;

import org.ecarehub.identity.Callers;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The start page, staff sign-in and the signed-in home page. */
@Controller
class Pages {

    private final Callers callers;

    Pages(Callers callers) {
        this.callers = callers;
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
            Model model) {
        model.addAttribute("caller", callers.staff(authentication).orElseThrow());
        model.addAttribute("purposeChanged", purposeChanged != null);
        return "home";
    }
}
