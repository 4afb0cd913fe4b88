package org.ecarehub.access.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ecarehub.access.Withheld;
import org.ecarehub.consent.Authority;
import org.ecarehub.consent.ConsentState;
import org.ecarehub.partnership.Agency;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.partnership.StaffAccount;
import org.ecarehub.shared.PersonId;

/**
 * What the decision needs to know from the modules that hold relationships, grants, tasks and consents, read through
 * their caches so that a decision stays in memory.
 */
interface FactSource {

    /** What rule 6 asks of a user and a person. */
    StaffFacts staffFacts(StaffAccount user, PersonId person, Instant now);

    /** The latest consent decision in force for the person's information of this category to reach the agency. */
    ConsentFacts consent(PersonId person, Purpose purpose, Agency recipient, Category category, LocalDate day);

    /** What P3 and W1 ask of a portal account and the person whose record it looks at. */
    PortalFacts portalFacts(PersonId self, PersonId subject, LocalDate day);

    /**
     * @param authorities the authorities the account's person holds over the subject; empty when the record is their
     *     own or they hold none
     * @param withheld the withholdings in force on the subject's items and access events, by the item's id or {@code
     *     access-event-N}
     */
    record PortalFacts(
            List<Authority> authorities,
            boolean lacksWelfareCapacity,
            int age,
            Set<Category> keptFromParents,
            boolean namedAsPosingRisk,
            Map<String, Withheld> withheld) {}

    /**
     * @param relationship the user or one of their teams has an active relationship with the person
     * @param breakGlass the user holds an active break-glass grant for the person
     * @param governanceTask the user has claimed a governance task about the person
     */
    record StaffFacts(boolean relationship, boolean breakGlass, boolean governanceTask) {}

    /**
     * @param namesCategory the consent lists the category by name, as rule 8 needs for a restricted item
     * @param consentId the consent's id for the log, or null when none is recorded
     */
    record ConsentFacts(ConsentState state, boolean namesCategory, String consentId) {

        static final ConsentFacts NONE = new ConsentFacts(ConsentState.NONE, false, null);

        /** How the log records the consent the decision relied on: {@code given:consent-7}, or {@code none}. */
        String forLog() {
            String state = state().name().toLowerCase(java.util.Locale.ROOT);
            return consentId == null ? state : state + ":" + consentId;
        }
    }
}
