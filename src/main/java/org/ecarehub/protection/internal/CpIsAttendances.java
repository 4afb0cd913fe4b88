package org.ecarehub.protection.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ecarehub.access.AccessDecision;
import org.ecarehub.access.AccessDecisions;
import org.ecarehub.access.AccessItem;
import org.ecarehub.access.Requester;
import org.ecarehub.access.Sensitivity;
import org.ecarehub.messaging.Deliveries;
import org.ecarehub.messaging.DeliveryId;
import org.ecarehub.messaging.Notification;
import org.ecarehub.messaging.Receiver;
import org.ecarehub.partnership.Action;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Partnership;
import org.ecarehub.partnership.PartnershipSnapshot;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.partnership.StaffAccount;
import org.ecarehub.partnership.Team;
import org.ecarehub.person.Actor;
import org.ecarehub.person.PersonIndex;
import org.ecarehub.protection.Attendance;
import org.ecarehub.protection.AttendanceId;
import org.ecarehub.protection.AttendanceRecorded;
import org.ecarehub.protection.Attendances;
import org.ecarehub.protection.RegisterRefused;
import org.ecarehub.protection.RegistrationId;
import org.ecarehub.record.FlaggedRecordRead;
import org.ecarehub.record.RecordItemId;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Placeholders;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * CP-IS: an emergency read of a flagged child's record is an unscheduled-care attendance. This listener records it,
 * logs it and tells the lead social worker's team through {@link Deliveries}, in one transaction that the read waits
 * for (joining the read's own, when it has one); a reader's repeated reads of one child within the window make one
 * attendance, so the team is not flooded.
 */
@Service
class CpIsAttendances implements Attendances {

    static final String TOPIC = "cp-is-attendance";

    private static final String ATTENDANCE = "select id, person_id, registration_id, flag_item_id, owner, reader,"
            + " reader_agency, reader_team, purpose, at, notified_agency, notified_team, delivery_id"
            + " from protection_attendance";

    private final JdbcClient jdbc;
    private final AccessDecisions decisions;
    private final Deliveries deliveries;
    private final Partnerships partnerships;
    private final RegisterJournal journal;
    private final PersonIndex index;
    private final Clock clock;
    private final Duration window;

    CpIsAttendances(
            JdbcClient jdbc,
            AccessDecisions decisions,
            Deliveries deliveries,
            Partnerships partnerships,
            RegisterJournal journal,
            PersonIndex index,
            Clock clock,
            @Value("${ecare.protection.attendance-window:4h}") Duration window) {
        this.jdbc = jdbc;
        this.index = index;
        this.decisions = decisions;
        this.deliveries = deliveries;
        this.partnerships = partnerships;
        this.journal = journal;
        this.clock = clock;
        this.window = window;
    }

    @EventListener
    @Transactional
    public void on(FlaggedRecordRead read) {
        // The registration's row lock puts two readers' attendances of one child one after the other, so the window
        // check below sees the other's.
        Optional<Flagged> registration = jdbc.sql("select id, owner, team from protection_registration"
                        + " where flag_item_id = ? and status = 'registered' for update")
                .param(read.flag().value())
                .query((row, number) -> new Flagged(
                        new RegistrationId(row.getLong("id")),
                        AgencyId.of(row.getString("owner")),
                        TeamId.of(row.getString("team"))))
                .optional();
        Instant at = read.at().truncatedTo(ChronoUnit.MILLIS);
        // One attendance a reader and a child within the window, under whichever of the child's ids it was stored.
        List<PersonId> children = index.idsNow(read.person());
        List<Object> params = new ArrayList<>(Placeholders.ids(children));
        params.add(read.reader().value());
        params.add(RegisterRows.timestamp(at.minus(window)));
        boolean seenLately = jdbc.sql("select count(*) from protection_attendance where person_id in ("
                                + Placeholders.marks(children.size()) + ") and reader = ? and at > ?")
                        .params(params)
                        .query(Long.class)
                        .single()
                > 0;
        if (seenLately) {
            return;
        }
        PartnershipSnapshot snapshot = partnerships.current();
        Partnership partnership = snapshot.partnership();
        Optional<StaffAccount> reader = partnership.staff(read.reader());
        TeamId readerTeam =
                reader.flatMap(account -> account.teams().stream().findFirst()).orElse(null);
        TeamId notifiedTeam = registration.map(Flagged::team).orElse(read.contactTeam());
        AgencyId notifiedAgency = notifiedTeam == null
                ? null
                : partnership.team(notifiedTeam).map(Team::agency).orElse(null);
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into protection_attendance (person_id, registration_id, flag_item_id, owner, reader,"
                        + " reader_agency, reader_team, purpose, at, notified_agency, notified_team)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        read.person().value(),
                        registration.map(found -> found.id().value()).orElse(null),
                        read.flag().value(),
                        registration
                                .map(Flagged::owner)
                                .orElse(read.flagOwner())
                                .value(),
                        read.reader().value(),
                        read.readerAgency().value(),
                        readerTeam == null ? null : readerTeam.value(),
                        read.purpose().code(),
                        RegisterRows.timestamp(at),
                        notifiedAgency == null ? null : notifiedAgency.value(),
                        notifiedAgency == null ? null : notifiedTeam.value())
                .update(key, "id");
        AttendanceId id = new AttendanceId(key.getKeyAs(Number.class).longValue());
        if (notifiedAgency != null) {
            DeliveryId notice = deliveries
                    .send(
                            new Notification(TOPIC, focus(id), read.person(), "protection"),
                            List.of(Receiver.team(notifiedAgency, notifiedTeam)))
                    .get(0);
            jdbc.sql("update protection_attendance set delivery_id = ? where id = ?")
                    .params(notice.value(), id.value())
                    .update();
        }
        List<String> items = new ArrayList<>(List.of(id.reference(), read.flag().reference()));
        registration.ifPresent(found -> items.add(found.id().reference()));
        if (readerTeam != null) {
            items.add("team:" + readerTeam.value());
        }
        journal.record(
                new AttendanceRecorded(
                        id, read.person(), read.readerAgency(), notifiedAgency == null ? null : notifiedTeam, at),
                at,
                Actor.staff(
                        read.reader(),
                        read.readerAgency(),
                        reader.map(account -> account.roles().stream()
                                        .map(role -> role.value())
                                        .toList())
                                .orElse(List.of()),
                        snapshot.version()),
                "attendance",
                Category.ALERTS.code(),
                items,
                notifiedAgency == null ? null : notifiedTeam.value(),
                read.person(),
                read.purpose().code());
    }

    /** How the notice names the attendance: a FHIR Encounter, which the receiver reads through the hub's API. */
    static String focus(AttendanceId id) {
        return "Encounter/" + id.reference();
    }

    @Override
    @Transactional
    public List<Attendance> lastOf(Requester requester, PersonId child) {
        if (requester == null || child == null) {
            throw new RegisterRefused("name who reads and the child whose attendances to read");
        }
        // A child merged into another: the attendances under either id are the child's while the merge holds.
        List<PersonId> children = index.idsNow(child);
        List<Stored> last = jdbc.sql(ATTENDANCE + " where person_id in (" + Placeholders.marks(children.size())
                        + ") order by at desc, id desc fetch first " + SHOWN + " rows only")
                .params(Placeholders.ids(children))
                .query(CpIsAttendances::stored)
                .list();
        if (last.isEmpty()) {
            decisions.logWithoutPerson(
                    requester,
                    Action.READ,
                    Category.ALERTS,
                    decisions.mayAttempt(requester, Action.READ, Category.ALERTS));
            return List.of();
        }
        // Attendances are read as the flag is: items of the alerts category, owned by the agency that keeps the flag,
        // so unscheduled care sees them under emergency and the lead social worker's side under its relationship.
        List<AccessDecision> decided = decisions.decide(
                requester,
                Action.READ,
                child,
                last.stream()
                        .map(found -> new AccessItem(
                                found.attendance().id().reference(),
                                Category.ALERTS,
                                Sensitivity.NORMAL,
                                found.owner()))
                        .toList());
        List<Attendance> shown = new ArrayList<>();
        for (int i = 0; i < last.size(); i++) {
            if (decided.get(i).allowed()) {
                shown.add(last.get(i).attendance());
            }
        }
        return List.copyOf(shown);
    }

    private static Stored stored(ResultSet row, int number) throws SQLException {
        return new Stored(attendance(row), AgencyId.of(row.getString("owner")));
    }

    private static Attendance attendance(ResultSet row) throws SQLException {
        Long registration = row.getObject("registration_id", Long.class);
        String readerTeam = row.getString("reader_team");
        String notifiedAgency = row.getString("notified_agency");
        String notifiedTeam = row.getString("notified_team");
        String delivery = row.getString("delivery_id");
        return new Attendance(
                new AttendanceId(row.getLong("id")),
                PersonId.of(row.getString("person_id")),
                registration == null ? null : new RegistrationId(registration),
                new RecordItemId(row.getLong("flag_item_id")),
                Username.of(row.getString("reader")),
                AgencyId.of(row.getString("reader_agency")),
                readerTeam == null ? null : TeamId.of(readerTeam),
                Purpose.fromCode(row.getString("purpose")).orElseThrow(),
                RegisterRows.instant(row.getTimestamp("at")),
                notifiedAgency == null ? null : AgencyId.of(notifiedAgency),
                notifiedTeam == null ? null : TeamId.of(notifiedTeam),
                delivery == null ? null : DeliveryId.of(delivery));
    }

    private record Stored(Attendance attendance, AgencyId owner) {}

    private record Flagged(RegistrationId id, AgencyId owner, TeamId team) {}
}
