package org.ecarehub.access;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.ecarehub.consent.ConsentState;
import org.ecarehub.partnership.Action;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.partnership.SharingAgreement;
import org.ecarehub.partnership.StaffAccount;

/**
 * The staff rules of POLICY.md, 1 to 8, as named values in the order they are evaluated: the one place the staff
 * policy is written. The owning agency's own users are never denied their agency's items by rules 5, 7 or 8.
 */
public final class StaffRules {

    private static final Set<Purpose> PROTECTION = EnumSet.of(Purpose.CHILD_PROTECTION, Purpose.ADULT_PROTECTION);
    private static final Set<Purpose> GOVERNANCE =
            EnumSet.of(Purpose.AUDIT, Purpose.ADMINISTRATION, Purpose.SUBJECT_ACCESS);
    private static final Set<Category> EMERGENCY_CATEGORIES =
            EnumSet.of(Category.DEMOGRAPHICS, Category.CONTACTS, Category.ALERTS);

    private StaffRules() {}

    /** Rule 1: the account and its agency are active members of the partnership. */
    public static final AccessRule ACTIVE = rule(
            "active",
            (partnership, user, request, facts) -> partnership.isActiveMember(user)
                    ? RuleOutcome.allow()
                    : RuleOutcome.deny("the account or its agency is not active in the partnership", null));

    /** Rule 2: the account's roles may use the purpose. */
    public static final AccessRule PURPOSE = rule(
            "purpose",
            (partnership, user, request, facts) -> partnership.mayUse(user, request.purpose())
                    ? RuleOutcome.allow()
                    : RuleOutcome.deny(
                            "the account's roles may not use the purpose "
                                    + request.purpose().code(),
                            null));

    /** Rule 3: the roles permit the action on the category. */
    public static final AccessRule ROLE = rule(
            "role",
            (partnership, user, request, facts) -> partnership.permits(user, request.action(), request.category())
                    ? RuleOutcome.allow()
                    : RuleOutcome.deny(
                            "the account's roles do not permit "
                                    + request.action().code() + " on "
                                    + request.category().code(),
                            null));

    /**
     * Rule 4: a sealed item needs a user of the owning agency holding sealed-access, with a relationship of their own;
     * break-glass and exports never reach it.
     */
    public static final AccessRule SEALED = rule("sealed", (partnership, user, request, facts) -> {
        if (request.sensitivity() != Sensitivity.SEALED) {
            return RuleOutcome.notMyConcern();
        }
        if (!ownAgency(user, request) || !partnership.hasSealedAccess(user)) {
            return RuleOutcome.deny("a sealed item is only for the owning agency's sealed-access users", null);
        }
        if (request.action() == Action.EXPORT) {
            return RuleOutcome.deny("a sealed item is never exported", null);
        }
        if (!facts.relationship()) {
            return RuleOutcome.deny("break-glass never reaches a sealed item; it needs a relationship", null);
        }
        return RuleOutcome.allow();
    });

    /**
     * Rule 5: across agencies, an agreement in force lets the category flow from the owner to the user's agency for the
     * purpose; under a protection purpose with none, the share is a protection override, which needs a justification.
     */
    public static final AccessRule SHARING_AGREEMENT =
            rule("sharing-agreement", (partnership, user, request, facts) -> {
                if (ownAgency(user, request)) {
                    return RuleOutcome.notMyConcern();
                }
                List<SharingAgreement> agreements = partnership.agreementsLetting(
                        request.owner(), user.agency(), request.category(), request.purpose(), request.today());
                if (!agreements.isEmpty()) {
                    return RuleOutcome.allowUnder(agreements.get(0).id());
                }
                if (PROTECTION.contains(request.purpose())) {
                    return request.justified()
                            ? RuleOutcome.allow(null, DecisionFlag.PROTECTION_OVERRIDE)
                            : RuleOutcome.deny(
                                    "no sharing agreement covers this; a protection override needs a justification",
                                    "give a justification");
                }
                return RuleOutcome.deny(
                        "no sharing agreement lets " + user.agency().value() + " receive "
                                + request.category().code() + " from "
                                + request.owner().value() + " for "
                                + request.purpose().code(),
                        null);
            });

    /** Rule 6: a relationship, a break-glass grant, emergency basics, or a governance task about the person. */
    public static final AccessRule LEGITIMATE_RELATIONSHIP =
            rule("legitimate-relationship", (partnership, user, request, facts) -> {
                if (facts.relationship()) {
                    return RuleOutcome.allow();
                }
                if (facts.breakGlass()) {
                    return RuleOutcome.allow(null, DecisionFlag.BREAK_GLASS);
                }
                if (request.purpose() == Purpose.EMERGENCY && EMERGENCY_CATEGORIES.contains(request.category())) {
                    return RuleOutcome.allow();
                }
                if (GOVERNANCE.contains(request.purpose()) && facts.governanceTask()) {
                    return RuleOutcome.allow();
                }
                return RuleOutcome.deny("no legitimate relationship with the person", "open break-glass");
            });

