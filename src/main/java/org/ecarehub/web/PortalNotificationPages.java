package org.ecarehub.web;

import jakarta.servlet.http.HttpSession;
import org.ecarehub.identity.PortalAccount;
import org.ecarehub.notification.NotificationChoices;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The signed-in account's choice of being emailed when there is new activity on a record it may see. */
@Controller
class PortalNotificationPages {

    private final PortalViewer viewer;
    private final NotificationChoices choices;

    PortalNotificationPages(PortalViewer viewer, NotificationChoices choices) {
        this.viewer = viewer;
        this.choices = choices;
    }

    @GetMapping("/portal/notifications")
    String notificationsForm(
            @RequestParam(name = "saved", required = false) String saved,
            Authentication authentication,
            HttpSession session,
            Model model) {
        PortalAccount account = viewer.account(authentication);
        model.addAttribute("viewing", viewer.viewing(authentication, session));
        model.addAttribute("emailsOn", choices.emailsOn(account.username()));
        model.addAttribute("saved", saved != null);
        return "portal-notifications";
    }

    @PostMapping("/portal/notifications")
    String processNotificationsForm(
            @RequestParam(name = "emails", required = false) String emails, Authentication authentication) {
        // Anything but an explicit "on" leaves email off: the safer answer when the form was tampered with.
        choices.choose(viewer.account(authentication).username(), "on".equals(emails));
        return "redirect:/portal/notifications?saved";
    }
}
