package org.ecarehub.web;

import jakarta.servlet.http.HttpSession;
import java.util.List;
import org.ecarehub.access.CaldicottReview;
import org.ecarehub.access.CaldicottReviewRefused;
import org.ecarehub.access.CaldicottReviews;
import org.ecarehub.access.Challenge;
import org.ecarehub.access.ChallengeRefused;
import org.ecarehub.access.Challenges;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The Caldicott guardian's review queue: the tasks assigned to the signed-in user, each claimed, then closed with a
 * note or escalated with a reason. Who may do which step is the access module's to decide ({@link CaldicottReviews});
 * a task not on the user's queue answers as one that does not exist. A person's challenge shows their words and target
 * days, and is closed by the answer the person will read ({@link Challenges}).
 */
@Controller
class ReviewPages {

    static final int MAX_TEXT = 2000;

    private final Workspace workspace;
    private final CaldicottReviews reviews;
    private final Challenges challenges;

    ReviewPages(Workspace workspace, CaldicottReviews reviews, Challenges challenges) {
        this.workspace = workspace;
        this.reviews = reviews;
        this.challenges = challenges;
    }

    @GetMapping("/reviews")
    String queue(Authentication authentication, HttpSession session, Model model) {
        Practitioner practitioner = workspace.practitioner(authentication, session);
        model.addAttribute(
                "reviews", reviews.openFor(practitioner.caller().account().username()));
        return "reviews";
    }

    @GetMapping("/reviews/{id}")
    String show(@PathVariable("id") String id, Authentication authentication, HttpSession session, Model model) {
        return page(find(id, workspace.practitioner(authentication, session)), new FormErrors(), "", "", model);
    }

    @PostMapping("/reviews/{id}/claim")
    String claim(@PathVariable("id") String id, Authentication authentication, HttpSession session, Model model) {
        Practitioner practitioner = workspace.practitioner(authentication, session);
        CaldicottReview review = find(id, practitioner);
        try {
            reviews.claim(review.id(), practitioner.actor());
        } catch (CaldicottReviewRefused refused) {
            FormErrors errors = new FormErrors();
            errors.add("claim", refused.getMessage());
            return page(review, errors, "", "", model);
        }
        return "redirect:/reviews/" + review.id().value();
    }

    @PostMapping("/reviews/{id}/close")
    String close(
            @PathVariable("id") String id,
            @RequestParam(name = "note", required = false) String note,
            Authentication authentication,
            HttpSession session,
            Model model) {
        Practitioner practitioner = workspace.practitioner(authentication, session);
        CaldicottReview review = find(id, practitioner);
        FormErrors errors = new FormErrors();
        String text = note == null ? "" : note.strip();
        if (text.isEmpty()) {
            errors.add("note", "Enter a note saying what you found");
        } else if (text.length() > MAX_TEXT) {
            errors.add("note", "Keep the note to " + MAX_TEXT + " characters or fewer");
        } else {
            try {
                reviews.close(review.id(), text, practitioner.actor());
                return "redirect:/reviews?closed";
            } catch (CaldicottReviewRefused refused) {
                errors.add("note", refused.getMessage());
            }
        }
        return page(review, errors, note, "", model);
    }

    @PostMapping("/reviews/{id}/escalate")
    String escalate(
            @PathVariable("id") String id,
            @RequestParam(name = "reason", required = false) String reason,
            Authentication authentication,
            HttpSession session,
            Model model) {
        Practitioner practitioner = workspace.practitioner(authentication, session);
        CaldicottReview review = find(id, practitioner);
        FormErrors errors = new FormErrors();
        String text = reason == null ? "" : reason.strip();
        if (text.isEmpty()) {
            errors.add("reason", "Enter the reason for escalating");
        } else if (text.length() > MAX_TEXT) {
            errors.add("reason", "Keep the reason to " + MAX_TEXT + " characters or fewer");
        } else {
            try {
                reviews.escalate(review.id(), text, practitioner.actor());
                return "redirect:/reviews?escalated";
            } catch (CaldicottReviewRefused refused) {
                errors.add("reason", refused.getMessage());
            }
        }
        return page(review, errors, "", reason, model);
    }

    @PostMapping("/reviews/{id}/answer")
    String answer(
            @PathVariable("id") String id,
            @RequestParam(name = "answer", required = false) String answer,
            Authentication authentication,
            HttpSession session,
            Model model) {
        Practitioner practitioner = workspace.practitioner(authentication, session);
        CaldicottReview review = find(id, practitioner);
        Challenge challenge = challenges
                .forReview(review.id(), practitioner.caller().account().username())
                .orElseThrow(PersonPages::notFound);
        FormErrors errors = new FormErrors();
        String text = answer == null ? "" : answer.strip();
        if (text.isEmpty()) {
            errors.add("answer", "Enter the answer the person will read");
        } else if (text.length() > MAX_TEXT) {
            errors.add("answer", "Keep the answer to " + MAX_TEXT + " characters or fewer");
        } else {
            try {
                challenges.answer(challenge.id(), text, practitioner.actor());
                return "redirect:/reviews?answered";
            } catch (ChallengeRefused | CaldicottReviewRefused refused) {
                errors.add("answer", refused.getMessage());
            }
        }
        model.addAttribute("answer", answer);
        return page(review, errors, "", "", model);
    }

    private String page(CaldicottReview review, FormErrors errors, String note, String reason, Model model) {
        model.addAttribute("review", review);
        // The person's words are read only by the guardian the challenge is assigned to, on their own task.
        model.addAttribute(
                "challenge",
                review.kind() == CaldicottReview.Kind.CHALLENGE
                        ? challenges.forReview(review.id(), review.guardian()).orElse(null)
                        : null);
        model.addAttribute("today", java.time.LocalDate.now(Dates.PARTNERSHIP_ZONE));
        if (!model.containsAttribute("answer")) {
            model.addAttribute("answer", "");
        }
        model.addAttribute("errors", errors);
        model.addAttribute("note", note);
        model.addAttribute("reason", reason);
        return "review";
    }

    /** A task on the user's own queue; any other id, existing or not, is not found. */
    private CaldicottReview find(String id, Practitioner practitioner) {
        List<CaldicottReview> queue =
                reviews.openFor(practitioner.caller().account().username());
        return queue.stream()
                .filter(review -> String.valueOf(review.id().value()).equals(id))
                .findFirst()
                .orElseThrow(PersonPages::notFound);
    }
}
