package org.ecarehub.access.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;
import java.util.stream.Collectors;
import org.ecarehub.access.CaldicottReview;
import org.ecarehub.access.CaldicottReviewDraft;
import org.ecarehub.access.CaldicottReviews;
import org.ecarehub.consent.Withholding;
import org.ecarehub.consent.Withholdings;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.person.Actor;
import org.ecarehub.shared.AgencyId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * W5: a withholding whose review is overdue goes to the Caldicott guardian of the agency that decided it (the
 * partnership's, for the hub's own W3 withholdings), once; until reviewed it stays withheld, since the consent module
 * keeps overdue withholdings in force. Checked every hour on every node: a second node finds the task open already.
 */
@Component
class OverdueWithholdingReviews {

    private static final Logger log = LoggerFactory.getLogger(OverdueWithholdingReviews.class);

    private final Withholdings withholdings;
    private final CaldicottReviews reviews;
    private final Partnerships partnerships;
    private final Clock clock;

    OverdueWithholdingReviews(
            Withholdings withholdings, CaldicottReviews reviews, Partnerships partnerships, Clock clock) {
        this.withholdings = withholdings;
        this.reviews = reviews;
        this.partnerships = partnerships;
        this.clock = clock;
    }

    @Scheduled(
            initialDelayString = "${ecare.access.overdue-check-delay:PT1M}",
            fixedDelayString = "${ecare.access.overdue-check:PT1H}")
    void check() {
        if (partnerships.current().version() == 0) {
            return;
        }
        int opened = openReviews(LocalDate.ofInstant(clock.instant(), DecisionPoint.PARTNERSHIP_ZONE));
        if (opened > 0) {
            log.info("Opened {} Caldicott reviews of overdue withholdings", opened);
        }
    }

    /** Opens a review for each withholding overdue on the day that has none yet; returns how many it opened. */
    int openReviews(LocalDate day) {
        int opened = 0;
        for (Withholding withholding : withholdings.overdue(day)) {
            String subject = withholding.id().toString();
            Set<String> reviewed = reviews.forPerson(withholding.person()).stream()
                    .filter(review -> review.kind() == CaldicottReview.Kind.OVERDUE_WITHHOLDING)
                    .map(CaldicottReview::subject)
                    .collect(Collectors.toSet());
            if (reviewed.contains(subject)) {
                continue;
            }
            reviews.open(
                    new CaldicottReviewDraft(
                            CaldicottReview.Kind.OVERDUE_WITHHOLDING,
                            withholding.person(),
                            agencyOf(withholding),
                            null,
                            subject,
                            "The review of " + subject + " was due on " + withholding.reviewBy()
                                    + "; it stays withheld until reviewed."),
                    Actor.hub("overdue withholding check"));
            opened++;
        }
        return opened;
    }

    /** The agency that decided the withholding; the hub's own go to the partnership's guardian's agency. */
    private AgencyId agencyOf(Withholding withholding) {
        if (withholding.decidedBy() != null && withholding.decidedBy().agency() != null) {
            return withholding.decidedBy().agency();
        }
        var partnership = partnerships.current().partnership();
        return partnership
                .staff(partnership.governance().caldicottGuardian())
                .map(account -> account.agency())
                .orElseThrow(() -> new IllegalStateException("the partnership names no Caldicott guardian"));
    }
}
