package org.ecarehub.web;

import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.LocalDate;
import org.ecarehub.access.AccessRefused;
import org.ecarehub.access.InvolvementDirectory;
import org.ecarehub.consent.AuthorityId;
import org.ecarehub.consent.RecordingRefused;
import org.ecarehub.consent.RepresentativeAuthority;
import org.ecarehub.consent.Representatives;
import org.ecarehub.shared.PersonId;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * Verifying and ending a representative's authority from the person's page. The authority must be one the decision
 * lets the user see ({@link InvolvementDirectory#authority}), under a care or protection purpose; the consent module
 * checks the step itself and logs it.
 */
@Controller
class AuthorityPages {

    private final Workspace workspace;
    private final InvolvementDirectory involvement;
    private final Representatives representatives;
    private final PersonPages personPages;
    private final Clock clock;

    AuthorityPages(
            Workspace workspace,
            InvolvementDirectory involvement,
            Representatives representatives,
            PersonPages personPages,
            Clock clock) {
        this.workspace = workspace;
        this.involvement = involvement;
        this.representatives = representatives;
        this.personPages = personPages;
        this.clock = clock;
    }

    @PostMapping("/people/{id}/authorities/{authority}/verify")
    String verify(
            @PathVariable("id") String id,
            @PathVariable("authority") String authority,
            Authentication authentication,
            HttpSession session,
            Model model) {
        Practitioner practitioner = workspace.practitioner(authentication, session);
        RepresentativeAuthority shown = visible(id, authority, practitioner);
        try {
            representatives.verify(shown.id(), practitioner.actor());
        } catch (RecordingRefused refused) {
            return refused(id, refused, authentication, session, model);
        }
        return "redirect:/people/" + shown.person().value() + "#representatives";
    }

    /** Ending stops the representative seeing the record from tomorrow, so it is confirmed on a page of its own. */
    @GetMapping("/people/{id}/authorities/{authority}/end")
    String confirmEnd(
            @PathVariable("id") String id,
            @PathVariable("authority") String authority,
            Authentication authentication,
            HttpSession session,
            Model model) {
        Practitioner practitioner = workspace.practitioner(authentication, session);
        RepresentativeAuthority shown = visible(id, authority, practitioner);
        if (shown.authority().end() != null) {
            throw PersonPages.notFound();
        }
        model.addAttribute("personId", shown.person().value());
        model.addAttribute("shown", shown);
        model.addAttribute("today", Dates.day(LocalDate.ofInstant(clock.instant(), Dates.PARTNERSHIP_ZONE)));
        return "authority-end";
    }

    @PostMapping("/people/{id}/authorities/{authority}/end")
    String end(
            @PathVariable("id") String id,
            @PathVariable("authority") String authority,
            Authentication authentication,
            HttpSession session,
            Model model) {
        Practitioner practitioner = workspace.practitioner(authentication, session);
        RepresentativeAuthority shown = visible(id, authority, practitioner);
        try {
            representatives.end(
                    shown.id(), LocalDate.ofInstant(clock.instant(), Dates.PARTNERSHIP_ZONE), practitioner.actor());
        } catch (RecordingRefused refused) {
            return refused(id, refused, authentication, session, model);
        }
        return "redirect:/people/" + shown.person().value() + "#representatives";
    }

    private String refused(
            String id, RecordingRefused refused, Authentication authentication, HttpSession session, Model model) {
        FormErrors errors = new FormErrors();
        errors.add("representatives", "The authority was not changed: " + refused.getMessage());
        model.addAttribute("errors", errors);
        return personPages.show(id, authentication, session, model);
    }

    /** An authority over the person the user may see; any other answers as a page that does not exist. */
    private RepresentativeAuthority visible(String id, String authority, Practitioner practitioner) {
        if (!ConsentPages.CONSENT_PURPOSES.contains(practitioner.purpose())) {
            throw PersonPages.notFound();
        }
        PersonId person = PersonPages.parse(id).orElseThrow(PersonPages::notFound);
        long number;
        try {
            number = Long.parseLong(authority);
        } catch (NumberFormatException notANumber) {
            throw PersonPages.notFound();
        }
        try {
            return involvement
                    .authority(practitioner.requester(), person, new AuthorityId(number))
                    .orElseThrow(PersonPages::notFound);
        } catch (AccessRefused refused) {
            throw PersonPages.notFound();
        }
    }
}
