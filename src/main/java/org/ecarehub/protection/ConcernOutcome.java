package org.ecarehub.protection;

import java.util.Arrays;
import java.util.Optional;

/** What the agencies decided about a concern. No further action needs a reason, kept with the message. */
public enum ConcernOutcome {
    INTER_AGENCY_REFERRAL_DISCUSSION("inter-agency-referral-discussion"),
    ENQUIRY_OPENED("enquiry-opened"),
    NO_FURTHER_ACTION("no-further-action");

    private final String code;

    ConcernOutcome(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public boolean needsReason() {
        return this == NO_FURTHER_ACTION;
    }

    public static Optional<ConcernOutcome> fromCode(String code) {
        return Arrays.stream(values())
                .filter(outcome -> outcome.code.equals(code))
                .findFirst();
    }
}
