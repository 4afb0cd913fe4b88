package org.ecarehub.access;

import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.StaffAccount;

/** One named rule of POLICY.md for staff decisions: a plain function of the partnership, the request and the facts. */
public interface AccessRule {

    /** The rule's name, as decisions, denials and the log carry it. */
    String name();

    RuleOutcome apply(Partnership partnership, StaffAccount user, StaffAccessRequest request, AccessFacts facts);
}
