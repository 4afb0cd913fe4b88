package org.ecarehub.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ecarehub.protection.RegisterFixtures.childProtection;
import static org.ecarehub.protection.RegisterFixtures.knownChild;
import static org.ecarehub.protection.RegisterFixtures.neglect;
import static org.ecarehub.protection.RegisterFixtures.rows;
import static org.ecarehub.protection.RegisterFixtures.staff;
import static org.ecarehub.protection.RegisterFixtures.today;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import org.ecarehub.access.Requester;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.record.ItemStatus;
import org.ecarehub.record.Records;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;
import org.ecarehub.support.LogOutage;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.ecarehub.transparency.LogUnavailable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the transparency log cannot record a protection change, nothing of it is stored: neither the registration nor
 * its flag, nor a change of its lead, nor an attendance or its notice. Shown with the database user's right to insert into the log taken away,
 * on PostgreSQL.
 */
@Tag("postgres")
class ProtectionRegisterFailClosedIntegrationTests {

    @TempDir
    static Path dataDir;

    static TestDatabase database;
    static RunningHub hub;
    static ProtectionRegister register;

    static final Requester SW_BLANTYRE = childProtection("sw.blantyre");

    @BeforeAll
    static void startHub() {
        database = TestDatabase.fresh(dataDir);
        hub = RunningHub.start(
                "demo", dataDir, database, Map.of("ecare.demo.people", 0, "ecare.log.append-timeout", "5s"));
        register = hub.bean(ProtectionRegister.class);
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    @Test
    void storesNeitherTheRegistrationNorItsFlagWhenTheLogCannotRecordIt() throws SQLException {
        PersonId child = knownChild(hub);
        long registrations = rows(hub, "protection_registration");
        long steps = rows(hub, "protection_registration_step");
        long items = rows(hub, "record_item");

        LogOutage.withoutTheLog(
                database,
                () -> assertThatThrownBy(() -> register.register(SW_BLANTYRE, neglect(hub, child)))
                        .isInstanceOf(LogUnavailable.class));

        assertThat(rows(hub, "protection_registration")).isEqualTo(registrations);
        assertThat(rows(hub, "protection_registration_step")).isEqualTo(steps);
        assertThat(rows(hub, "record_item")).isEqualTo(items);
    }

    @Test
    void keepsTheChildRegisteredAndFlaggedWhenTheLogCannotRecordTheDeregistration() throws SQLException {
        PersonId child = knownChild(hub);
        Registration registration = register.register(SW_BLANTYRE, neglect(hub, child));

        LogOutage.withoutTheLog(
                database,
                () -> assertThatThrownBy(() ->
                                register.deregister(SW_BLANTYRE, registration.id(), 1, today(hub), "Plan complete"))
                        .isInstanceOf(LogUnavailable.class));

        assertThat(register.registration(SW_BLANTYRE, registration.id())
                        .orElseThrow()
                        .active())
                .isTrue();
        assertThat(hub.bean(Records.class)
                        .item(SW_BLANTYRE, registration.flag())
                        .orElseThrow()
                        .item()
                        .status())
                .isEqualTo(ItemStatus.ACTIVE);
    }

    @Test
    void keepsTheLeadTheFlagAndTheRelationshipsWhenTheLogCannotRecordAChangeOfLead() throws SQLException {
        PersonId child = knownChild(hub);
        Registration registration = register.register(SW_BLANTYRE, neglect(hub, child));
        Records records = hub.bean(Records.class);
        int flagVersion = records.item(SW_BLANTYRE, registration.flag())
                .orElseThrow()
                .item()
                .version();
        long relationships = rows(hub, "access_relationship");
        long steps = rows(hub, "protection_registration_step");

        LogOutage.withoutTheLog(
                database,
                () -> assertThatThrownBy(() -> register.changeLead(
                                SW_BLANTYRE,
                                registration.id(),
                                1,
                                Username.of("sw.hamilton"),
                                RegisterFixtures.ADULT_CARE_HAMILTON,
                                today(hub)))
                        .isInstanceOf(LogUnavailable.class));

        Registration after =
                register.registration(SW_BLANTYRE, registration.id()).orElseThrow();
        assertThat(after.leadSocialWorker()).isEqualTo(registration.leadSocialWorker());
        assertThat(after.team()).isEqualTo(registration.team());
        assertThat(after.version()).isEqualTo(1);
        assertThat(records.item(SW_BLANTYRE, registration.flag())
                        .orElseThrow()
                        .item()
                        .version())
                .isEqualTo(flagVersion);
        assertThat(rows(hub, "access_relationship")).isEqualTo(relationships);
        assertThat(rows(hub, "protection_registration_step")).isEqualTo(steps);
    }

    @Test
    void recordsNoAttendanceAndSendsNoNoticeWhenTheLogCannotRecordTheEmergencyRead() throws SQLException {
        PersonId child = knownChild(hub);
        register.register(SW_BLANTYRE, neglect(hub, child));
        long attendances = rows(hub, "protection_attendance");
        long deliveries = rows(hub, "delivery");

        LogOutage.withoutTheLog(
                database,
                () -> assertThatThrownBy(
                                () -> hub.bean(Records.class).read(staff("ed.wishaw", Purpose.EMERGENCY), child))
                        .isInstanceOf(LogUnavailable.class));

        assertThat(rows(hub, "protection_attendance")).isEqualTo(attendances);
        assertThat(rows(hub, "delivery")).isEqualTo(deliveries);
    }
}
