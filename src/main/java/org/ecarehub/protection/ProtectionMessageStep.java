package org.ecarehub.protection;

import java.time.Instant;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;

/**
 * One entry of a message's timeline, as sender and receivers see it.
 *
 * @param by who took the step, or null for the hub (a delivery, an escalation)
 * @param team the team the step concerns (delivered to, acknowledged by, escalated for), or null
 * @param to whom an escalation went, or null
 * @param text a reply's words or the reason for no further action, or null
 */
public record ProtectionMessageStep(
        Instant at,
        Kind kind,
        RoutingId routing,
        Username by,
        AgencyId agency,
        TeamId team,
        Username to,
        ConcernOutcome outcome,
        String text) {

    /** What happened. */
    public enum Kind {
        RAISED("raised"),
        DELIVERED("delivered"),
        ACKNOWLEDGED("acknowledged"),
        ESCALATED_TO_MANAGER("escalated-to-manager"),
        ESCALATED_TO_DUTY_OFFICER("escalated-to-duty-officer"),
        REPLIED("replied"),
        OUTCOME("outcome"),
        CLOSED("closed");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static Kind fromCode(String code) {
            for (Kind kind : values()) {
                if (kind.code.equals(code)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown protection message step " + code);
        }
    }
}
