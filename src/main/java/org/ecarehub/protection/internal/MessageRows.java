package org.ecarehub.protection.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import org.ecarehub.access.Sensitivity;
import org.ecarehub.partnership.ConcernKind;
import org.ecarehub.partnership.ConcernPriority;
import org.ecarehub.protection.ConcernOutcome;
import org.ecarehub.protection.ConcernRole;
import org.ecarehub.protection.EscalationStage;
import org.ecarehub.protection.ProtectionMessageId;
import org.ecarehub.protection.ProtectionMessageStep;
import org.ecarehub.protection.Routing;
import org.ecarehub.protection.RoutingId;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;

/** The rows of the protection message tables, read into values. */
final class MessageRows {

    static final String MESSAGE = "select id, kind, priority, concern, sender_user, sender_agency, sender_team,"
            + " raised_at, out_of_hours, outcome, outcome_reason, closed_at from protection_message";

    static final String PERSON =
            "select person_id, role, sensitivity from protection_message_person where message_id = ? order by position";

    static final String ROUTING = "select id, message_id, agency, team, out_of_hours, deadline, acknowledged_at,"
            + " acknowledged_by, escalation_stage, manager_escalated_at from protection_message_routing";

    static final String STEP = "select at, kind, routing_id, by_user, by_agency, team, to_user, outcome, text"
            + " from protection_message_step where message_id = ? order by id";

    private MessageRows() {}

    record Message(
            ProtectionMessageId id,
            ConcernKind kind,
            ConcernPriority priority,
            String concern,
            Username senderUser,
            AgencyId senderAgency,
            TeamId senderTeam,
            Instant raisedAt,
            boolean outOfHours,
            ConcernOutcome outcome,
            String outcomeReason,
            Instant closedAt) {

        boolean open() {
            return closedAt == null;
        }
    }

    record Named(PersonId person, ConcernRole role, Sensitivity sensitivity) {}

    record StoredRouting(ProtectionMessageId message, Routing routing, Instant managerEscalatedAt) {}

    static Message message(ResultSet row, int number) throws SQLException {
        String outcome = row.getString("outcome");
        return new Message(
                new ProtectionMessageId(row.getLong("id")),
                ConcernKind.fromCode(row.getString("kind")).orElseThrow(),
                ConcernPriority.fromCode(row.getString("priority")).orElseThrow(),
                row.getString("concern"),
                username(row.getString("sender_user")),
                AgencyId.of(row.getString("sender_agency")),
                team(row.getString("sender_team")),
                instant(row, "raised_at"),
                row.getBoolean("out_of_hours"),
                outcome == null ? null : ConcernOutcome.fromCode(outcome).orElseThrow(),
                row.getString("outcome_reason"),
                instant(row, "closed_at"));
    }

    static Named named(ResultSet row, int number) throws SQLException {
        return new Named(
                PersonId.of(row.getString("person_id")),
                ConcernRole.fromCode(row.getString("role")).orElseThrow(),
                Sensitivity.valueOf(row.getString("sensitivity")));
    }

    static StoredRouting routing(ResultSet row, int number) throws SQLException {
        return new StoredRouting(
                new ProtectionMessageId(row.getLong("message_id")),
                new Routing(
                        new RoutingId(row.getLong("id")),
                        AgencyId.of(row.getString("agency")),
                        TeamId.of(row.getString("team")),
                        row.getBoolean("out_of_hours"),
                        instant(row, "deadline"),
                        instant(row, "acknowledged_at"),
                        username(row.getString("acknowledged_by")),
                        EscalationStage.of(row.getInt("escalation_stage"))),
                instant(row, "manager_escalated_at"));
    }

    static ProtectionMessageStep step(ResultSet row, int number) throws SQLException {
        long routing = row.getLong("routing_id");
        boolean noRouting = row.wasNull();
        String outcome = row.getString("outcome");
        String agency = row.getString("by_agency");
        return new ProtectionMessageStep(
                instant(row, "at"),
                ProtectionMessageStep.Kind.fromCode(row.getString("kind")),
                noRouting ? null : new RoutingId(routing),
                username(row.getString("by_user")),
                agency == null ? null : AgencyId.of(agency),
                team(row.getString("team")),
                username(row.getString("to_user")),
                outcome == null ? null : ConcernOutcome.fromCode(outcome).orElseThrow(),
                row.getString("text"));
    }

    static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Username username(String value) {
        return value == null ? null : Username.of(value);
    }

    private static TeamId team(String value) {
        return value == null ? null : TeamId.of(value);
    }
}
