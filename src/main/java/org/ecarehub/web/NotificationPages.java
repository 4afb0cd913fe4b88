package org.ecarehub.web;

import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Map;
import org.ecarehub.messaging.Deliveries;
import org.ecarehub.messaging.Delivery;
import org.ecarehub.messaging.DeliveryId;
import org.ecarehub.messaging.MessagingRefused;
import org.ecarehub.messaging.Receiver;
import org.ecarehub.partnership.StaffAccount;
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
 * Staff notifications: what the hub delivered to the signed-in user's agency in its in-hub inbox (agencies whose own
 * system takes rest-hooks get them there instead). A notification addressed to a team is shown to that team's members
 * only; one addressed to the agency as a whole to all its staff. A notification names its person by id alone: the
 * link opens the person's page, where the reading is decided and logged like any other.
 */
@Controller
class NotificationPages {

    /** How many notifications the page lists; older ones stay in the table and in the sender's view. */
    static final int LIMIT = 200;

    /** The words for each topic the hub sends; an unknown topic is shown as its code. */
    static final Map<String, String> TOPICS = Map.of(
            "cp-is-attendance", "A child with a child protection plan attended unscheduled care",
            "protection-message-received", "A protection message was sent to your team",
            "protection-message-escalated", "A protection message was not acknowledged in time and is escalated to you",
            "protection-lead-changed",
                    "A child on the child protection register has a new lead social worker in your team",
            "service-request-changed", "A service request changed");

    private final Workspace workspace;
    private final Deliveries deliveries;

    NotificationPages(Workspace workspace, Deliveries deliveries) {
        this.workspace = workspace;
        this.deliveries = deliveries;
    }

    @GetMapping("/notifications")
    String list(
            @RequestParam(name = "all", required = false) String all,
            Authentication authentication,
            HttpSession session,
            Model model) {
        StaffAccount account =
                workspace.practitioner(authentication, session).caller().account();
        boolean everything = all != null;
        model.addAttribute("notifications", forUser(account, !everything));
        model.addAttribute("everything", everything);
        model.addAttribute("topics", TOPICS);
        return "notifications";
    }

    @PostMapping("/notifications/{id}/read")
    String markRead(@PathVariable("id") String id, Authentication authentication, HttpSession session) {
        StaffAccount account =
                workspace.practitioner(authentication, session).caller().account();
        DeliveryId delivery;
        try {
            delivery = DeliveryId.of(id);
        } catch (IllegalArgumentException notAnId) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        // Only a notification the user is shown may be marked: one for another team of the agency answers as missing.
        if (forUser(account, false).stream().noneMatch(shown -> shown.id().equals(delivery))) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        try {
            deliveries.markRead(delivery, account.agency(), account.username().value());
        } catch (MessagingRefused refused) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:/notifications?read";
    }

    /** The agency's inbox narrowed to what is addressed to the agency as a whole or to one of the user's teams. */
    private List<Delivery> forUser(StaffAccount account, boolean unreadOnly) {
        return deliveries.inbox(account.agency(), unreadOnly, LIMIT).stream()
                .filter(delivery -> delivery.receiver() instanceof Receiver.Agency agency
                        && (agency.team() == null || account.teams().contains(agency.team())))
                .toList();
    }
}
