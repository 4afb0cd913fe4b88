package org.ecarehub.protection;

import java.util.Arrays;
import java.util.Optional;

/**
 * The legal basis on which a child is looked after, under the Children (Scotland) Act 1995 and the Children's
 * Hearings (Scotland) Act 2011 (decision 0028).
 */
public enum LookedAfterBasis {
    /** A compulsory supervision order made by a children's hearing, the child living at home. */
    COMPULSORY_SUPERVISION_ORDER_AT_HOME("cso-at-home"),
    /** A compulsory supervision order with a condition of residence away from home. */
    COMPULSORY_SUPERVISION_ORDER_AWAY_FROM_HOME("cso-away-from-home"),
    INTERIM_COMPULSORY_SUPERVISION_ORDER("interim-cso"),
    CHILD_PROTECTION_ORDER("child-protection-order"),
    /** Accommodated by the local authority with the parents' agreement (section 25 of the 1995 Act). */
    SECTION_25_VOLUNTARY("section-25"),
    PERMANENCE_ORDER("permanence-order");

    private final String code;

    LookedAfterBasis(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<LookedAfterBasis> fromCode(String code) {
        return Arrays.stream(values()).filter(basis -> basis.code.equals(code)).findFirst();
    }
}
