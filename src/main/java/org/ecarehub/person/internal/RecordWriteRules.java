package org.ecarehub.person.internal;

import org.ecarehub.person.Actor;
import org.ecarehub.shared.AgencyId;

/**
 * Who may write which agency's records into the person index: the rules in one place, each a named value that
 * decides with a reason. They move to the access module's single decision point when it comes (issue #5; see
 * docs/decisions/0009).
 */
final class RecordWriteRules {

    private RecordWriteRules() {}

    /** A rule's answer, with the rule's name for the log and a reason that names no person. */
    record Decision(boolean allowed, String rule, String reason) {}

    /** A rule about writing a record of an agency. */
    interface Rule {
        Decision decide(Actor writer, String recordAgency);
    }

    /** Whether text is an agency id, and so safe to repeat: a garbled file may hold anything in its agency column. */
    static boolean isAgencyId(String text) {
        try {
            AgencyId.of(text);
            return true;
        } catch (IllegalArgumentException | NullPointerException notAnAgencyId) {
            return false;
        }
    }

    /** POLICY.md, agency system callers: acting on its own, a system writes its own agency's records, no other's. */
    static final Rule AGENCY_SYSTEMS_WRITE_ONLY_THEIR_OWN_AGENCYS_RECORDS = new Rule() {
        static final String NAME = "agency-system-writes-own-agency-records";

        @Override
        public Decision decide(Actor writer, String recordAgency) {
            if (!"system".equals(writer.kind()) || writer.agency() == null) {
                return new Decision(false, NAME, "only an agency's own system imports person files");
            }
            if (writer.agency().value().equals(recordAgency)) {
                return new Decision(true, NAME, "the record is the writer's own agency's");
            }
            return new Decision(
                    false,
                    NAME,
                    "the system of agency " + writer.agency().value() + " may not write records of "
                            + (isAgencyId(recordAgency) ? "agency " + recordAgency : "another agency"));
        }
    };
}
