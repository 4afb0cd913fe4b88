package org.ecarehub.access;

import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;

/** The assigned guardian claimed a review task and is working on it. */
public record CaldicottReviewClaimed(CaldicottReviewId review, PersonId person, Username guardian) {}
