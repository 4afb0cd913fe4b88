package org.ecarehub.messaging.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.ecarehub.messaging.Channel;
import org.ecarehub.messaging.Delivery;
import org.ecarehub.messaging.DeliveryId;
import org.ecarehub.messaging.Receiver;
import org.ecarehub.partnership.Agency;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.Databases;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Numbers each rest-hook delivery within its agency's subscription (the FHIR subscription's event number), once:
 * normally as the delivery is leased for its first attempt, for the whole leased batch in the lease's transaction
 * ({@link #numberAll}); otherwise (a subscription configured after the lease) at the attempt, in a short transaction of
 * its own ({@link #numberOf}). A later attempt, on any node, finds the number stamped.
 *
 * <p>Numbers follow the order in which deliveries are first leased and have no gaps; numbers given in a transaction
 * that rolls back are given again. An agency's counter row is locked only for such a short transaction, never for a
 * sender's change, and counters are locked in the order of agency ids, so that two nodes leasing at once cannot
 * deadlock.
 */
@Component
class SubscriptionEventNumbers {

    private final JdbcClient jdbc;
    private final JdbcTemplate connections;
    private final TransactionTemplate transactions;
    private final Partnerships partnerships;
    /** Agencies whose counter row this node has seen: the row is never deleted. */
    private final Set<AgencyId> counted = ConcurrentHashMap.newKeySet();

    private volatile Boolean returning;

    SubscriptionEventNumbers(
            JdbcClient jdbc, JdbcTemplate connections, TransactionTemplate transactions, Partnerships partnerships) {
        this.jdbc = jdbc;
        this.connections = connections;
        this.transactions = transactions;
        this.partnerships = partnerships;
    }

    /**
     * Numbers, in the caller's transaction, the rest-hook deliveries among {@code unnumbered} whose agency has a
     * subscription, in the order given. One counter update per agency instead of a transaction per delivery: a hundred
     * messages a second to five agencies made five hundred such transactions. The caller stamps the rows, which it
     * holds locked, with the numbers (the poller does it in the update that leases them).
     *
     * @return the numbers given, by delivery; deliveries without a subscription are left out
     */
    Map<DeliveryId, Long> numberAll(List<Delivery> unnumbered) {
        Partnership partnership = partnerships.current().partnership();
        Map<AgencyId, List<DeliveryId>> byAgency =
                new TreeMap<>((a, b) -> a.value().compareTo(b.value()));
        for (Delivery delivery : unnumbered) {
            if (delivery.channel() != Channel.REST_HOOK || !(delivery.receiver() instanceof Receiver.Agency agency)) {
                continue;
            }
            boolean subscribed = partnership
                    .agency(agency.agency())
                    .flatMap(Agency::subscriptionIfAny)
                    .isPresent();
            if (subscribed) {
                byAgency.computeIfAbsent(agency.agency(), key -> new ArrayList<>())
                        .add(delivery.id());
            }
        }
        Map<DeliveryId, Long> numbers = new HashMap<>();
        for (Map.Entry<AgencyId, List<DeliveryId>> agency : byAgency.entrySet()) {
            List<DeliveryId> deliveries = agency.getValue();
            long last = countUp(agency.getKey(), deliveries.size());
            long next = last - deliveries.size() + 1;
            for (DeliveryId delivery : deliveries) {
                numbers.put(delivery, next);
                next++;
            }
        }
        return numbers;
    }

    /** The delivery's event number within the agency's subscription, given now in a transaction of its own if none. */
    long numberOf(DeliveryId delivery, AgencyId agency) {
        Long number = transactions.execute(status -> {
            long stamped = jdbc.sql("select coalesce(event_number, 0) from delivery where delivery_id = ? for update")
                    .param(delivery.value())
                    .query(Long.class)
                    .single();
            if (stamped > 0) {
                return stamped;
            }
            long next = countUp(agency, 1);
            jdbc.sql("update delivery set event_number = ? where delivery_id = ?")
                    .params(next, delivery.value())
                    .update();
            return next;
        });
        return number;
    }

    /**
     * Counts the agency's subscription events up by {@code count}, locking its counter; the new count. The counter's
     * row is created once and never deleted, so a node that has seen it counts up without asking to create it first
     * (should the transaction that created it have rolled back, the count finds no row and creates it after all); on
     * PostgreSQL the update returns the count. The poller numbers a leased batch agency by agency, and three
     * statements an agency were a third of the database's statements under the messages benchmark.
     */
    private long countUp(AgencyId agency, int count) {
        if (counted.contains(agency)) {
            Optional<Long> events = increment(agency, count);
            if (events.isPresent()) {
                return events.get();
            }
            counted.remove(agency);
        }
        jdbc.sql("insert into subscription_event_count (agency_id, events) values (?, 0) on conflict do nothing")
                .param(agency.value())
                .update();
        long events = increment(agency, count)
                .orElseThrow(() -> new IllegalStateException("the subscription event counter was not created"));
        counted.add(agency);
        return events;
    }

    /** The agency's counter counted up, or empty when it has no counter row. */
    private Optional<Long> increment(AgencyId agency, int count) {
        if (returning()) {
            return jdbc.sql("update subscription_event_count set events = events + ? where agency_id = ?"
                            + " returning events")
                    .params(count, agency.value())
                    .query(Long.class)
                    .optional();
        }
        int updated = jdbc.sql("update subscription_event_count set events = events + ? where agency_id = ?")
                .params(count, agency.value())
                .update();
        if (updated == 0) {
            return Optional.empty();
        }
        return Optional.of(jdbc.sql("select events from subscription_event_count where agency_id = ?")
                .param(agency.value())
                .query(Long.class)
                .single());
    }

    /** Whether the database returns rows from an update (PostgreSQL; H2 does not). */
    private boolean returning() {
        Boolean known = returning;
        if (known == null) {
            known = Boolean.TRUE.equals(connections.execute((ConnectionCallback<Boolean>) Databases::isPostgreSql));
            returning = known;
        }
        return known;
    }
}
