package org.ecarehub.access;

import java.time.Instant;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;

/**
 * A break-glass grant: one user, one person, one purpose, from its opening until (not including) its expiry. It
 * satisfies POLICY.md rule 6 only, and never reaches sealed items.
 *
 * @param reason the user's reason, for the Caldicott guardian's review; never logged, and left out of {@link
 *     #toString()} because it may describe the person
 * @param review the Caldicott review task its opening created
 */
public record BreakGlassGrant(
        BreakGlassGrantId id,
        PersonId person,
        Username user,
        AgencyId agency,
        Purpose purpose,
        String reason,
        Instant openedAt,
        Instant expiresAt,
        CaldicottReviewId review) {

    /** Active from its opening until its expiry, which it does not include. */
    public boolean activeAt(Instant now) {
        return !now.isBefore(openedAt) && now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "BreakGlassGrant[" + id + ", " + user + ", " + purpose.code() + ", until " + expiresAt + "]";
    }
}
