package org.ecarehub.identity;

import java.time.LocalDate;

/**
 * Who a portal account's holder says they are, for staff to check against the person index before binding.
 *
 * @param actsForReference the document reference of a power of attorney, guardianship or similar when the holder
 *     says they act for someone; null when they do not
 */
public record VerificationClaim(String name, LocalDate birthDate, String actsForReference) {

    @Override
    public String toString() {
        return "VerificationClaim[masked]";
    }
}
