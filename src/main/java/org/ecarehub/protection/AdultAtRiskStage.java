package org.ecarehub.protection;

/**
 * Where an adult at risk stands under the Adult Support and Protection (Scotland) Act 2007: the council's inquiry
 * (section 4), an investigation (sections 7 to 10), an adult protection case conference, a protection plan, and
 * closed. A case moves forward only, and may close from any stage.
 */
public enum AdultAtRiskStage {
    INQUIRY("inquiry"),
    INVESTIGATION("investigation"),
    CASE_CONFERENCE("case-conference"),
    PROTECTION_PLAN("protection-plan"),
    CLOSED("closed");

    private final String code;

    AdultAtRiskStage(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static AdultAtRiskStage fromCode(String code) {
        for (AdultAtRiskStage stage : values()) {
            if (stage.code.equals(code)) {
                return stage;
            }
        }
        throw new IllegalStateException("no adult at risk stage " + code);
    }
}
