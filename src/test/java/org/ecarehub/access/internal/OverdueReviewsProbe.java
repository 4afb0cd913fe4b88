package org.ecarehub.access.internal;

import java.time.LocalDate;
import org.ecarehub.support.RunningHub;

/** Runs the hub's overdue withholding check for a given day, as the hourly schedule would on that day. */
public final class OverdueReviewsProbe {

    private final OverdueWithholdingReviews reviews;

    public OverdueReviewsProbe(RunningHub hub) {
        this.reviews = hub.bean(OverdueWithholdingReviews.class);
    }

    public int openReviews(LocalDate day) {
        return reviews.openReviews(day);
    }
}
