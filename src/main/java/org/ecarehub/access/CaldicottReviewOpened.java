package org.ecarehub.access;

import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;

/** A review task was put on a Caldicott guardian's queue. */
public record CaldicottReviewOpened(
        CaldicottReviewId review, CaldicottReview.Kind kind, PersonId person, Username guardian, String subject) {}
