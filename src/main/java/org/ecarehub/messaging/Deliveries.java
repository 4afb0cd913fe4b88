package org.ecarehub.messaging;

import java.util.List;
import org.ecarehub.shared.AgencyId;

/**
 * Reliable delivery: a module that changes something other agencies or people must hear of calls {@link #send}
 * inside its own transaction; the deliveries commit or roll back with its change, and workers on every node deliver
 * them after commit, retrying with backoff until the receiver acknowledges, or dead-lettering after the configured
 * number of attempts. Nothing leaves the hub before the caller's transaction commits.
 */
public interface Deliveries {

    /**
     * Stores one delivery per receiver, in the caller's transaction (which must exist).
     *
     * @return the deliveries' ids, in the receivers' order
     * @throws MessagingRefused when there are no receivers or a receiver is not a member agency of the partnership;
     *     nothing is stored
     * @throws org.springframework.transaction.IllegalTransactionStateException when called outside a transaction
     */
    List<DeliveryId> send(Notification notification, List<Receiver> receivers);

    /** Every delivery of what was sent about {@code focus}, oldest first: what the sender sees of its message. */
    List<Delivery> deliveriesOf(String focus);

    /** One delivery, or refused when there is none. */
    Delivery delivery(DeliveryId id);

    /** The agency's inbox, newest first: unread only, or everything, at most {@code limit}. */
    List<Delivery> inbox(AgencyId agency, boolean unreadOnly, int limit);

    /**
     * Marks an inbox delivery read by a member of the receiving agency.
     *
     * @throws MessagingRefused when the delivery is not in that agency's inbox (the same answer as for no delivery)
     */
    void markRead(DeliveryId id, AgencyId agency, String readBy);

    /** The dead letters, newest first, at most {@code limit}: what administrators must see to. */
    List<Delivery> deadLetters(int limit);

    /** How many dead letters there are now. */
    long deadLetterCount();

    /**
     * Puts a dead letter back in the queue for another round of attempts, once an administrator has fixed the cause.
     *
     * @throws MessagingRefused when the delivery is not a dead letter
     */
    void retry(DeliveryId id);
}
