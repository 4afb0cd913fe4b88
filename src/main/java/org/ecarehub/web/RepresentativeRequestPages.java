package org.ecarehub.web;

import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.ecarehub.consent.Representatives;
import org.ecarehub.identity.PortalAccounts;
import org.ecarehub.identity.PortalRefused;
import org.ecarehub.identity.RepresentativeRequest;
import org.ecarehub.identity.RepresentativeRequests;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The verification queue's requests to add a representative: staff who verify portal accounts check the document,
 * record the authority on the person's page as any other (where it is verified), and mark the request dealt with.
 */
@Controller
class RepresentativeRequestPages {

    private final Workspace workspace;
    private final PortalAccounts accounts;
    private final RepresentativeRequests requests;
    private final Representatives representatives;

    RepresentativeRequestPages(
            Workspace workspace,
            PortalAccounts accounts,
            RepresentativeRequests requests,
            Representatives representatives) {
        this.workspace = workspace;
        this.accounts = accounts;
        this.requests = requests;
        this.representatives = representatives;
    }

    @ModelAttribute("say")
    PortalSayWords say() {
        return PortalSayWords.INSTANCE;
    }

    @GetMapping("/verification/representatives")
    String queue(
            @RequestParam(name = "notRecorded", required = false) Long notRecorded,
            Authentication authentication,
            HttpSession session,
            Model model) {
        verifier(authentication, session);
        model.addAttribute("requests", requests.waiting());
        model.addAttribute("notRecorded", notRecorded);
        return "representative-requests";
    }

    @PostMapping("/verification/representatives/{id}")
    String decide(
            @PathVariable("id") long id,
            @RequestParam(name = "outcome", required = false) String outcome,
            Authentication authentication,
            HttpSession session) {
        Practitioner practitioner = verifier(authentication, session);
        RepresentativeRequest.Outcome decided = "recorded".equals(outcome)
                ? RepresentativeRequest.Outcome.RECORDED
                : "refused".equals(outcome) ? RepresentativeRequest.Outcome.REFUSED : null;
        if (decided == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        if (decided == RepresentativeRequest.Outcome.RECORDED) {
            Optional<RepresentativeRequest> waiting = requests.waiting().stream()
                    .filter(request -> request.id() == id)
                    .findFirst();
            if (waiting.isPresent() && !recorded(waiting.get())) {
                // Marking it dealt with would tell the holder it was done while nothing acts for the person.
                return "redirect:/verification/representatives?notRecorded=" + id;
            }
        }
        try {
            requests.decide(id, decided, practitioner.actor());
        } catch (PortalRefused refused) {
            // Dealt with by someone else a moment before, or never there: the queue shows what waits.
            return "redirect:/verification/representatives";
        }
        return "redirect:/verification/representatives?decided";
    }

    /**
     * Whether an authority of the kind asked for, with the document reference given, is recorded over the person since
     * the request was made: what "authority recorded" claims. The answer tells the verifier only what they have just
     * recorded themselves on the person's page.
     */
    private boolean recorded(RepresentativeRequest request) {
        String reference = normalised(request.documentReference());
        return representatives.authoritiesOver(request.person()).stream()
                .filter(held -> held.authority().kind().name().equals(request.kind()))
                .filter(held -> held.recordedAt() == null || !held.recordedAt().isBefore(request.requestedAt()))
                .anyMatch(held -> reference.isEmpty()
                        || reference.equals(normalised(held.authority().reference())));
    }

    private static String normalised(String reference) {
        return reference == null ? "" : reference.replaceAll("\\s+", "").toUpperCase(java.util.Locale.ROOT);
    }

    private Practitioner verifier(Authentication authentication, HttpSession session) {
        Practitioner practitioner = workspace.practitioner(authentication, session);
        if (!accounts.mayVerify(practitioner.actor())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return practitioner;
    }
}
