package org.ecarehub.access;

import org.ecarehub.shared.PersonId;

/** A guardian answered a challenge (the answer stays with the challenge: it may describe the person). */
public record ChallengeAnswered(ChallengeId challenge, PersonId person, CaldicottReviewId review) {}
