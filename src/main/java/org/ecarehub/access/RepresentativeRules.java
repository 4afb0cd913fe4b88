package org.ecarehub.access;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.ecarehub.consent.Authority;
import org.ecarehub.partnership.Category;

/**
 * POLICY.md P3 for representatives, as named checks in the order they are made: the first that fails decides. Whatever
 * the authority, a representative never sees sealed items or the protection category, and one named as posing risk to
 * the person sees nothing about them.
 */
public final class RepresentativeRules {

    /** The age under which a parent's responsibilities reach a child's record. */
    static final int CHILDHOOD_ENDS = 16;

    /** The name of the refusal of a portal account that holds no authority over the person at all. */
    public static final String HOLDS_AUTHORITY = "p3-holds-authority";

    private RepresentativeRules() {}

    /** One named check of P3; {@code null} from {@link #refusal} means it passed. */
    public interface Check {
        String name();

        String refusal(RepresentativeAccess access);
    }

    public static final Check NOT_POSING_RISK = check(
            "p3-not-posing-risk",
            access -> access.namedAsPosingRisk() ? "a person named as posing risk sees nothing of the person" : null);

    public static final Check VERIFIED = check(
            "p3-verified", access -> access.authority().verified() ? null : "the authority has not been verified");

    public static final Check IN_FORCE = check(
            "p3-in-force",
            access -> access.authority().inForceOn(access.today()) ? null : "the authority is not in force today");

    public static final Check NEVER_SEALED = check(
            "p3-never-sealed",
            access -> access.sensitivity() == Sensitivity.SEALED ? "representatives never see sealed items" : null);

    public static final Check NEVER_PROTECTION = check(
            "p3-never-protection",
            access -> access.category() == Category.PROTECTION
                    ? "representatives never see the protection category"
                    : null);

    public static final Check COVERS = check("p3-covers", RepresentativeRules::coverage);

    public static final List<Check> IN_ORDER =
            List.of(NOT_POSING_RISK, VERIFIED, IN_FORCE, NEVER_SEALED, NEVER_PROTECTION, COVERS);

    /** The decision: allowed under the authority, or refused by the first check that fails. */
    public static AccessDecision decide(RepresentativeAccess access) {
        for (Check check : IN_ORDER) {
            String refusal = check.refusal(access);
            if (refusal != null) {
                return new AccessDecision(false, List.of(check.name()), null, Set.of(), null, refusal, null);
            }
        }
        return new AccessDecision(
                true,
                IN_ORDER.stream().map(Check::name).toList(),
                LawfulBasis.REPRESENTATIVE_AUTHORITY,
                Set.of(),
                null,
                null,
                null);
    }

    private static String coverage(RepresentativeAccess access) {
        Authority authority = access.authority();
        Category category = access.category();
        return switch (authority.kind()) {
            case WELFARE_ATTORNEY -> {
                if (!access.granterLacksWelfareCapacity()) {
                    yield "a welfare power of attorney acts only once the person is assessed as lacking capacity";
                }
                yield Authority.WELFARE_CATEGORIES.contains(category)
                        ? null
                        : "a welfare power of attorney does not cover " + category.code();
            }
            case WELFARE_GUARDIAN ->
                authority.categories().contains(category)
                        ? null
                        : "the guardianship order does not cover " + category.code();
            case FINANCIAL_ATTORNEY -> "a financial power of attorney covers none of the care record";
            case PARENTAL_RESPONSIBILITY -> {
                if (access.personAge() < 0 || access.personAge() >= CHILDHOOD_ENDS) {
                    yield "parental responsibilities reach only a child under 16";
                }
                yield access.keptFromParent().contains(category)
                        ? "the child asked to keep " + category.code() + " from their parents"
                        : null;
            }
            case NOMINATED_NEXT_OF_KIN_OR_CARER ->
                authority.categories().contains(category)
                        ? null
                        : "the person did not choose to share " + category.code() + " with this nominee";
        };
    }

    private static Check check(String name, Function<RepresentativeAccess, String> refusal) {
        return new Check() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String refusal(RepresentativeAccess access) {
                return refusal.apply(access);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
