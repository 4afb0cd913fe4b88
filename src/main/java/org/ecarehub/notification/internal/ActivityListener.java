package org.ecarehub.notification.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.ecarehub.access.BreakGlassOpened;
import org.ecarehub.access.DecisionFlag;
import org.ecarehub.access.RecordAccessed;
import org.ecarehub.request.ServiceRequestStatusChanged;
import org.ecarehub.shared.PersonId;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Hears of the activity that a person may be told of and keeps it in {@code notification_activity}, synchronously,
 * inside the transaction of the change: a rolled-back change leaves nothing to tell, and a committed one is told even
 * when the node dies before telling it. Who may be told is decided later, after commit ({@link ActivitySender}), when
 * every module's view of the change (a W3 withholding made with the access, say) is in place.
 */
@Component
class ActivityListener {

    static final String FIRST_ACCESS = "first-access";
    static final String WITHOUT_CONSENT = "without-consent";
    static final String BREAK_GLASS = "break-glass";
    static final String SERVICE_REQUEST = "service-request";

    /** How many pairs of person and agency a node remembers as seen, so that most reads cost no query here. */
    private static final int SEEN_PAIRS = 100_000;

    private final JdbcClient jdbc;
    // Holds only pairs whose row was already there: a pair is never remembered from a transaction that may roll back.
    private final Set<String> seen = Collections.synchronizedSet(Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > SEEN_PAIRS;
        }
    }));
    private final Clock clock;

    ActivityListener(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @EventListener
    void on(RecordAccessed access) {
        if (!access.allowed()) {
            return;
        }
        String pair = access.person().value() + " " + access.agency().value();
        // Inserted at most once per person and agency, whichever node or transaction gets there first.
        boolean first = !seen.contains(pair)
                && jdbc.sql("insert into notification_agency_seen (person_id, agency_id, first_event_id)"
                                        + " values (?, ?, ?) on conflict do nothing")
                                .params(access.person().value(), access.agency().value(), access.eventId())
                                .update()
                        > 0;
        if (first) {
            keep(access.person(), FIRST_ACCESS, access.eventId(), null);
            return;
        }
        seen.add(pair);
        if (access.flags().contains(DecisionFlag.WITHOUT_CONSENT.code())) {
            keep(access.person(), WITHOUT_CONSENT, access.eventId(), null);
        }
    }

    @EventListener
    void on(BreakGlassOpened opened) {
        // The opening's own event, the one the person's history shows and W1 may withhold.
        if (opened.eventId() > 0) {
            keep(opened.person(), BREAK_GLASS, opened.eventId(), null);
        }
    }

    @EventListener
    void on(ServiceRequestStatusChanged change) {
        keep(change.person(), SERVICE_REQUEST, null, change.request().reference());
    }

    private void keep(PersonId person, String kind, Long eventId, String item) {
        jdbc.sql(
                        "insert into notification_activity (person_id, kind, event_id, item, created_at) values (?, ?, ?, ?, ?)")
                .params(person.value(), kind, eventId, item, Timestamp.from(clock.instant()))
                .update();
    }
}
