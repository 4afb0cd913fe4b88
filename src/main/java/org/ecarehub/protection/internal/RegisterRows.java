package org.ecarehub.protection.internal;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.ecarehub.protection.AdultAtRiskCase;
import org.ecarehub.protection.AdultAtRiskStage;
import org.ecarehub.protection.LookedAfterBasis;
import org.ecarehub.protection.LookedAfterId;
import org.ecarehub.protection.LookedAfterPeriod;
import org.ecarehub.protection.RegistrationConcern;
import org.ecarehub.protection.RegistrationStep;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;

/** Reading and writing the register's columns: codes, days and instants as the tables keep them. */
final class RegisterRows {

    static final String REGISTRATION = "select id, child_id, mother_id, expected_birth, owner, status, registered_on,"
            + " categories, lead_social_worker, team, next_review, deregistered_on, flag_item_id, relationship_id,"
            + " version from protection_registration";

    static final String STEP = "select registration_id, version, step, on_day, next_review, categories,"
            + " lead_social_worker, team, child_id, reason, by_user, by_agency, at from protection_registration_step";

    static final String LOOKED_AFTER = "select id, person_id, owner, basis, start_day, end_day, started_by, ended_by"
            + " from protection_looked_after";

    static final String ADULT =
            "select id, person_id, owner, team, stage, opened_on, version from protection_adult_at_risk";

    static final String ADULT_STEP =
            "select case_id, version, stage, on_day, by_user, by_agency, at from protection_adult_at_risk_step";

    private RegisterRows() {}

    static RegistrationStep step(ResultSet row, int number) throws SQLException {
        String categories = row.getString("categories");
        String child = row.getString("child_id");
        String lead = row.getString("lead_social_worker");
        String team = row.getString("team");
        return new RegistrationStep(
                row.getInt("version"),
                RegistrationStep.Kind.fromCode(row.getString("step")),
                day(row.getDate("on_day")),
                day(row.getDate("next_review")),
                categories == null ? null : concerns(categories),
                lead == null ? null : Username.of(lead),
                team == null ? null : TeamId.of(team),
                child == null ? null : PersonId.of(child),
                row.getString("reason"),
                Username.of(row.getString("by_user")),
                AgencyId.of(row.getString("by_agency")),
                instant(row.getTimestamp("at")));
    }

    static LookedAfterPeriod lookedAfter(ResultSet row, int number) throws SQLException {
        String endedBy = row.getString("ended_by");
        return new LookedAfterPeriod(
                new LookedAfterId(row.getLong("id")),
                PersonId.of(row.getString("person_id")),
                AgencyId.of(row.getString("owner")),
                LookedAfterBasis.fromCode(row.getString("basis")).orElseThrow(),
                day(row.getDate("start_day")),
                day(row.getDate("end_day")),
                Username.of(row.getString("started_by")),
                endedBy == null ? null : Username.of(endedBy));
    }

    static AdultAtRiskCase.Step adultStep(ResultSet row, int number) throws SQLException {
        return new AdultAtRiskCase.Step(
                row.getInt("version"),
                AdultAtRiskStage.fromCode(row.getString("stage")),
                day(row.getDate("on_day")),
                Username.of(row.getString("by_user")),
                AgencyId.of(row.getString("by_agency")),
                instant(row.getTimestamp("at")));
    }

    static String concerns(Set<RegistrationConcern> concerns) {
        return EnumSet.copyOf(concerns).stream().map(RegistrationConcern::code).collect(Collectors.joining(","));
    }

    static Set<RegistrationConcern> concerns(String codes) {
        return Arrays.stream(codes.split(","))
                .map(code -> RegistrationConcern.fromCode(code).orElseThrow())
                .collect(Collectors.toUnmodifiableSet());
    }

    static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Date date(LocalDate day) {
        return day == null ? null : Date.valueOf(day);
    }

    static LocalDate day(Date date) {
        return date == null ? null : date.toLocalDate();
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
