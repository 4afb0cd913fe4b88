package org.ecarehub.partnership;

import java.util.Optional;

/** The data categories of POLICY.md; every record item belongs to exactly one. */
public enum Category implements Coded {
    DEMOGRAPHICS("demographics"),
    CONTACTS("contacts"),
    ALERTS("alerts"),
    ASSESSMENT("assessment"),
    CARE_PLAN("care-plan"),
    SERVICE_PROVISION("service-provision"),
    SERVICE_REQUEST("service-request"),
    HEALTH_DETAIL("health-detail"),
    SOCIAL_WORK_NOTE("social-work-note"),
    PROTECTION("protection"),
    HOUSING("housing"),
    EDUCATION("education"),
    POLICE("police");

    private final String code;

    Category(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public static Optional<Category> fromCode(String code) {
        return Coded.find(values(), code);
    }
}
