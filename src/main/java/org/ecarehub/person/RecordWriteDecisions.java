package org.ecarehub.person;

import org.ecarehub.shared.AgencyId;

/**
 * The access decision on an agency system writing a record of an agency, as the person index asks it before importing
 * a row. The access module implements it, so that the policy stays in one place while the index does not depend on the
 * module that decides on reads of it.
 */
public interface RecordWriteDecisions {

    /**
     * May this caller write a record the row says is of this agency?
     *
     * @param systemAgency the agency whose system is calling; null when the caller is not an agency system
     * @param recordAgency the agency as the row names it, which a garbled file may fill with anything
     */
    WriteDecision decideWrite(AgencyId systemAgency, String recordAgency);

    /**
     * The answer: allowed or refused, the rule that decided, and the reason for a refusal.
     *
     * @param recordAgency the row's agency, when it is an agency id at all and so safe to repeat and look up
     */
    record WriteDecision(boolean allowed, String rule, String reason, AgencyId recordAgency) {}
}
