package org.ecarehub.partnership;

import java.util.Optional;

/** The kinds of partner agency in a Scottish health and social care partnership. */
public enum AgencyType implements Coded {
    HEALTH_BOARD("health-board"),
    GP_PRACTICE("gp-practice"),
    ACUTE_HOSPITAL("acute-hospital"),
    COUNCIL_SOCIAL_WORK("council-social-work"),
    COUNCIL_HOUSING("council-housing"),
    COUNCIL_EDUCATION("council-education"),
    POLICE("police"),
    CARE_PROVIDER("care-provider"),
    CARE_HOME("care-home");

    private final String code;

    AgencyType(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public static Optional<AgencyType> fromCode(String code) {
        return Coded.find(values(), code);
    }
}
