package org.ecarehub.protection.internal;

import org.ecarehub.access.PosingRiskRegister;
import org.ecarehub.protection.ConcernRole;
import org.ecarehub.shared.PersonId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * P3's fact from protection messages: the representative is named as posing risk in a message that names the subject
 * too, in any role. Closed messages count as well: closing a case does not make the person safe from them.
 */
@Component
class StoredPosingRiskRegister implements PosingRiskRegister {

    private final JdbcClient jdbc;

    StoredPosingRiskRegister(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean namedAsPosingRisk(PersonId representative, PersonId subject) {
        if (representative == null || subject == null || representative.equals(subject)) {
            return false;
        }
        return jdbc.sql("select count(*) from protection_message_person risk join protection_message_person other"
                                + " on other.message_id = risk.message_id where risk.person_id = ? and risk.role = ?"
                                + " and other.person_id = ?")
                        .params(representative.value(), ConcernRole.POSING_RISK.code(), subject.value())
                        .query(Long.class)
                        .single()
                > 0;
    }
}
