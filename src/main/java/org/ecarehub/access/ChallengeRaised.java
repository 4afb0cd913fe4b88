package org.ecarehub.access;

import org.ecarehub.shared.PersonId;

/** A person or representative raised a challenge; it waits on the guardian's review queue. */
public record ChallengeRaised(ChallengeId challenge, PersonId person, CaldicottReviewId review) {}
