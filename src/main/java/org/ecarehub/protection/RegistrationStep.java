package org.ecarehub.protection;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;

/**
 * One step in a registration's history, never changed once written.
 *
 * @param on the day it took effect: registration, review meeting, birth, change of lead or de-registration
 * @param nextReview the plan's next review set at this step, or null
 * @param concerns the concerns at registration, or null for later steps
 * @param leadSocialWorker the lead social worker named at registration or by a change of lead, or null
 * @param team the lead social worker's team named with them, or null
 * @param child the child linked at the birth, or null
 * @param reason a de-registration's reason, or null
 */
public record RegistrationStep(
        int version,
        Kind kind,
        LocalDate on,
        LocalDate nextReview,
        Set<RegistrationConcern> concerns,
        Username leadSocialWorker,
        TeamId team,
        PersonId child,
        String reason,
        Username by,
        AgencyId agency,
        Instant at) {

    public RegistrationStep {
        concerns = concerns == null ? null : Set.copyOf(concerns);
    }

    public enum Kind {
        REGISTERED("registered"),
        REVIEWED("reviewed"),
        BORN("born"),
        LEAD_CHANGED("lead-changed"),
        DEREGISTERED("deregistered");

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
            throw new IllegalStateException("no registration step " + code);
        }
    }
}
