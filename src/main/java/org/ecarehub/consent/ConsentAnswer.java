package org.ecarehub.consent;

/**
 * The latest consent decision that bears on one share, as rule 7 and rule 8 of POLICY.md read it.
 *
 * @param namesCategory the decision lists the category explicitly, rather than covering every category
 * @param consent the decision, or null when none is recorded ({@link ConsentState#NONE})
 */
public record ConsentAnswer(ConsentState state, boolean namesCategory, ConsentId consent) {

    public static final ConsentAnswer NONE = new ConsentAnswer(ConsentState.NONE, false, null);

    public ConsentAnswer {
        java.util.Objects.requireNonNull(state, "state");
    }
}
