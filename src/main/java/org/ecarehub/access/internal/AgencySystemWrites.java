package org.ecarehub.access.internal;

import org.ecarehub.access.AccessDecision;
import org.ecarehub.access.AgencySystemRules;
import org.ecarehub.person.RecordWriteDecisions;
import org.ecarehub.shared.AgencyId;
import org.springframework.stereotype.Component;

/** Answers the person index's question about an agency system's write with {@link AgencySystemRules}. */
@Component
class AgencySystemWrites implements RecordWriteDecisions {

    @Override
    public WriteDecision decideWrite(AgencyId systemAgency, String recordAgency) {
        AccessDecision decision = AgencySystemRules.decideWrite(systemAgency, recordAgency);
        return new WriteDecision(
                decision.allowed(),
                decision.decidingRules().get(0),
                decision.reason(),
                AgencySystemRules.isAgencyId(recordAgency) ? AgencyId.of(recordAgency) : null);
    }
}
