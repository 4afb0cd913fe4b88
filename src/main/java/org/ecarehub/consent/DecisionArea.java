package org.ecarehub.consent;

/** The kinds of decision a capacity assessment is about, as the Adults with Incapacity (Scotland) Act divides them. */
public enum DecisionArea {
    WELFARE,
    FINANCIAL,
    MEDICAL_TREATMENT
}
