package org.ecarehub.web;

import jakarta.servlet.http.HttpSession;
import org.ecarehub.messaging.Deliveries;
import org.ecarehub.messaging.DeliveryId;
import org.ecarehub.partnership.Purpose;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;

/**
 * The dead letters: deliveries the hub gave up on after its attempts, for the partnership's administrators to see to
 * (a receiver's endpoint down, a secret rotated on one side only) and put back in the queue once the cause is fixed.
 * A dead letter names what happened by ids only; the page does not show the person's id either, since fixing a
 * delivery never needs it. Only staff whose roles allow the {@code administration} purpose see the page.
 */
@Controller
class DeadLetterPages {

    static final int LIMIT = 500;

    private final Workspace workspace;
    private final Deliveries deliveries;

    DeadLetterPages(Workspace workspace, Deliveries deliveries) {
        this.workspace = workspace;
        this.deliveries = deliveries;
    }

    @GetMapping("/dead-letters")
    String list(Authentication authentication, HttpSession session, Model model) {
        administrator(authentication, session);
        model.addAttribute("deadLetters", deliveries.deadLetters(LIMIT));
        model.addAttribute("count", deliveries.deadLetterCount());
        return "dead-letters";
    }

    @PostMapping("/dead-letters/{id}/retry")
    String retry(@PathVariable("id") String id, Authentication authentication, HttpSession session) {
        administrator(authentication, session);
        try {
            deliveries.retry(DeliveryId.of(id));
        } catch (IllegalArgumentException notADeadLetter) {
            // Not an id, or not (any longer) a dead letter: MessagingRefused is one of these.
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:/dead-letters?retried";
    }

    private void administrator(Authentication authentication, HttpSession session) {
        if (!workspace.practitioner(authentication, session).allowed().contains(Purpose.ADMINISTRATION)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }
}
