package org.ecarehub.web;

import org.ecarehub.partnership.Purpose;

/** The purposes of use in words for the pages. */
public final class PurposeNames {

    static final PurposeNames INSTANCE = new PurposeNames();

    private PurposeNames() {}

    public String name(Purpose purpose) {
        if (purpose == null) {
            return "None";
        }
        return switch (purpose) {
            case DIRECT_CARE -> "Direct care";
            case CHILD_PROTECTION -> "Child protection";
            case ADULT_PROTECTION -> "Adult protection";
            case EMERGENCY -> "Emergency (unscheduled care)";
            case AUDIT -> "Audit";
            case ADMINISTRATION -> "Administration";
            case SUBJECT_ACCESS -> "Subject access";
        };
    }

    public String hint(Purpose purpose) {
        return switch (purpose) {
            case DIRECT_CARE -> "Caring for people you are involved with.";
            case CHILD_PROTECTION, ADULT_PROTECTION ->
                "Protection work; you must say why, and your accesses are withheld from the person for 30 days.";
            case EMERGENCY -> "Unscheduled care: basic details, contacts and alerts of anyone.";
            case AUDIT, ADMINISTRATION, SUBJECT_ACCESS -> "Governance work on a task about the person.";
        };
    }

    public boolean needsJustification(Purpose purpose) {
        return Workspace.needsJustification(purpose);
    }
}
