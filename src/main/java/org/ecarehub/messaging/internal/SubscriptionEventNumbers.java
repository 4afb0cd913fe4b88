package org.ecarehub.messaging.internal;

import org.ecarehub.messaging.DeliveryId;
import org.ecarehub.shared.AgencyId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Numbers each rest-hook delivery within its agency's subscription (the FHIR subscription's event number), at its
 * first attempt and once: a short transaction locks the delivery's row, and, when it has no number yet, counts the
 * subscription's events up by one and stamps the row. A later attempt, on any node, finds the number stamped.
 *
 * <p>Numbers follow the order of first attempts and have no gaps; a number given to an attempt whose transaction
 * rolls back is given again to the next. The counter's row is locked only for that short transaction, never for a
 * sender's change.
 */
@Component
class SubscriptionEventNumbers {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    SubscriptionEventNumbers(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** The delivery's event number within the agency's subscription, given now if it has none. */
    long numberOf(DeliveryId delivery, AgencyId agency) {
        Long number = transactions.execute(status -> {
            long stamped = jdbc.sql("select coalesce(event_number, 0) from delivery where delivery_id = ? for update")
                    .param(delivery.value())
                    .query(Long.class)
                    .single();
            if (stamped > 0) {
                return stamped;
            }
            jdbc.sql("insert into subscription_event_count (agency_id, events) values (?, 0) on conflict do nothing")
                    .param(agency.value())
                    .update();
            jdbc.sql("update subscription_event_count set events = events + 1 where agency_id = ?")
                    .param(agency.value())
                    .update();
            long next = jdbc.sql("select events from subscription_event_count where agency_id = ?")
                    .param(agency.value())
                    .query(Long.class)
                    .single();
            jdbc.sql("update delivery set event_number = ? where delivery_id = ?")
                    .params(next, delivery.value())
                    .update();
            return next;
        });
        return number;
    }
}
