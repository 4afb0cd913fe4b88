package org.ecarehub.identity;

import java.time.Instant;
import java.util.Objects;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;

/**
 * A portal account's request to be bound to its person-index entry, in the partnership's verification queue.
 *
 * @param decidedBy the staff account that bound or refused it; null while it waits
 * @param boundTo the person the account was bound to; null unless bound
 */
public record VerificationRequest(
        long id,
        Username account,
        VerificationClaim claim,
        Instant requestedAt,
        Outcome outcome,
        String decidedBy,
        PersonId boundTo) {

    /** Where the request stands. */
    public enum Outcome {
        WAITING,
        BOUND,
        REFUSED
    }

    public VerificationRequest {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(outcome, "outcome");
    }

    @Override
    public String toString() {
        return "VerificationRequest[" + id + ", " + account + ", " + outcome + "]";
    }
}
