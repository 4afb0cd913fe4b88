package org.ecarehub.record;

import java.util.Arrays;
import java.util.Optional;

/** The eligibility band of the Scottish national eligibility criteria that an assessment's summary of need reaches. */
public enum EligibilityBand {
    CRITICAL("critical"),
    SUBSTANTIAL("substantial"),
    MODERATE("moderate"),
    LOW("low");

    private final String code;

    EligibilityBand(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<EligibilityBand> fromCode(String code) {
        return Arrays.stream(values()).filter(band -> band.code.equals(code)).findFirst();
    }
}
