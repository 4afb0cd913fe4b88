package org.ecarehub.record;

import org.ecarehub.access.AccessDecision;
import org.ecarehub.access.DecisionFlag;

/**
 * A record item as one requester was allowed to see it, with the decision that allowed it, so that a page can say
 * where it was shared without consent or under break-glass.
 */
public record ItemView(RecordItem item, AccessDecision decision) {

    public boolean sharedWithoutConsent() {
        return decision.flags().contains(DecisionFlag.WITHOUT_CONSENT);
    }

    public boolean underBreakGlass() {
        return decision.flags().contains(DecisionFlag.BREAK_GLASS);
    }
}
