package org.ecarehub.access.internal;

import org.ecarehub.access.CaldicottReviews;
import org.ecarehub.consent.Withholdings;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.person.Actor;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;
import org.springframework.stereotype.Component;

/** Opens the reviews and withholdings that logged decisions call for. */
@Component
class FollowUps implements DecisionFollowUps {

    private final CaldicottReviews reviews;
    private final Withholdings withholdings;

    FollowUps(CaldicottReviews reviews, Withholdings withholdings) {
        this.reviews = reviews;
        this.withholdings = withholdings;
    }

    @Override
    public void protectionOverride(PersonId person, AgencyId owner, String account, long eventId) {
        reviews.openForProtectionOverride(person, owner, "access-event-" + eventId, Actor.hub("access decision"));
    }

    @Override
    public void protectionAccess(PersonId person, String account, Purpose purpose, long eventId) {
        withholdings.withholdAutomatically(person, eventId, Username.of(account), purpose);
    }
}
