package org.ecarehub.access.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ecarehub.access.AccessDecision;
import org.ecarehub.access.AccessHistory;
import org.ecarehub.access.AccessItem;
import org.ecarehub.access.AccessRefused;
import org.ecarehub.access.Requester;
import org.ecarehub.access.Sensitivity;
import org.ecarehub.partnership.Action;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.partnership.StaffAccount;
import org.ecarehub.person.PersonIndex;
import org.ecarehub.shared.PersonId;
import org.ecarehub.transparency.LoggedEvent;
import org.ecarehub.transparency.PersonEvents;
import org.springframework.stereotype.Service;

/** Decides and logs each reading of a person's access history before the log's events about them are read. */
@Service
class AccessHistories implements AccessHistory {

    static final String ITEM = "access-history";
    static final String AUDIT_ONLY = "access-history-audit-only";

    private final DecisionPoint decisions;
    private final PersonIndex index;
    private final PersonEvents events;

    AccessHistories(DecisionPoint decisions, PersonIndex index, PersonEvents events) {
        this.decisions = decisions;
        this.index = index;
        this.events = events;
    }

    @Override
    public Optional<List<LoggedEvent>> of(Requester requester, PersonId person, int limit) {
        return allowed(requester, person).map(now -> events.about(index.personIdsInHistory(now), limit));
    }

    @Override
    public Optional<List<LoggedEvent>> all(Requester requester, PersonId person) {
        return allowed(requester, person).map(now -> {
            Collection<PersonId> ids = index.personIdsInHistory(now);
            List<LoggedEvent> all = new ArrayList<>();
            List<LoggedEvent> chunk = events.about(ids, PersonEvents.MAX_EVENTS);
            while (!chunk.isEmpty()) {
                all.addAll(chunk);
                if (chunk.size() < PersonEvents.MAX_EVENTS) {
                    break;
                }
                chunk = events.about(ids, chunk.get(chunk.size() - 1).id(), PersonEvents.MAX_EVENTS);
            }
            return List.copyOf(all);
        });
    }

    @Override
    public Optional<LoggedEvent> event(Requester requester, PersonId person, long eventId) {
        return allowed(requester, person).flatMap(now -> events.find(index.personIdsInHistory(now), eventId));
    }

    /** The person as they are now, once the reading of their history is decided, allowed and logged. */
    private Optional<PersonId> allowed(Requester requester, PersonId person) {
        if (!(requester instanceof Requester.Staff staff) || staff.purpose() != Purpose.AUDIT) {
            AccessDecision refused = new AccessDecision(
                    false,
                    List.of(AUDIT_ONLY),
                    null,
                    Set.of(),
                    null,
                    "a person's access history is read by staff under the audit purpose",
                    "choose the audit purpose");
            decisions.logWithoutPerson(requester, Action.READ, Category.CONTACTS, refused);
            throw new AccessRefused(refused);
        }
        AccessDecision attempt = decisions.mayAttempt(requester, Action.READ, Category.CONTACTS);
        if (!attempt.allowed()) {
            decisions.logWithoutPerson(requester, Action.READ, Category.CONTACTS, attempt);
            throw new AccessRefused(attempt);
        }
        Optional<PersonId> now = index.personNow(person);
        if (now.isEmpty()) {
            decisions.logWithoutPerson(requester, Action.READ, Category.CONTACTS, attempt);
            return Optional.empty();
        }
        StaffAccount account =
                decisions.snapshot().partnership().staff(staff.user()).orElseThrow();
        // Not a disclosure from another agency: the history is the hub's, read within the reader's own agency.
        AccessItem history = new AccessItem(ITEM, Category.CONTACTS, Sensitivity.NORMAL, account.agency());
        List<AccessDecision> decided = decisions.decide(requester, Action.READ, now.get(), List.of(history));
        return decided.get(0).allowed() ? now : Optional.empty();
    }
}
