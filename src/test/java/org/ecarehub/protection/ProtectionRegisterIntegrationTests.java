package org.ecarehub.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ecarehub.protection.RegisterFixtures.CHILDREN_AND_FAMILIES;
import static org.ecarehub.protection.RegisterFixtures.LEAD;
import static org.ecarehub.protection.RegisterFixtures.childProtection;
import static org.ecarehub.protection.RegisterFixtures.knownChild;
import static org.ecarehub.protection.RegisterFixtures.neglect;
import static org.ecarehub.protection.RegisterFixtures.newPerson;
import static org.ecarehub.protection.RegisterFixtures.protectionEventsNaming;
import static org.ecarehub.protection.RegisterFixtures.rows;
import static org.ecarehub.protection.RegisterFixtures.staff;
import static org.ecarehub.protection.RegisterFixtures.today;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.ecarehub.access.AccessRefused;
import org.ecarehub.access.Holder;
import org.ecarehub.access.Requester;
import org.ecarehub.messaging.Deliveries;
import org.ecarehub.messaging.Delivery;
import org.ecarehub.messaging.Receiver;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.person.MergeId;
import org.ecarehub.person.PersonIndex;
import org.ecarehub.record.Alert;
import org.ecarehub.record.AlertType;
import org.ecarehub.record.ItemStatus;
import org.ecarehub.record.ItemView;
import org.ecarehub.record.RecordKind;
import org.ecarehub.record.Records;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The protection register in a running hub over the demo partnership: registration sets the CP flag, de-registration
 * ends it, an emergency read of a flagged child tells the lead social worker's team, and every refusal stores nothing.
 */
@Tag("database")
class ProtectionRegisterIntegrationTests {

    @TempDir
    static Path dataDir;

    static RunningHub hub;
    static ProtectionRegister register;
    static Records records;
    static Attendances attendances;
    static Deliveries deliveries;
    static RunningHub.PublishedEvents published;

    static final Requester SW_BLANTYRE = childProtection("sw.blantyre");
    static final Requester SW_MANAGER = childProtection("sw.manager");
    static final Requester ED = staff("ed.wishaw", Purpose.EMERGENCY);

