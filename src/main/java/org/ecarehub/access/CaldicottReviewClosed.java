package org.ecarehub.access;

import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;

/** A guardian closed a review task with a note (the note stays in the task: it may describe the person). */
public record CaldicottReviewClosed(CaldicottReviewId review, PersonId person, Username guardian) {}
