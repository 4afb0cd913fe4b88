package org.ecarehub.access;

import java.util.Objects;
import org.ecarehub.consent.ConsentState;

/**
 * What the other modules know about the user and the person that the rules need: gathered before the decision, so
 * the rules stay plain functions of their inputs.
 *
 * @param relationship the user or one of their teams has an active relationship with the person
 * @param breakGlass the user holds an active break-glass grant for the person
 * @param governanceTask the user is working a governance task about the person (a review, a challenge, a match review)
 * @param consent the latest consent for the purpose, for the user's agency to receive the category
 * @param consentNamesCategory that consent names the item's category, as rule 8 needs for a restricted item
 */
public record AccessFacts(
        boolean relationship,
        boolean breakGlass,
        boolean governanceTask,
        ConsentState consent,
        boolean consentNamesCategory) {

    public AccessFacts {
        Objects.requireNonNull(consent, "consent");
    }

    /** Nothing known: no relationship, grant, task or consent. */
    public static AccessFacts none() {
        return new AccessFacts(false, false, false, ConsentState.NONE, false);
    }
}
