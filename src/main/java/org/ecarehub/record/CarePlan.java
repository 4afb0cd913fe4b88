package org.ecarehub.record;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A care plan, category {@code care-plan}: the outcomes it works towards, who does what from which agency and when,
 * the date of its next review, and the reviews so far. A review is added as a new version of the plan.
 */
public record CarePlan(
        List<String> outcomes, List<CarePlanAction> actions, LocalDate reviewDate, List<CarePlanReview> reviews)
        implements RecordContent {

    public CarePlan {
        outcomes = Checks.texts(outcomes, "outcome", 30, 1_000);
        if (outcomes.isEmpty()) {
            throw new RecordRefused("a care plan needs at least one outcome");
        }
        actions = Checks.list(actions, "action", 100);
        Checks.present(reviewDate, "the care plan's review date");
        reviews = Checks.list(reviews, "review", 500);
    }

    /** The plan with one more review and the date of the next. */
    public CarePlan withReview(CarePlanReview review, LocalDate nextReview) {
        List<CarePlanReview> more = new ArrayList<>(reviews);
        more.add(Checks.present(review, "the review"));
        return new CarePlan(outcomes, actions, nextReview, more);
    }

    @Override
    public RecordKind kind() {
        return RecordKind.CARE_PLAN;
    }
}
