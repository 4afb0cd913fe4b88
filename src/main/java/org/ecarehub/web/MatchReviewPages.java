package org.ecarehub.web;

import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.ecarehub.access.AccessRefused;
import org.ecarehub.access.MatchReviews;
import org.ecarehub.person.Evidence;
import org.ecarehub.person.Page;
import org.ecarehub.person.PersonIndexRefused;
import org.ecarehub.person.ReviewTask;
import org.ecarehub.person.ReviewTaskId;
import org.ecarehub.person.Verdict;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The person index's match review queue: open tasks, a claimed task's two records side by side, and the reviewer's
 * decision. The access module ({@link MatchReviews}) admits the reviewer, decides and logs each reading of the records;
 * a task that is not open, or that the reader may not work, answers as one that does not exist.
 */
@Controller
class MatchReviewPages {

    static final int PAGE_SIZE = 25;
    static final int MAX_REASON = 2000;

    private final Workspace workspace;
    private final MatchReviews reviews;

    MatchReviewPages(Workspace workspace, MatchReviews reviews) {
        this.workspace = workspace;
        this.reviews = reviews;
    }

    @GetMapping("/match-reviews")
    String queue(
            @RequestParam(name = "page", required = false, defaultValue = "0") String page,
            Authentication authentication,
            HttpSession session,
            Model model) {
        Practitioner practitioner = workspace.practitioner(authentication, session);
        int number;
        try {
            number = Math.max(0, Integer.parseInt(page));
        } catch (NumberFormatException notANumber) {
            number = 0;
        }
        try {
            Page<ReviewTask> tasks = reviews.open(practitioner.requester(), number, PAGE_SIZE);
            model.addAttribute("tasks", tasks);
        } catch (AccessRefused refused) {
            model.addAttribute("refused", refused.getMessage());
        }
        return "match-reviews";
    }

    @GetMapping("/match-reviews/{id}")
    String show(@PathVariable("id") String id, Authentication authentication, HttpSession session, Model model) {
        Practitioner practitioner = workspace.practitioner(authentication, session);
        return page(practitioner, find(id, practitioner), new FormErrors(), null, "", model);
    }

    @PostMapping("/match-reviews/{id}/claim")
    String claim(@PathVariable("id") String id, Authentication authentication, HttpSession session, Model model) {
        Practitioner practitioner = workspace.practitioner(authentication, session);
        ReviewTask task = find(id, practitioner);
        try {
            reviews.claim(practitioner.requester(), task.id(), practitioner.actor());
        } catch (PersonIndexRefused refused) {
            FormErrors errors = new FormErrors();
            errors.add("claim", "You cannot claim this task: " + refused.getMessage());
            return page(practitioner, task, errors, null, "", model);
        }
        return "redirect:/match-reviews/" + task.id().value();
    }

    @PostMapping("/match-reviews/{id}/release")
    String release(@PathVariable("id") String id, Authentication authentication, HttpSession session) {
        Practitioner practitioner = workspace.practitioner(authentication, session);
        ReviewTask task = find(id, practitioner);
        reviews.release(practitioner.requester(), task.id(), practitioner.actor());
        return "redirect:/match-reviews?released";
    }

    @PostMapping("/match-reviews/{id}/decide")
    String decide(
            @PathVariable("id") String id,
            @RequestParam(name = "verdict", required = false) String verdict,
            @RequestParam(name = "reason", required = false) String reason,
            Authentication authentication,
            HttpSession session,
            Model model) {
        Practitioner practitioner = workspace.practitioner(authentication, session);
        ReviewTask task = find(id, practitioner);
        FormErrors errors = new FormErrors();
        Verdict chosen = switch (verdict == null ? "" : verdict) {
            case "same" -> Verdict.SAME_PERSON;
            case "different" -> Verdict.NOT_THE_SAME_PERSON;
            default -> null;
        };
        if (chosen == null) {
            errors.add("verdict", "Choose whether the two records are the same person");
        }
        String text = reason == null ? "" : reason.strip();
        if (text.isEmpty()) {
            errors.add("reason", "Enter the reason for your decision");
        } else if (text.length() > MAX_REASON) {
            errors.add("reason", "Keep the reason to " + MAX_REASON + " characters or fewer");
        }
        if (!errors.any()) {
            try {
                reviews.decide(practitioner.requester(), task.id(), chosen, text, practitioner.actor());
                return "redirect:/match-reviews?decided";
            } catch (PersonIndexRefused refused) {
                errors.add("verdict", "The task was not decided: " + refused.getMessage());
            }
        }
        return page(practitioner, task, errors, verdict, reason, model);
    }

    private String page(
            Practitioner practitioner, ReviewTask task, FormErrors errors, String verdict, String reason, Model model) {
        boolean mine = task.claimedBy()
                .filter(("staff:" + practitioner.caller().account().username().value())::equals)
                .isPresent();
        Optional<Evidence> evidence = Optional.empty();
        if (mine) {
            try {
                evidence = reviews.evidence(practitioner.requester(), task.id());
            } catch (AccessRefused refused) {
                model.addAttribute("evidenceRefused", refused.getMessage());
            }
        }
        model.addAttribute("task", task);
        model.addAttribute("mine", mine);
        model.addAttribute("claimedByAnother", task.claimedBy().isPresent() && !mine);
        model.addAttribute("evidence", evidence.orElse(null));
        model.addAttribute("errors", errors);
        model.addAttribute("verdict", verdict);
        model.addAttribute("reason", reason);
        return "match-review";
    }

    /** An open task the user may work; any other id, existing or not, and any refusal is not found. */
    private ReviewTask find(String id, Practitioner practitioner) {
        long number;
        try {
            number = Long.parseLong(id);
        } catch (NumberFormatException notANumber) {
            throw PersonPages.notFound();
        }
        try {
            return reviews.task(practitioner.requester(), new ReviewTaskId(number))
                    .orElseThrow(PersonPages::notFound);
        } catch (AccessRefused refused) {
            throw PersonPages.notFound();
        }
    }
}
