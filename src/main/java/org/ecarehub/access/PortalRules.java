package org.ecarehub.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * POLICY.md for the person and their representatives, in order: the account is bound (P1); the person sees their own
 * record (P2), a representative only what their authority covers (P3, by {@link RepresentativeRules}); and nothing
 * withheld reaches either (W1), an overdue withholding included (W5). The portal, exports, FHIR and notifications all
 * ask here, so a withholding is obeyed everywhere.
 */
public final class PortalRules {

    public static final String BOUND = "p1-bound";
    public static final String OWN_RECORD = "p2-own-record";
    public static final String NOT_WITHHELD = "w1-not-withheld";

    private static final java.util.regex.Pattern NOTICE =
            java.util.regex.Pattern.compile("withheld under ([a-z-]+) until its review on (\\d{4}-\\d{2}-\\d{2})");

    private PortalRules() {}

    /**
     * The notice W2 lets the portal show for an item this class refused as withheld: the exemption and until when.
     * Empty for any other decision, and for a withholding that neither confirms nor denies.
     */
    public static java.util.Optional<Withheld> notice(AccessDecision decision) {
        if (decision.allowed()
                || !decision.decidingRules().equals(List.of(NOT_WITHHELD))
                || decision.reason() == null) {
            return java.util.Optional.empty();
        }
        java.util.regex.Matcher matched = NOTICE.matcher(decision.reason());
        if (!matched.matches()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Withheld(matched.group(1), true, java.time.LocalDate.parse(matched.group(2))));
    }

    public static AccessDecision decide(PortalAccess access) {
        if (!access.bound()) {
            return refused(
                    BOUND,
                    "the account is not yet bound to a person by a verification step",
                    "ask the partnership to verify the account");
        }
        List<String> allowedBy = new ArrayList<>(List.of(BOUND));
        LawfulBasis basis;
        if (access.representation() == null) {
            allowedBy.add(OWN_RECORD);
            basis = LawfulBasis.DATA_SUBJECT;
        } else {
            AccessDecision representative = RepresentativeRules.decide(access.representation());
            if (!representative.allowed()) {
                return representative;
            }
            allowedBy.addAll(representative.decidingRules());
            basis = representative.basis();
        }
        Withheld withheld = access.withheld();
        if (withheld != null) {
            // W2: only some exemptions may be named; the others neither confirm nor deny, even in a refusal's reason.
            return refused(
                    NOT_WITHHELD,
                    withheld.notice()
                            ? "withheld under " + withheld.exemption() + " until its review on " + withheld.reviewBy()
                            : "not available",
                    null);
        }
        allowedBy.add(NOT_WITHHELD);
        return new AccessDecision(true, allowedBy, basis, Set.of(), null, null, null);
    }

    private static AccessDecision refused(String rule, String reason, String wouldAllow) {
        return new AccessDecision(false, List.of(rule), null, Set.of(), null, reason, wouldAllow);
    }
}
