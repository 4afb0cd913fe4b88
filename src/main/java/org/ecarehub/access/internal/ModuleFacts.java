package org.ecarehub.access.internal;

import java.time.Instant;
import java.time.LocalDate;
import org.ecarehub.access.BreakGlassGrants;
import org.ecarehub.access.CaldicottReviews;
import org.ecarehub.access.Relationships;
import org.ecarehub.consent.ConsentAnswer;
import org.ecarehub.consent.Consents;
import org.ecarehub.partnership.Agency;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.partnership.StaffAccount;
import org.ecarehub.shared.PersonId;
import org.springframework.stereotype.Component;

/** The facts of a decision, from the relationship, grant and review caches of this module and the consent cache. */
@Component
class ModuleFacts implements FactSource {

    private final Relationships relationships;
    private final BreakGlassGrants grants;
    private final CaldicottReviews reviews;
    private final Consents consents;

    ModuleFacts(Relationships relationships, BreakGlassGrants grants, CaldicottReviews reviews, Consents consents) {
        this.relationships = relationships;
        this.grants = grants;
        this.reviews = reviews;
        this.consents = consents;
    }

    @Override
    public StaffFacts staffFacts(StaffAccount user, PersonId person, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, DecisionPoint.PARTNERSHIP_ZONE);
        return new StaffFacts(
                relationships.active(person, user.username(), user.teams(), today),
                grants.active(user.username(), person, now),
                reviews.workingOn(user.username(), person));
    }

    @Override
    public ConsentFacts consent(PersonId person, Purpose purpose, Agency recipient, Category category, LocalDate day) {
        ConsentAnswer answer = consents.latest(person, purpose, recipient.id(), recipient.type(), category, day);
        return new ConsentFacts(
                answer.state(),
                answer.namesCategory(),
                answer.consent() == null ? null : answer.consent().toString());
    }
}