    @BeforeAll
    static void startHub() {
        hub = RunningHub.demo(dataDir, TestDatabase.fresh(dataDir));
        register = hub.bean(ProtectionRegister.class);
        records = hub.bean(Records.class);
        attendances = hub.bean(Attendances.class);
        deliveries = hub.bean(Deliveries.class);
        published = hub.recordEvents();
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    static List<ItemView> flags(Requester requester, PersonId person) {
        return records.read(requester, person, Set.of(RecordKind.ALERT)).items().stream()
                .filter(view -> view.item().content(Alert.class).type() == AlertType.CHILD_PROTECTION)
                .toList();
    }

    @Nested
    class TheRegisterAndItsFlag {

        @Test
        void registrationSetsTheFlagNamingTheLeadSocialWorkerTheirTeamAndHowToReachIt() {
            PersonId child = knownChild(hub);

            Registration registration = register.register(SW_MANAGER, neglect(hub, child));

            assertThat(registration.active()).isTrue();
            assertThat(registration.owner()).isEqualTo(AgencyId.of("slc-social-work"));
            assertThat(registration.concerns()).containsExactly(RegistrationConcern.NEGLECT);
            assertThat(registration.history())
                    .extracting(RegistrationStep::kind)
                    .containsExactly(RegistrationStep.Kind.REGISTERED);
            assertThat(flags(SW_BLANTYRE, child)).singleElement().satisfies(view -> {
                assertThat(view.item().id()).isEqualTo(registration.flag());
                assertThat(view.item().status()).isEqualTo(ItemStatus.ACTIVE);
                Alert alert = view.item().content(Alert.class);
                assertThat(alert.contact().staff()).isEqualTo(LEAD);
                assertThat(alert.contact().team()).isEqualTo(CHILDREN_AND_FAMILIES);
                assertThat(alert.contact().howToReach()).contains("01632 960005");
            });
            assertThat(protectionEventsNaming(hub, registration.id().reference()))
                    .singleElement()
                    .satisfies(event -> assertThat(event)
                            .contains("\"register\"", "sw.manager", "\"protection\"")
                            .doesNotContain("neglect"));
            assertThat(published.ofType(RegistrationChanged.class))
                    .anySatisfy(event -> assertThat(event.registration()).isEqualTo(registration.id()));
        }

        @Test
        void deregistrationEndsTheFlagAndKeepsTheHistoryOfBoth() {
            PersonId child = knownChild(hub);
            Registration registration = register.register(SW_BLANTYRE, neglect(hub, child));
            Registration reviewed = register.review(
                    SW_BLANTYRE, registration.id(), 1, today(hub), today(hub).plusMonths(6));

            Registration ended = register.deregister(
                    SW_BLANTYRE, registration.id(), reviewed.version(), today(hub), "Risks reduced; plan met");

            assertThat(ended.status()).isEqualTo(RegistrationStatus.DEREGISTERED);
            assertThat(ended.history())
                    .extracting(RegistrationStep::kind)
                    .containsExactly(
                            RegistrationStep.Kind.REGISTERED,
                            RegistrationStep.Kind.REVIEWED,
                            RegistrationStep.Kind.DEREGISTERED);
            assertThat(ended.history().get(2).reason()).isEqualTo("Risks reduced; plan met");
            assertThat(records.item(SW_BLANTYRE, registration.flag())
                            .orElseThrow()
                            .item()
                            .status())
                    .isEqualTo(ItemStatus.ENDED);
            assertThat(records.history(SW_BLANTYRE, registration.flag()))
                    .extracting(version -> version.status())
                    .containsExactly(ItemStatus.ACTIVE, ItemStatus.ENDED);
            assertThat(register.registrationsOf(SW_BLANTYRE, child))
                    .singleElement()
                    .satisfies(found -> assertThat(found.active()).isFalse());
            assertThat(protectionEventsNaming(hub, registration.id().reference()))
                    .hasSize(3)
                    .noneSatisfy(event -> assertThat(event).contains("Risks reduced"));
        }

        @Test
        void registersAnUnbornChildOnTheMothersRecordAndMovesTheFlagToTheChildAtBirth() {
            PersonId mother = newKnownPerson(LocalDate.of(1998, 1, 1));
            LocalDate today = today(hub);
            Registration preBirth = register.register(
                    SW_BLANTYRE,
                    RegistrationDraft.unborn(
                            mother,
                            today.plusMonths(2),
                            today,
                            Set.of(RegistrationConcern.PARENTAL_DRUG_USE),
                            LEAD,
                            CHILDREN_AND_FAMILIES,
                            today.plusMonths(1)));
            assertThat(preBirth.unborn()).isTrue();
            assertThat(flags(SW_BLANTYRE, mother)).hasSize(1);
            PersonId baby = knownChild(hub);

            Registration born = register.linkBirth(SW_BLANTYRE, preBirth.id(), 1, baby, today);

            assertThat(born.child()).isEqualTo(baby);
            assertThat(born.mother()).isEqualTo(mother);
            assertThat(flags(SW_BLANTYRE, mother))
                    .singleElement()
                    .satisfies(view -> assertThat(view.item().status()).isEqualTo(ItemStatus.ENDED));
            assertThat(flags(SW_BLANTYRE, baby)).singleElement().satisfies(view -> {
                assertThat(view.item().status()).isEqualTo(ItemStatus.ACTIVE);
                assertThat(view.item().id()).isEqualTo(born.flag());
            });
        }
    }

    @Nested
    class Refusals {

        @Test
        void refusesARoleWithoutProtectionDutiesAndStoresNothing() {
            PersonId child = knownChild(hub);
            long registrations = rows(hub, "protection_registration");
            long items = rows(hub, "record_item");

            assertThatThrownBy(() -> register.register(childProtection("ot.hamilton"), neglect(hub, child)))
                    .isInstanceOfSatisfying(
                            AccessRefused.class,
                            refused -> assertThat(refused.decision().decidingRules())
                                    .containsExactly("purpose"));
            assertThatThrownBy(() -> register.register(childProtection("ed.wishaw"), neglect(hub, child)))
                    .isInstanceOf(RegisterKeeperRefused.class)
                    .hasMessageContaining("council's social work");

            assertThat(rows(hub, "protection_registration")).isEqualTo(registrations);
            assertThat(rows(hub, "record_item")).isEqualTo(items);
        }

        @Test
        void refusesAChangeMadeUnderAnotherPurpose() {
            PersonId child = knownChild(hub);

            assertThatThrownBy(() -> register.register(staff("sw.blantyre", Purpose.DIRECT_CARE), neglect(hub, child)))
                    .isInstanceOf(RegisterKeeperRefused.class)
                    .hasMessage("this change is made under the 'child-protection' purpose, not 'direct-care'");
        }

        @Test
        void tellsWhoKeepsTheRegisterWithoutDecidingAboutAnyChild() {
            long events = rows(hub, "transparency_event");

            assertThat(register.keeps(SW_BLANTYRE)).isTrue();
            assertThat(register.keeps(staff("sw.blantyre", Purpose.DIRECT_CARE)))
                    .isFalse();
            assertThat(register.keeps(childProtection("teacher.blantyre"))).isFalse();
            assertThat(register.keeps(childProtection("hv.blantyre"))).isFalse();
            assertThat(rows(hub, "transparency_event")).isEqualTo(events);
        }

        @Test
        void refusesAPersonNotInTheIndex() {
            assertThatThrownBy(() -> register.register(SW_BLANTYRE, neglect(hub, PersonId.random())))
                    .isInstanceOf(RegisterRefused.class)
                    .hasMessage("the person is not in the person index");
        }

        @Test
        void refusesALeadSocialWorkerWhoIsNotInTheTeam() {
            PersonId child = knownChild(hub);
            LocalDate today = today(hub);
            long registrations = rows(hub, "protection_registration");

            assertThatThrownBy(() -> register.register(
                            SW_BLANTYRE,
                            RegistrationDraft.child(
                                    child,
                                    today,
                                    Set.of(RegistrationConcern.NEGLECT),
                                    Username.of("sw.hamilton"),
                                    CHILDREN_AND_FAMILIES,
                                    today.plusMonths(3))))
                    .isInstanceOf(RegisterRefused.class)
                    .hasMessage("the lead social worker 'sw.hamilton' is not a member of the team"
                            + " 'children-families-blantyre'");
            assertThatThrownBy(() -> register.register(
                            SW_BLANTYRE,
                            RegistrationDraft.child(
                                    child,
                                    today,
                                    Set.of(RegistrationConcern.NEGLECT),
                                    LEAD,
                                    TeamId.of("ed-wishaw"),
                                    today.plusMonths(3))))
                    .isInstanceOf(RegisterRefused.class)
                    .hasMessageContaining("is not a team of slc-social-work");
            assertThat(rows(hub, "protection_registration")).isEqualTo(registrations);
        }

        @Test
        void refusesRegisteringAChildTwice() {
            PersonId child = knownChild(hub);
            register.register(SW_BLANTYRE, neglect(hub, child));
            long items = rows(hub, "record_item");

            assertThatThrownBy(() -> register.register(SW_MANAGER, neglect(hub, child)))
                    .isInstanceOf(RegisterRefused.class)
                    .hasMessage("the child is on the child protection register already");
            assertThat(rows(hub, "record_item")).isEqualTo(items);
        }

        @Test
        void refusesDeregisteringAChildNoLongerOnTheRegister() {
            PersonId child = knownChild(hub);
            Registration registration = register.register(SW_BLANTYRE, neglect(hub, child));
            Registration ended =
                    register.deregister(SW_BLANTYRE, registration.id(), 1, today(hub), "Moved to another area");

            assertThatThrownBy(() ->
                            register.deregister(SW_BLANTYRE, registration.id(), ended.version(), today(hub), "Again"))
                    .isInstanceOf(RegisterRefused.class)
                    .hasMessageContaining("is not on the register");
            assertThatThrownBy(() -> register.deregister(
                            SW_BLANTYRE, new RegistrationId(999_999), 1, today(hub), "Never registered"))
                    .isInstanceOf(RegisterRefused.class)
                    .hasMessage("there is no registration protection-registration-999999");
        }

        @Test
        void refusesBadDatesBeforeStoringAnything() {
            PersonId child = knownChild(hub);
            LocalDate today = today(hub);

            assertThatThrownBy(() -> RegistrationDraft.child(
                            child, today, Set.of(RegistrationConcern.NEGLECT), LEAD, CHILDREN_AND_FAMILIES, today))
                    .isInstanceOf(RegisterRefused.class)
                    .hasMessage("the next review must come after the registration");
            assertThatThrownBy(() -> register.register(
                            SW_BLANTYRE,
                            RegistrationDraft.child(
                                    child,
                                    today.plusDays(1),
                                    Set.of(RegistrationConcern.NEGLECT),
                                    LEAD,
                                    CHILDREN_AND_FAMILIES,
                                    today.plusMonths(1))))
                    .isInstanceOf(RegisterRefused.class)
                    .hasMessage("a registration cannot be dated after today");
        }
    }

    @Nested
    class CpIs {

        @Test
        void anEmergencyReadOfAFlaggedChildTellsTheLeadSocialWorkersTeamOnceWithinTheWindow() {
            PersonId child = knownChild(hub);
            register.register(SW_BLANTYRE, neglect(hub, child));
            long before = rows(hub, "protection_attendance");

            assertThat(flags(ED, child)).hasSize(1);

            List<Attendance> seen = attendances.lastOf(SW_BLANTYRE, child);
            assertThat(seen).singleElement().satisfies(attendance -> {
                assertThat(attendance.reader()).isEqualTo(Username.of("ed.wishaw"));
                assertThat(attendance.readerAgency()).isEqualTo(AgencyId.of("nhs-lanarkshire"));
                assertThat(attendance.readerTeam()).isEqualTo(TeamId.of("ed-wishaw"));
                assertThat(attendance.purpose()).isEqualTo(Purpose.EMERGENCY);
                assertThat(attendance.notifiedTeam()).isEqualTo(CHILDREN_AND_FAMILIES);
            });
            Attendance attendance = seen.get(0);
            List<Delivery> sent =
                    deliveries.deliveriesOf("Encounter/" + attendance.id().reference());
            assertThat(sent).singleElement().satisfies(delivery -> {
                assertThat(delivery.id()).isEqualTo(attendance.notice());
                assertThat(delivery.notification().topic()).isEqualTo("cp-is-attendance");
                assertThat(delivery.notification().person()).isEqualTo(child);
                assertThat(delivery.receiver())
                        .isEqualTo(Receiver.team(AgencyId.of("slc-social-work"), CHILDREN_AND_FAMILIES));
            });
            assertThat(deliveries.inbox(AgencyId.of("slc-social-work"), false, 500))
                    .extracting(Delivery::id)
                    .contains(attendance.notice());
            assertThat(protectionEventsNaming(hub, attendance.id().reference()))
                    .singleElement()
                    .satisfies(event -> assertThat(event).contains("\"attendance\"", "ed.wishaw", "\"emergency\""));

            records.summary(ED, child);
            records.item(ED, attendance.flag());
            assertThat(rows(hub, "protection_attendance"))
                    .as("the same reader within four hours is one attendance")
                    .isEqualTo(before + 1);

            records.read(staff("duty.sw", Purpose.EMERGENCY), child);
            assertThat(rows(hub, "protection_attendance"))
                    .as("another reader is another attendance")
                    .isEqualTo(before + 2);
        }

        @Test
        void anEmergencyReadOfAChildAFlaggedChildWasMergedIntoSeesTheFlagAndTellsTheLeadUntilTheUnmerge() {
            PersonId flagged = knownChild(hub);
            register.register(SW_BLANTYRE, neglect(hub, flagged));
            // The emergency department's own record of the same boy, not linked to social work's by the index.
            PersonId survivor = newPerson(hub, LocalDate.of(2017, 1, 1));
            assertThat(flags(ED, survivor)).isEmpty();
            PersonIndex index = hub.bean(PersonIndex.class);

            MergeId merge = index.merge(
                    survivor, flagged, "The same boy, registered again at the hospital", hub.staffActor("sw.blantyre"));

            assertThat(flags(ED, survivor))
                    .as("the flag of the child merged in is the survivor's: unscheduled care sees it")
                    .hasSize(1);
            assertThat(attendances.lastOf(SW_BLANTYRE, survivor))
                    .as("and the lead social worker's team is told")
                    .singleElement()
                    .satisfies(attendance -> {
                        assertThat(attendance.reader()).isEqualTo(Username.of("ed.wishaw"));
                        assertThat(attendance.notifiedTeam()).isEqualTo(CHILDREN_AND_FAMILIES);
                    });
            assertThat(register.registrationsOf(SW_BLANTYRE, survivor))
                    .extracting(Registration::subject)
                    .containsExactly(flagged);
            long attended = rows(hub, "protection_attendance");
            assertThat(flags(ED, flagged)).hasSize(1);
            assertThat(rows(hub, "protection_attendance"))
                    .as("the same reader within the window, by the child's other id: the same attendance")
                    .isEqualTo(attended);

            index.unmerge(merge, "Two boys after all", hub.staffActor("sw.blantyre"));

            assertThat(flags(ED, survivor)).isEmpty();
            assertThat(register.registrationsOf(SW_BLANTYRE, survivor)).isEmpty();
            assertThat(flags(ED, flagged)).hasSize(1);
        }

        @Test
        void aReadUnderAnotherPurposeIsNoAttendance() {
            PersonId child = knownChild(hub);
            register.register(SW_BLANTYRE, neglect(hub, child));
            long before = rows(hub, "protection_attendance");

            assertThat(flags(staff("sw.manager", Purpose.DIRECT_CARE), child)).hasSize(1);
            assertThat(flags(SW_BLANTYRE, child)).hasSize(1);

            assertThat(rows(hub, "protection_attendance")).isEqualTo(before);
        }

        @Test
        void anEmergencyReadAfterDeregistrationIsNoAttendance() {
            PersonId child = knownChild(hub);
            Registration registration = register.register(SW_BLANTYRE, neglect(hub, child));
            register.deregister(SW_BLANTYRE, registration.id(), 1, today(hub), "Plan complete");
            long before = rows(hub, "protection_attendance");

            records.read(ED, child);

            assertThat(rows(hub, "protection_attendance")).isEqualTo(before);
        }

        @Test
        void theLeadSocialWorkersTeamAndTheEmergencyDepartmentSeeTheAttendancesAndAnUnrelatedSocialWorkerDoesNot() {
            PersonId child = knownChild(hub);
            register.register(SW_BLANTYRE, neglect(hub, child));
            records.read(ED, child);
            records.read(staff("duty.sw", Purpose.EMERGENCY), child);

            assertThat(attendances.lastOf(SW_BLANTYRE, child)).hasSize(2);
            assertThat(attendances.lastOf(staff("sw.manager", Purpose.DIRECT_CARE), child))
                    .hasSize(2);
            assertThat(attendances.lastOf(ED, child))
                    .extracting(Attendance::reader)
                    .containsExactly(Username.of("duty.sw"), Username.of("ed.wishaw"));
            assertThat(attendances.lastOf(staff("sw.hamilton", Purpose.DIRECT_CARE), child))
                    .isEmpty();
            assertThat(attendances.lastOf(staff("sw.hamilton", Purpose.CHILD_PROTECTION), child))
                    .isEmpty();
        }
    }

    @Nested
    class LookedAfterAndAdultsAtRisk {

        @Test
        void keepsEachLookedAfterPeriodWithItsBasis() {
            PersonId child = knownChild(hub);
            LocalDate today = today(hub);

            LookedAfterPeriod voluntary = register.startLookedAfter(
                    SW_BLANTYRE, child, LookedAfterBasis.SECTION_25_VOLUNTARY, today.minusDays(30));
            assertThatThrownBy(() -> register.startLookedAfter(
                            SW_BLANTYRE, child, LookedAfterBasis.COMPULSORY_SUPERVISION_ORDER_AWAY_FROM_HOME, today))
                    .isInstanceOf(RegisterRefused.class)
                    .hasMessageContaining("looked after already");
            register.endLookedAfter(SW_BLANTYRE, voluntary.id(), today.minusDays(1));
            register.startLookedAfter(
                    SW_BLANTYRE, child, LookedAfterBasis.COMPULSORY_SUPERVISION_ORDER_AWAY_FROM_HOME, today);

            assertThat(register.lookedAfter(SW_BLANTYRE, child))
                    .extracting(LookedAfterPeriod::basis, LookedAfterPeriod::current)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(
                                    LookedAfterBasis.COMPULSORY_SUPERVISION_ORDER_AWAY_FROM_HOME, true),
                            org.assertj.core.groups.Tuple.tuple(LookedAfterBasis.SECTION_25_VOLUNTARY, false));
            assertThat(register.lookedAfter(staff("sw.hamilton", Purpose.CHILD_PROTECTION), child))
                    .isEmpty();
        }

        @Test
        void movesAnAdultAtRiskForwardUnderAdultProtectionOnly() {
            PersonId adult = newKnownPerson(LocalDate.of(1940, 1, 1));
            RegisterFixtures.involve(hub, adult, Holder.team(RegisterFixtures.ADULT_CARE_HAMILTON));
            Requester keyWorker = staff("sw.hamilton", Purpose.ADULT_PROTECTION);
            LocalDate today = today(hub);

            assertThatThrownBy(() -> register.openInquiry(
                            staff("sw.hamilton", Purpose.CHILD_PROTECTION),
                            adult,
                            RegisterFixtures.ADULT_CARE_HAMILTON,
                            today))
                    .isInstanceOf(RegisterRefused.class);
            AdultAtRiskCase inquiry =
                    register.openInquiry(keyWorker, adult, RegisterFixtures.ADULT_CARE_HAMILTON, today.minusDays(5));
            AdultAtRiskCase investigation =
                    register.advance(keyWorker, inquiry.id(), 1, AdultAtRiskStage.INVESTIGATION, today.minusDays(3));
            assertThatThrownBy(() -> register.advance(
                            keyWorker, inquiry.id(), investigation.version(), AdultAtRiskStage.INQUIRY, today))
                    .isInstanceOf(RegisterRefused.class)
                    .hasMessage("a case moves forward: from investigation it cannot go to inquiry");
            AdultAtRiskCase closed =
                    register.advance(keyWorker, inquiry.id(), investigation.version(), AdultAtRiskStage.CLOSED, today);

            assertThat(closed.open()).isFalse();
            assertThat(closed.history())
                    .extracting(AdultAtRiskCase.Step::stage)
                    .containsExactly(AdultAtRiskStage.INQUIRY, AdultAtRiskStage.INVESTIGATION, AdultAtRiskStage.CLOSED);
            assertThat(register.adultAtRiskCasesOf(keyWorker, adult)).hasSize(1);
            assertThat(protectionEventsNaming(hub, inquiry.id().reference())).hasSize(3);
        }
    }

    static PersonId newKnownPerson(LocalDate bornAround) {
        PersonId person = RegisterFixtures.newPerson(hub, bornAround);
        RegisterFixtures.involve(hub, person, Holder.team(CHILDREN_AND_FAMILIES));
        return person;
    }
}
