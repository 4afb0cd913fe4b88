package org.ecarehub.request.internal;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ecarehub.access.RelationshipId;
import org.ecarehub.partnership.RequestPriority;
import org.ecarehub.request.Equipment;
import org.ecarehub.request.HomecareTask;
import org.ecarehub.request.ServiceRequestDetails;
import org.ecarehub.request.ServiceRequestId;
import org.ecarehub.request.ServiceRequestStatus;
import org.ecarehub.request.ServiceRequestStep;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;

/** Maps the request tables' rows; codes are stored as the values' own codes, sets of them comma-separated. */
final class RequestRows {

    static final String HOMECARE = "homecare";
    static final String AIDS = "aids-and-adaptations";

    static final String REQUEST = "select id, person_id, kind, priority, team, requesting_agency, requested_by,"
            + " requesting_teams,"
            + " hours_per_week, visits_per_day, tasks, start_day, equipment, assessment, status, version,"
            + " submitted_at, due_day, scheduled_day, relationship_id from service_request";

    static final String STEP = "select request_id, version, status, at, by_user, by_agency, scheduled_day, reason"
            + " from service_request_step";

    private RequestRows() {}

    static StoredRequest request(ResultSet row, int number) throws SQLException {
        ServiceRequestDetails details = HOMECARE.equals(row.getString("kind"))
                ? new ServiceRequestDetails.Homecare(
                        row.getBigDecimal("hours_per_week"),
                        row.getInt("visits_per_day"),
                        codes(
                                row.getString("tasks"),
                                code -> HomecareTask.fromCode(code).orElseThrow()),
                        day(row.getDate("start_day")))
                : new ServiceRequestDetails.AidsAndAdaptations(
                        codes(
                                row.getString("equipment"),
                                code -> Equipment.fromCode(code).orElseThrow()),
                        row.getString("assessment"));
        Long relationship = row.getObject("relationship_id", Long.class);
        return new StoredRequest(
                new ServiceRequestId(row.getLong("id")),
                PersonId.of(row.getString("person_id")),
                details,
                RequestPriority.fromCode(row.getString("priority")).orElseThrow(),
                TeamId.of(row.getString("team")),
                AgencyId.of(row.getString("requesting_agency")),
                Username.of(row.getString("requested_by")),
                row.getString("requesting_teams").isEmpty()
                        ? List.of()
                        : codes(row.getString("requesting_teams"), TeamId::of),
                status(row.getString("status")),
                row.getInt("version"),
                instant(row.getTimestamp("submitted_at")),
                day(row.getDate("due_day")),
                day(row.getDate("scheduled_day")),
                relationship == null ? null : new RelationshipId(relationship));
    }

    record Step(long request, ServiceRequestStep step) {}

    static Step step(ResultSet row, int number) throws SQLException {
        return new Step(
                row.getLong("request_id"),
                new ServiceRequestStep(
                        row.getInt("version"),
                        status(row.getString("status")),
                        instant(row.getTimestamp("at")),
                        Username.of(row.getString("by_user")),
                        AgencyId.of(row.getString("by_agency")),
                        day(row.getDate("scheduled_day")),
                        row.getString("reason")));
    }

    static ServiceRequestStatus status(String code) {
        return ServiceRequestStatus.fromCode(code).orElseThrow();
    }

    static <T> String codes(List<T> values, Function<T, String> code) {
        return values.stream().map(code).collect(Collectors.joining(","));
    }

    static <T> List<T> codes(String text, Function<String, T> value) {
        return Arrays.stream(text.split(",")).map(value).toList();
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.from(instant);
    }

    static Date date(LocalDate day) {
        return day == null ? null : Date.valueOf(day);
    }

    private static LocalDate day(Date date) {
        return date == null ? null : date.toLocalDate();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
