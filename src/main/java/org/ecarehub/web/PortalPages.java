package org.ecarehub.web;

import jakarta.servlet.http.HttpSession;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ecarehub.identity.PortalAccount;
import org.ecarehub.identity.PortalAccounts;
import org.ecarehub.identity.PortalRefused;
import org.ecarehub.identity.PortalRegistration;
import org.ecarehub.identity.VerificationClaim;
import org.ecarehub.partnership.Agency;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.record.ItemView;
import org.ecarehub.record.Records;
import org.ecarehub.record.Summary;
import org.ecarehub.record.WithheldNotice;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The person's portal: sign-in, registration, the request to be verified, the choice of whose record to look at, and
 * the record itself, which the access decision filters for the {@link org.ecarehub.access.Requester.Portal}.
 */
@Controller
class PortalPages {

    private final PortalAccounts accounts;
    private final PortalViewer viewer;
    private final Records records;
    private final Partnerships partnerships;

    PortalPages(PortalAccounts accounts, PortalViewer viewer, Records records, Partnerships partnerships) {
        this.accounts = accounts;
        this.viewer = viewer;
        this.records = records;
        this.partnerships = partnerships;
    }

    @org.springframework.web.bind.annotation.ModelAttribute("portalWords")
    PortalWords portalWords() {
        return PortalWords.INSTANCE;
    }

    @GetMapping("/portal/sign-in")
    String signIn(
            @RequestParam(name = "error", required = false) String error,
            @RequestParam(name = "signed-out", required = false) String signedOut,
            Model model) {
        model.addAttribute("failed", error != null);
        model.addAttribute("signedOut", signedOut != null);
        model.addAttribute("provider", accounts.signsInThroughProvider());
        return "portal-sign-in";
    }

    @GetMapping("/portal/register")
    String registerForm(Model model) {
        model.addAttribute("errors", new FormErrors());
        model.addAttribute("provider", accounts.signsInThroughProvider());
        return "portal-register";
    }

    @PostMapping("/portal/register")
    String register(
            @RequestParam(name = "username", required = false) String username,
            @RequestParam(name = "email", required = false) String email,
            @RequestParam(name = "password", required = false) String password,
            Model model) {
        FormErrors errors = new FormErrors();
        Optional<Username> name = Username.parse(Forms.trimmed(username));
        if (name.isEmpty()) {
            errors.add("username", "Enter a username of lower-case letters, digits, dots and hyphens");
        } else {
            try {
                PortalRegistration registered = accounts.register(name.get(), email, password);
                model.addAttribute("registered", registered);
                return "portal-registered";
            } catch (PortalRefused refused) {
                errors.add(field(refused.getMessage()), sentence(refused.getMessage()));
            }
        }
        model.addAttribute("errors", errors);
        model.addAttribute("username", username);
        model.addAttribute("email", email);
        model.addAttribute("provider", accounts.signsInThroughProvider());
        return "portal-register";
    }

    private static String field(String message) {
        if (message.contains("email")) {
            return "email";
        }
        return message.contains("password") ? "password" : "username";
    }

    static String sentence(String message) {
        return Character.toUpperCase(message.charAt(0)) + message.substring(1);
    }

    @GetMapping("/portal")
    String home(Authentication authentication, HttpSession session, Model model) {
        PortalViewing viewing = viewer.viewing(authentication, session);
        model.addAttribute("viewing", viewing);
        return "portal-home";
    }

    @PostMapping("/portal/choose")
    String choose(
            @RequestParam(name = "person", required = false) String person,
            Authentication authentication,
            HttpSession session) {
        // A choice that is not the account's changes nothing and lands on the record it had, like any other.
        viewer.choose(authentication, session, person == null ? "" : person);
        return "redirect:/portal/record";
    }

    @GetMapping("/portal/verification")
    String verificationForm(Authentication authentication, HttpSession session, Model model) {
        model.addAttribute("viewing", viewer.viewing(authentication, session));
        model.addAttribute("errors", new FormErrors());
        return "portal-verification";
    }

    @PostMapping("/portal/verification")
    String requestVerification(
            @RequestParam(name = "name", required = false) String name,
            @RequestParam(name = "birth-day", required = false) String day,
            @RequestParam(name = "birth-month", required = false) String month,
            @RequestParam(name = "birth-year", required = false) String year,
            @RequestParam(name = "acts-for", required = false) String actsFor,
            @RequestParam(name = "reference", required = false) String reference,
            Authentication authentication,
            HttpSession session,
            Model model) {
        PortalAccount account = viewer.account(authentication);
        FormErrors errors = new FormErrors();
        DateField born = new DateField(day, month, year);
        if (Forms.trimmed(name) == null) {
            errors.add("name", "Enter your full name");
        }
        if (born.date().isEmpty()) {
            errors.add("birth-day", "Enter your date of birth as day, month and year, for example 27 3 1970");
        }
        boolean acting = "yes".equals(actsFor);
        if (acting && Forms.trimmed(reference) == null) {
            errors.add("reference", "Enter the reference of the document that lets you act for them");
        }
        if (!errors.any()) {
            try {
                accounts.requestVerification(
                        account.username(),
                        new VerificationClaim(name, born.date().get(), acting ? reference : null));
                return "redirect:/portal?requested";
            } catch (PortalRefused refused) {
                errors.add(
                        refused.getMessage().contains("birth") ? "birth-day" : "name", sentence(refused.getMessage()));
            }
        }
        model.addAttribute("viewing", viewer.viewing(authentication, session));
        model.addAttribute("errors", errors);
        model.addAttribute("name", name);
        model.addAttribute("born", born);
        model.addAttribute("actsFor", acting);
        model.addAttribute("reference", reference);
        return "portal-verification";
    }

    /**
     * What each agency shares about the chosen person, or about the person the URL names: the decision answers for
     * either, so another person's id, an authority that does not cover the items or one that has ended all show the
     * same "nothing there" as an unknown id.
     */
    @GetMapping("/portal/record")
    String record(
            @RequestParam(name = "person", required = false) String person,
            Authentication authentication,
            HttpSession session,
            Model model) {
        PortalViewing viewing = viewer.viewing(authentication, session);
        Optional<PersonId> asked = person == null ? Optional.ofNullable(viewing.person()) : parse(person);
        Summary summary = asked.filter(id -> viewing.account().bound())
                .map(id -> records.summary(viewing.requester(), id))
                .orElse(null);
        Partnership partnership = partnerships.current().partnership();
        Map<AgencyId, AgencyShare> byAgency = new LinkedHashMap<>();
        if (summary != null) {
            for (ItemView view : summary.record().items()) {
                byAgency.computeIfAbsent(view.item().owner(), id -> new AgencyShare(name(partnership, id)))
                        .items()
                        .add(view);
            }
            for (WithheldNotice notice : summary.record().withheld()) {
                byAgency.computeIfAbsent(notice.owner(), id -> new AgencyShare(name(partnership, id)))
                        .withheld()
                        .add(notice);
            }
        }
        model.addAttribute("viewing", viewing);
        model.addAttribute("shown", summary == null ? null : summary.person().orElse(null));
        model.addAttribute("agencies", List.copyOf(byAgency.values()));
        return "portal-record";
    }

    private static String name(Partnership partnership, AgencyId id) {
        return partnership.agency(id).map(Agency::name).orElse(id.value());
    }

    private static Optional<PersonId> parse(String person) {
        try {
            return Optional.of(PersonId.of(person));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }
}
