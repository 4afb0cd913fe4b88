package org.ecarehub.messaging.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import org.ecarehub.messaging.Channel;
import org.ecarehub.messaging.Delivery;
import org.ecarehub.messaging.DeliveryId;
import org.ecarehub.messaging.DeliveryStatus;
import org.ecarehub.messaging.Notification;
import org.ecarehub.messaging.Receiver;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;

/** Maps the delivery table's rows. */
final class DeliveryRows {

    static final String DELIVERY = "select id, delivery_id, topic, focus, person_id, sender, channel,"
            + " receiver_agency, receiver_team, receiver_address, status, attempts, created_at, next_attempt_at,"
            + " last_attempt_at, last_outcome, delivered_at, read_at from delivery";

    /** The rows with their event number within their agency's subscription (null until numbered). */
    static final String DELIVERY_NUMBERED = DELIVERY.replace(" from delivery", ", event_number from delivery");

    private DeliveryRows() {}

    static Delivery delivery(ResultSet row, int number) throws SQLException {
        String person = row.getString("person_id");
        Notification notification = new Notification(
                row.getString("topic"),
                row.getString("focus"),
                person == null ? null : PersonId.of(person),
                row.getString("sender"));
        Channel channel = Channel.fromCode(row.getString("channel"));
        Receiver receiver;
        if (channel == Channel.EMAIL) {
            receiver = new Receiver.Email(row.getString("receiver_address"));
        } else {
            String team = row.getString("receiver_team");
            receiver = new Receiver.Agency(
                    new AgencyId(row.getString("receiver_agency")), team == null ? null : new TeamId(team));
        }
        return new Delivery(
                new DeliveryId(row.getString("delivery_id")),
                notification,
                receiver,
                channel,
                DeliveryStatus.fromCode(row.getString("status")),
                row.getInt("attempts"),
                instant(row.getTimestamp("created_at")),
                instant(row.getTimestamp("next_attempt_at")),
                instant(row.getTimestamp("last_attempt_at")),
                row.getString("last_outcome"),
                instant(row.getTimestamp("delivered_at")),
                instant(row.getTimestamp("read_at")));
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