    /** Rule 7: across agencies, consent or another lawful basis for the purpose. */
    public static final AccessRule CONSENT = rule("consent", (partnership, user, request, facts) -> {
        if (ownAgency(user, request)) {
            return RuleOutcome.notMyConcern();
        }
        Purpose purpose = request.purpose();
        boolean given = facts.consent() == ConsentState.GIVEN;
        if (PROTECTION.contains(purpose)) {
            if (!given && !request.justified()) {
                return RuleOutcome.deny(
                        "sharing for protection without consent needs a justification", "give a justification");
            }
            return given
                    ? RuleOutcome.allow(LawfulBasis.PROTECTION_DUTY)
                    : RuleOutcome.allow(LawfulBasis.PROTECTION_DUTY, DecisionFlag.WITHOUT_CONSENT);
        }
        if (purpose == Purpose.EMERGENCY) {
            return given
                    ? RuleOutcome.allow(LawfulBasis.EMERGENCY)
                    : RuleOutcome.allow(LawfulBasis.EMERGENCY, DecisionFlag.WITHOUT_CONSENT);
        }
        if (GOVERNANCE.contains(purpose)) {
            return RuleOutcome.allow(LawfulBasis.NOT_A_DISCLOSURE);
        }
        return switch (facts.consent()) {
            case GIVEN -> RuleOutcome.allow(LawfulBasis.CONSENT);
            case REFUSED -> RuleOutcome.deny("the person refused consent to this sharing", null);
            case WITHDRAWN -> RuleOutcome.deny("the person withdrew consent to this sharing", null);
            case NONE ->
                request.sensitivity() == Sensitivity.NORMAL
                        ? RuleOutcome.allow(LawfulBasis.IMPLIED_CONSENT)
                        // A restricted item with no consent recorded is rule 8's to decide.
                        : RuleOutcome.notMyConcern();
        };
    });

    /**
     * Rule 8: across agencies, a restricted item needs consent naming its category, a protection or emergency purpose,
     * or an agreement that lets the category's restricted items flow on implied consent for direct care.
     */
    public static final AccessRule RESTRICTED = rule("restricted", (partnership, user, request, facts) -> {
        if (ownAgency(user, request) || request.sensitivity() != Sensitivity.RESTRICTED) {
            return RuleOutcome.notMyConcern();
        }
        if (facts.consent() == ConsentState.GIVEN && facts.consentNamesCategory()) {
            return RuleOutcome.allow(LawfulBasis.CONSENT);
        }
        if (PROTECTION.contains(request.purpose()) || request.purpose() == Purpose.EMERGENCY) {
            return RuleOutcome.allow();
        }
        // Refused or withdrawn consent was stopped by rule 7; consent given that does not name the category is no
        // narrower than none, so the agreement's implied consent still carries the item.
        if (request.purpose() == Purpose.DIRECT_CARE
                && (facts.consent() == ConsentState.NONE || facts.consent() == ConsentState.GIVEN)
                && partnership
                        .agreementsLetting(
                                request.owner(), user.agency(), request.category(), request.purpose(), request.today())
                        .stream()
                        .anyMatch(SharingAgreement::restrictedOnImpliedConsent)) {
            return facts.consent() == ConsentState.NONE
                    ? RuleOutcome.allow(LawfulBasis.IMPLIED_CONSENT)
                    : RuleOutcome.allow();
        }
        return RuleOutcome.deny(
                "a restricted " + request.category().code() + " item needs consent naming its category",
                "record consent naming " + request.category().code());
    });

    /** The staff rules in the order POLICY.md evaluates them. */
    public static final List<AccessRule> IN_ORDER =
            List.of(ACTIVE, PURPOSE, ROLE, SEALED, SHARING_AGREEMENT, LEGITIMATE_RELATIONSHIP, CONSENT, RESTRICTED);

    static boolean ownAgency(StaffAccount user, StaffAccessRequest request) {
        return user.agency().equals(request.owner());
    }

    @FunctionalInterface
    private interface Body {
        RuleOutcome apply(Partnership partnership, StaffAccount user, StaffAccessRequest request, AccessFacts facts);
    }

    private static AccessRule rule(String name, Body body) {
        return new AccessRule() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public RuleOutcome apply(
                    Partnership partnership, StaffAccount user, StaffAccessRequest request, AccessFacts facts) {
                return body.apply(partnership, user, request, facts);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
