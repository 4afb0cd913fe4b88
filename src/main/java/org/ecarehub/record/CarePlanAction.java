package org.ecarehub.record;

import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;

/**
 * One action of a care plan: what is done, by which agency (and, when known, which of its teams or staff), and when.
 *
 * @param when how often or by when, as the plan says it: {@code three times a day}, {@code by the end of May}
 */
public record CarePlanAction(String what, AgencyId agency, TeamId team, Username staff, String when) {

    public CarePlanAction {
        what = Checks.required(what, "what the action is", 2_000);
        Checks.present(agency, "the agency that does the action");
        when = Checks.required(when, "when the action is done", Checks.SHORT_TEXT);
    }
}
