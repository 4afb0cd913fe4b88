package org.ecarehub.access;

import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;

/** A guardian passed a review task on to the next guardian, with a reason kept in the task. */
public record CaldicottReviewEscalated(CaldicottReviewId review, PersonId person, Username from, Username to) {}
