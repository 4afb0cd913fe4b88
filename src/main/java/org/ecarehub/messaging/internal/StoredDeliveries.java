package org.ecarehub.messaging.internal;

import static org.ecarehub.messaging.internal.DeliveryRows.timestamp;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ecarehub.messaging.Channel;
import org.ecarehub.messaging.Deliveries;
import org.ecarehub.messaging.Delivery;
import org.ecarehub.messaging.DeliveryId;
import org.ecarehub.messaging.DeliveryStatus;
import org.ecarehub.messaging.MessagingRefused;
import org.ecarehub.messaging.Notification;
import org.ecarehub.messaging.Receiver;
import org.ecarehub.partnership.Agency;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.BatchInserts;
import org.ecarehub.shared.Username;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The deliveries table as the outbox: {@link #send} inserts in the caller's transaction and, once that commits, wakes
 * this node's worker so the first attempt follows at once rather than at the next poll.
 */
@Service
class StoredDeliveries implements Deliveries {

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final Partnerships partnerships;
    private final DeliveryWorker worker;
    private final Clock clock;

    StoredDeliveries(
            JdbcClient jdbc, JdbcTemplate batches, Partnerships partnerships, DeliveryWorker worker, Clock clock) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.partnerships = partnerships;
        this.worker = worker;
        this.clock = clock;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public List<DeliveryId> send(Notification notification, List<Receiver> receivers) {
        if (notification == null) {
            throw new MessagingRefused("a notification is needed");
        }
        if (receivers == null || receivers.isEmpty()) {
            throw new MessagingRefused("a notification needs at least one receiver");
        }
        Partnership partnership = partnerships.current().partnership();
        List<Channel> channels = new ArrayList<>();
        for (Receiver receiver : receivers) {
            channels.add(channelOf(receiver, partnership));
        }
        Instant now = clock.instant();
        List<DeliveryId> ids = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        boolean anyToAttempt = false;
        for (int i = 0; i < receivers.size(); i++) {
            Receiver receiver = receivers.get(i);
            Channel channel = channels.get(i);
            DeliveryId id = DeliveryId.random();
            // The inbox is in the hub: the delivery is done when the sender's change commits with it.
            boolean inbox = channel == Channel.INBOX;
            anyToAttempt |= !inbox;
            Receiver.Agency agency = receiver instanceof Receiver.Agency a ? a : null;
            rows.add(new Object[] {
                id.value(),
                notification.topic(),
                notification.focus(),
                notification.person() == null ? null : notification.person().value(),
                notification.sender(),
                channel.code(),
                agency == null ? null : agency.agency().value(),
                agency == null || agency.team() == null ? null : agency.team().value(),
                receiver instanceof Receiver.Email email ? email.address() : null,
                (inbox ? DeliveryStatus.DELIVERED : DeliveryStatus.PENDING).code(),
                timestamp(now),
                timestamp(now),
                inbox ? timestamp(now) : null
            });
            ids.add(id);
        }
        // One batch, one round trip: a protection message goes to five agencies or more in its sender's transaction.
        BatchInserts.all(
                batches,
                "insert into delivery (delivery_id, topic, focus, person_id, sender, channel, receiver_agency,"
                        + " receiver_team, receiver_address, status, attempts, created_at, next_attempt_at,"
                        + " delivered_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)",
                rows);
        if (anyToAttempt && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    worker.wake();
                }
            });
        }
        return List.copyOf(ids);
    }

    private static Channel channelOf(Receiver receiver, Partnership partnership) {
        if (receiver instanceof Receiver.Email) {
            return Channel.EMAIL;
        }
        Receiver.Agency to = (Receiver.Agency) receiver;
        Agency agency = partnership
                .agency(to.agency())
                .filter(Agency::active)
                .orElseThrow(() -> new MessagingRefused(
                        "agency " + to.agency().value() + " is not an active member of the partnership"));
        if (to.team() != null
                && partnership
                        .team(to.team())
                        .filter(team -> team.agency().equals(to.agency()))
                        .isEmpty()) {
            throw new MessagingRefused("team " + to.team().value() + " is not a team of agency "
                    + to.agency().value());
        }
        return agency.subscriptionIfAny().isPresent() ? Channel.REST_HOOK : Channel.INBOX;
    }

    @Override
    @Transactional(readOnly = true)
    public List<Delivery> deliveriesOf(String focus) {
        return jdbc.sql(DeliveryRows.DELIVERY + " where focus = ? order by id")
                .param(focus)
                .query(DeliveryRows::delivery)
                .list();
    }

    @Override
    @Transactional(readOnly = true)
    public Delivery delivery(DeliveryId id) {
        return jdbc.sql(DeliveryRows.DELIVERY + " where delivery_id = ?")
                .param(id.value())
                .query(DeliveryRows::delivery)
                .optional()
                .orElseThrow(() -> new MessagingRefused("no such delivery"));
    }

    @Override
    @Transactional(readOnly = true)
    public List<Delivery> inbox(AgencyId agency, boolean unreadOnly, int limit) {
        return jdbc.sql(DeliveryRows.DELIVERY + " where channel = ? and receiver_agency = ?"
                        + (unreadOnly ? " and read_at is null" : "") + " order by id desc limit ?")
                .params(Channel.INBOX.code(), agency.value(), limit(limit))
                .query(DeliveryRows::delivery)
                .list();
    }

    @Override
    @Transactional
    public void markRead(DeliveryId id, AgencyId agency, String readBy) {
        new Username(readBy);
        int marked = jdbc.sql("update delivery set read_at = ?, read_by = ? where delivery_id = ? and channel = ?"
                        + " and receiver_agency = ? and read_at is null")
                .params(timestamp(clock.instant()), readBy, id.value(), Channel.INBOX.code(), agency.value())
                .update();
        if (marked == 0
                && jdbc.sql(
                                        "select count(*) from delivery where delivery_id = ? and channel = ? and receiver_agency = ?")
                                .params(id.value(), Channel.INBOX.code(), agency.value())
                                .query(Long.class)
                                .single()
                        == 0) {
            throw new MessagingRefused("no such delivery in the inbox of agency " + agency.value());
        }
    }

    @Override
    @Transactional(readOnly = true)
    public List<Delivery> deadLetters(int limit) {
        return jdbc.sql(DeliveryRows.DELIVERY + " where status = ? order by last_attempt_at desc, id desc limit ?")
                .params(DeliveryStatus.DEAD.code(), limit(limit))
                .query(DeliveryRows::delivery)
                .list();
    }

    @Override
    @Transactional(readOnly = true)
    public long deadLetterCount() {
        return jdbc.sql("select count(*) from delivery where status = ?")
                .param(DeliveryStatus.DEAD.code())
                .query(Long.class)
                .single();
    }

    @Override
    @Transactional
    public void retry(DeliveryId id) {
        int requeued = jdbc.sql("update delivery set status = ?, attempts = 0, next_attempt_at = ?"
                        + " where delivery_id = ? and status = ?")
                .params(
                        DeliveryStatus.PENDING.code(),
                        timestamp(clock.instant()),
                        id.value(),
                        DeliveryStatus.DEAD.code())
                .update();
        if (requeued == 0) {
            throw new MessagingRefused("delivery " + id.value() + " is not a dead letter");
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                worker.wake();
            }
        });
    }

    private static int limit(int limit) {
        if (limit < 1 || limit > 1000) {
            throw new MessagingRefused("a limit is between 1 and 1000");
        }
        return limit;
    }
}
