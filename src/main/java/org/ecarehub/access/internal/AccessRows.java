package org.ecarehub.access.internal;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.ecarehub.access.BreakGlassGrant;
import org.ecarehub.access.BreakGlassGrantId;
import org.ecarehub.access.CaldicottReview;
import org.ecarehub.access.CaldicottReviewId;
import org.ecarehub.access.Holder;
import org.ecarehub.access.Relationship;
import org.ecarehub.access.RelationshipId;
import org.ecarehub.access.RelationshipKind;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;

/** The rows of the access tables and how they read back as the module's values. */
final class AccessRows {

    /** The partnership's days are Scottish days: a relationship ending today ends at midnight in Scotland. */
    static final ZoneId ZONE = ZoneId.of("Europe/London");

    static final String RELATIONSHIP = "select id, person_id, holder_user, holder_team, kind, start_day, end_day,"
            + " source, started_at, started_by, ended_by from access_relationship";

    static final String GRANT = "select id, person_id, username, agency, purpose, reason, opened_at, expires_at,"
            + " review_id from access_break_glass";

    static final String REVIEW = "select id, kind, person_id, agency, guardian, subject, summary, state, opened_at,"
            + " claimed_by, claimed_at, closed_by, closed_at, note, escalated_from, escalation_reason from access_review";

    private AccessRows() {}

    static Relationship relationship(ResultSet rs, int n) throws SQLException {
        String user = rs.getString(3);
        Date end = rs.getDate(7);
        return new Relationship(
                new RelationshipId(rs.getLong(1)),
                PersonId.of(rs.getString(2)),
                user != null ? Holder.staff(Username.of(user)) : Holder.team(TeamId.of(rs.getString(4))),
                RelationshipKind.valueOf(rs.getString(5)),
                rs.getDate(6).toLocalDate(),
                end == null ? null : end.toLocalDate(),
                rs.getString(8),
                rs.getTimestamp(9).toInstant(),
                rs.getString(10),
                rs.getString(11));
    }

    static BreakGlassGrant grant(ResultSet rs, int n) throws SQLException {
        Number review = (Number) rs.getObject(9);
        return new BreakGlassGrant(
                new BreakGlassGrantId(rs.getLong(1)),
                PersonId.of(rs.getString(2)),
                Username.of(rs.getString(3)),
                AgencyId.of(rs.getString(4)),
                Purpose.valueOf(rs.getString(5)),
                rs.getString(6),
                rs.getTimestamp(7).toInstant(),
                rs.getTimestamp(8).toInstant(),
                review == null ? null : new CaldicottReviewId(review.longValue()));
    }

    static CaldicottReview review(ResultSet rs, int n) throws SQLException {
        return new CaldicottReview(
                new CaldicottReviewId(rs.getLong(1)),
                CaldicottReview.Kind.valueOf(rs.getString(2)),
                PersonId.of(rs.getString(3)),
                AgencyId.of(rs.getString(4)),
                Username.of(rs.getString(5)),
                rs.getString(6),
                rs.getString(7),
                CaldicottReview.State.valueOf(rs.getString(8)),
                rs.getTimestamp(9).toInstant(),
                username(rs.getString(10)),
                instant(rs.getTimestamp(11)),
                username(rs.getString(12)),
                instant(rs.getTimestamp(13)),
                rs.getString(14),
                username(rs.getString(15)),
                rs.getString(16));
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.from(instant);
    }

    static Date date(LocalDate day) {
        return day == null ? null : Date.valueOf(day);
    }

    private static Username username(String value) {
        return value == null ? null : Username.of(value);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
