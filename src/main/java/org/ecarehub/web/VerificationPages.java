package org.ecarehub.web;

import jakarta.servlet.http.HttpSession;
import java.util.List;
import org.ecarehub.access.PersonDirectory;
import org.ecarehub.access.PersonQuery;
import org.ecarehub.access.PersonView;
import org.ecarehub.identity.PortalAccounts;
import org.ecarehub.identity.PortalRefused;
import org.ecarehub.identity.VerificationRequest;
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
 * The partnership's verification queue for portal accounts (POLICY.md P1): staff whose roles may update demographics
 * compare what the holder claims with the people they may see, and bind the account to one of them or refuse.
 */
@Controller
class VerificationPages {

    private final Workspace workspace;
    private final PortalAccounts accounts;
    private final PersonDirectory directory;

    VerificationPages(Workspace workspace, PortalAccounts accounts, PersonDirectory directory) {
        this.workspace = workspace;
        this.accounts = accounts;
        this.directory = directory;
    }

    @GetMapping("/verification")
    String queue(Authentication authentication, HttpSession session, Model model) {
        verifier(authentication, session);
        model.addAttribute("requests", accounts.waiting());
        return "verification-queue";
    }

    @GetMapping("/verification/{id}")
    String request(@PathVariable("id") long id, Authentication authentication, HttpSession session, Model model) {
        Practitioner practitioner = verifier(authentication, session);
        return show(practitioner, waiting(id), new FormErrors(), null, model);
    }

    @PostMapping("/verification/{id}/bind")
    String bind(
            @PathVariable("id") long id,
            @RequestParam(name = "person", required = false) String person,
            Authentication authentication,
            HttpSession session,
            Model model) {
        Practitioner practitioner = verifier(authentication, session);
        VerificationRequest request = waiting(id);
        // Only a person the verifier may see, as their search showed: a forged id binds nobody.
        PersonId chosen = candidates(practitioner, request).stream()
                .map(PersonView::id)
                .filter(candidate -> candidate.value().equals(person))
                .findFirst()
                .orElseThrow(PersonPages::notFound);
        try {
            accounts.bind(id, chosen, practitioner.actor());
        } catch (PortalRefused refused) {
            FormErrors errors = new FormErrors();
            errors.add("person", PortalPages.sentence(refused.getMessage()));
            return show(practitioner, request, errors, null, model);
        }
        return "redirect:/verification?bound";
    }

    @PostMapping("/verification/{id}/refuse")
    String refuse(
            @PathVariable("id") long id,
            @RequestParam(name = "reason", required = false) String reason,
            Authentication authentication,
            HttpSession session,
            Model model) {
        Practitioner practitioner = verifier(authentication, session);
        VerificationRequest request = waiting(id);
        try {
            accounts.refuse(id, reason, practitioner.actor());
        } catch (PortalRefused refused) {
            FormErrors errors = new FormErrors();
            errors.add("reason", PortalPages.sentence(refused.getMessage()));
            return show(practitioner, request, errors, reason, model);
        }
        return "redirect:/verification?refused";
    }

    private String show(
            Practitioner practitioner, VerificationRequest request, FormErrors errors, String reason, Model model) {
        model.addAttribute("request", request);
        model.addAttribute("candidates", candidates(practitioner, request));
        model.addAttribute("errors", errors);
        model.addAttribute("reason", reason);
        return "verification-request";
    }

    /** The people the verifier may see whose records match the claimed name and date of birth. */
    private List<PersonView> candidates(Practitioner practitioner, VerificationRequest request) {
        String[] names = request.claim().name().strip().split("\\s+");
        String given = names[0];
        String family = names.length > 1 ? names[names.length - 1] : null;
        PersonQuery query = new PersonQuery(
                null, null, null, family, given, null, request.claim().birthDate(), null);
        return directory.search(practitioner.requester(), query);
    }

    private Practitioner verifier(Authentication authentication, HttpSession session) {
        Practitioner practitioner = workspace.practitioner(authentication, session);
        if (!accounts.mayVerify(practitioner.actor())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return practitioner;
    }

    private VerificationRequest waiting(long id) {
        return accounts.request(id)
                .filter(request -> request.outcome() == VerificationRequest.Outcome.WAITING)
                .orElseThrow(PersonPages::notFound);
    }
}
