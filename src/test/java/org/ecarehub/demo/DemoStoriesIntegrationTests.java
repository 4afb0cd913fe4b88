package org.ecarehub.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.ecarehub.access.AccessDecision;
import org.ecarehub.access.AccessDecisions;
import org.ecarehub.access.AccessItem;
import org.ecarehub.access.BreakGlassGrant;
import org.ecarehub.access.BreakGlassGrants;
import org.ecarehub.access.Holder;
import org.ecarehub.access.PersonDirectory;
import org.ecarehub.access.PersonQuery;
import org.ecarehub.access.PersonView;
import org.ecarehub.access.PosingRiskRegister;
import org.ecarehub.access.RelationshipKind;
import org.ecarehub.access.Relationships;
import org.ecarehub.access.Requester;
import org.ecarehub.access.Sensitivity;
import org.ecarehub.consent.Authority;
import org.ecarehub.consent.AuthorityDraft;
import org.ecarehub.consent.ConsentState;
import org.ecarehub.consent.Consents;
import org.ecarehub.consent.DecisionArea;
import org.ecarehub.consent.Exemption;
import org.ecarehub.consent.RepresentativeAuthority;
import org.ecarehub.consent.Representatives;
import org.ecarehub.consent.Withholdings;
import org.ecarehub.messaging.Deliveries;
import org.ecarehub.messaging.Receiver;
import org.ecarehub.partnership.Action;
import org.ecarehub.partnership.AgencyType;
import org.ecarehub.partnership.Category;
import org.ecarehub.partnership.Partnerships;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.protection.Attendances;
import org.ecarehub.protection.ConcernPersonView;
import org.ecarehub.protection.ConcernRole;
import org.ecarehub.protection.ProtectionMessageView;
import org.ecarehub.protection.ProtectionMessages;
import org.ecarehub.protection.ProtectionRegister;
import org.ecarehub.protection.Registration;
import org.ecarehub.protection.RegistrationConcern;
import org.ecarehub.protection.RegistrationStep;
import org.ecarehub.protection.Routing;
import org.ecarehub.record.Alert;
import org.ecarehub.record.AlertType;
import org.ecarehub.record.Assessment;
import org.ecarehub.record.Assessments;
import org.ecarehub.record.Document;
import org.ecarehub.record.EligibilityBand;
import org.ecarehub.record.ItemStatus;
import org.ecarehub.record.ItemView;
import org.ecarehub.record.PersonRecord;
import org.ecarehub.record.RecordItemId;
import org.ecarehub.record.RecordKind;
import org.ecarehub.record.Records;
import org.ecarehub.record.ServiceProvision;
import org.ecarehub.request.Equipment;
import org.ecarehub.request.ServiceRequestDetails;
import org.ecarehub.request.ServiceRequestStatus;
import org.ecarehub.request.ServiceRequestView;
import org.ecarehub.request.ServiceRequests;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.TeamId;
import org.ecarehub.shared.Username;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.ecarehub.transparency.LoggedEvent;
import org.ecarehub.transparency.PersonEvents;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The stories of DEMO.md as the access decision sees them: who is involved with whom, David's power of attorney,
 * Fiona's nomination, Lisa's parental responsibilities and the consents, seeded once through the access and consent
 * modules, and the outcomes the stories promise.
 */
@Tag("database")
class DemoStoriesIntegrationTests {

    @TempDir
    Path dataDir;

    static final TeamId CHILDREN_AND_FAMILIES = TeamId.of("children-families-blantyre");

    static final PersonQuery AGNES = new PersonQuery(null, null, null, "Thomson", "Agnes", null, null, null);
    static final PersonQuery RYAN =
            new PersonQuery(null, null, null, "Kerr", "Ryan", null, LocalDate.of(2019, 6, 2), null);

    static Requester staff(String user, Purpose purpose) {
        return new Requester.Staff(Username.of(user), purpose, null);
    }

    static long count(RunningHub hub, String table) {
        return hub.bean(JdbcClient.class)
                .sql("select count(*) from " + table)
                .query(Long.class)
                .single();
    }

    @Test
    void findsAgnesForHerKeyWorkerAndNotForHousingAndRyanForTheEmergencyDepartmentOnlyInAnEmergency() {
        try (RunningHub hub = RunningHub.demo(dataDir, TestDatabase.fresh(dataDir))) {
            PersonDirectory directory = hub.bean(PersonDirectory.class);

            List<PersonView> bySocialWork = directory.search(staff("sw.hamilton", Purpose.DIRECT_CARE), AGNES);
            assertThat(bySocialWork).hasSize(1);
            assertThat(bySocialWork.get(0).records())
                    .extracting(shown -> shown.id().agency().value())
                    .contains("slc-social-work", "nhs-lanarkshire");

            assertThat(directory.search(staff("housing.ek", Purpose.DIRECT_CARE), AGNES))
                    .isEmpty();
            assertThat(directory.search(staff("ed.wishaw", Purpose.DIRECT_CARE), RYAN))
                    .isEmpty();
            assertThat(directory.search(staff("ed.wishaw", Purpose.EMERGENCY), RYAN))
                    .hasSize(1);
        }
    }

    @Test
    void seedsTheAuthoritiesConsentsAndRelationshipsOnceAndKeepsThemAcrossARestart() {
        TestDatabase database = TestDatabase.fresh(dataDir);
        long relationships;
        try (RunningHub hub = RunningHub.demo(dataDir, database)) {
            Map<String, PersonId> people = DemoStoryPeopleIntegrationTests.storyPersons(hub);
            PersonId agnes = people.get("Agnes Thomson");
            Representatives representatives = hub.bean(Representatives.class);
            LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));

            assertThat(representatives.lacksCapacity(agnes, DecisionArea.WELFARE, today))
                    .isTrue();
            List<RepresentativeAuthority> overAgnes = representatives.authoritiesOver(agnes);
            assertThat(overAgnes)
                    .extracting(
                            held -> held.representative(),
                            held -> held.authority().kind())
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(
                                    people.get("David Thomson"), Authority.Kind.WELFARE_ATTORNEY),
                            org.assertj.core.groups.Tuple.tuple(
                                    people.get("Fiona Thomson"), Authority.Kind.NOMINATED_NEXT_OF_KIN_OR_CARER));
            assertThat(overAgnes).allMatch(held -> held.authority().verified());
            assertThat(representatives.heldBy(people.get("Lisa Kerr")))
                    .extracting(RepresentativeAuthority::person)
                    .containsExactlyInAnyOrder(people.get("Ryan Kerr"), people.get("Ellie Kerr"));

            assertThat(hub.bean(Consents.class)
                            .latest(
                                    agnes,
                                    Purpose.DIRECT_CARE,
                                    AgencyId.of("caring-hands"),
                                    AgencyType.CARE_PROVIDER,
                                    Category.CARE_PLAN,
                                    today)
                            .state())
                    .isEqualTo(ConsentState.GIVEN);
            assertThat(hub.bean(Relationships.class).of(agnes))
                    .extracting(relationship -> relationship.holder().reference())
                    .hasSize(6);
            relationships = count(hub, "access_relationship");
        }
        try (RunningHub again = RunningHub.demo(dataDir, database)) {
            assertThat(count(again, "access_relationship")).isEqualTo(relationships);
            assertThat(count(again, "consent_authority")).isEqualTo(4);
        }
    }

    @Test
    void seedsAgnesRecordAndRequestAsTheStoryTellsAndSeedsThemOnce() {
        TestDatabase database = TestDatabase.fresh(dataDir);
        Map<String, Long> counts = new LinkedHashMap<>();
        try (RunningHub hub = RunningHub.demo(dataDir, database)) {
            Map<String, PersonId> people = DemoStoryPeopleIntegrationTests.storyPersons(hub);
            PersonId agnes = people.get("Agnes Thomson");
            Records records = hub.bean(Records.class);
            LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));

            PersonRecord bySocialWorker = records.read(staff("sw.hamilton", Purpose.DIRECT_CARE), agnes);
            assertThat(bySocialWorker.items())
                    .extracting(
                            view -> view.item().kind(),
                            view -> view.item().owner().value())
                    .containsExactlyInAnyOrder(
                            tuple(RecordKind.ALERT, "slc-social-work"),
                            tuple(RecordKind.ASSESSMENT, "slc-social-work"),
                            tuple(RecordKind.CARE_PLAN, "slc-social-work"),
                            tuple(RecordKind.SERVICE_PROVISION, "slc-social-work"),
                            tuple(RecordKind.DOCUMENT, "slc-social-work"), // the OT's home assessment
                            tuple(RecordKind.DOCUMENT, "slc-social-work")); // the neighbour's report
            assertThat(bySocialWorker
                            .ofKind(RecordKind.ALERT)
                            .get(0)
                            .item()
                            .content(Alert.class)
                            .type())
                    .isEqualTo(AlertType.COMMUNICATION_NEEDS);
            ItemView ssa = hub.bean(Assessments.class)
                    .current(staff("gp.hamilton", Purpose.DIRECT_CARE), agnes)
                    .orElseThrow();
            assertThat(ssa.item().status()).isEqualTo(ItemStatus.SIGNED);
            assertThat(ssa.item().content(Assessment.class).eligibility()).isEqualTo(EligibilityBand.SUBSTANTIAL);
            assertThat(ssa.item().content(Assessment.class).missingForSignOff()).isEmpty();
            assertThat(ssa.item().current().author()).isEqualTo(Username.of("sw.hamilton"));
            ServiceProvision homecare = bySocialWorker
                    .ofKind(RecordKind.SERVICE_PROVISION)
                    .get(0)
                    .item()
                    .content(ServiceProvision.class);
            assertThat(homecare.provider()).isEqualTo(AgencyId.of("caring-hands"));
            assertThat(homecare.visitsADay()).isEqualTo(3);

            // The letter is restricted health detail: its owner's district nurse sees it, the social worker does not,
            // since no consent names health detail and no agreement lets it flow to social work on implied consent.
            RecordItemId letter = itemTitled(
                    records.read(staff("dn.hamilton", Purpose.DIRECT_CARE), agnes), "Old age psychiatry clinic letter");
            assertThat(records.item(staff("sw.hamilton", Purpose.DIRECT_CARE), letter))
                    .isEmpty();
            RecordItemId report = itemTitled(bySocialWorker, "Neighbour's report");
            assertThat(records.item(staff("gp.hamilton", Purpose.DIRECT_CARE), letter))
                    .get()
                    .satisfies(view -> {
                        assertThat(view.item().category()).isEqualTo(Category.HEALTH_DETAIL);
                        assertThat(view.item().sensitivity()).isEqualTo(Sensitivity.RESTRICTED);
                    });
            assertThat(records.item(staff("housing.ek", Purpose.DIRECT_CARE), letter))
                    .isEmpty();
            assertThat(records.read(staff("housing.ek", Purpose.DIRECT_CARE), agnes)
                            .items())
                    .isEmpty();

            Requester david = new Requester.Portal("david.thomson", people.get("David Thomson"));
            List<ItemView> byDavid = records.read(david, agnes).items();
            assertThat(byDavid)
                    .extracting(view -> view.item().id())
                    .doesNotContain(report)
                    .contains(ssa.item().id());
            assertThat(records.item(david, report)).isEmpty();
            assertThat(hub.bean(Withholdings.class).inForce(agnes, today))
                    .singleElement()
                    .satisfies(withholding -> {
                        assertThat(withholding.target().item()).isEqualTo(report.reference());
                        assertThat(withholding.exemption()).isEqualTo(Exemption.THIRD_PARTY);
                    });

            Requester fiona = new Requester.Portal("fiona.thomson", people.get("Fiona Thomson"));
            assertThat(records.read(fiona, agnes).items())
                    .extracting(view -> view.item().category())
                    .containsExactlyInAnyOrder(Category.CARE_PLAN, Category.SERVICE_PROVISION);

            ServiceRequestView request =
                    hub.bean(ServiceRequests.class).forPerson(staff("ot.hamilton", Purpose.DIRECT_CARE), agnes).stream()
                            .collect(onlyElement());
            assertThat(request.status()).isEqualTo(ServiceRequestStatus.SCHEDULED);
            assertThat(request.requestedBy()).isEqualTo(Username.of("ot.hamilton"));
            assertThat(request.team()).isEqualTo(TeamId.of("equipment-and-adaptations"));
            assertThat(request.scheduledDay()).isEqualTo(today.plusDays(9));
            assertThat(request.details())
                    .isEqualTo(new ServiceRequestDetails.AidsAndAdaptations(
                            List.of(Equipment.STAIR_RAIL, Equipment.BATH_BOARD),
                            itemTitled(bySocialWorker, "Occupational therapy home assessment")
                                    .reference()));
            assertThat(hub.bean(Relationships.class).of(agnes))
                    .filteredOn(relationship -> relationship.kind() == RelationshipKind.SERVICE_REQUEST)
                    .extracting(relationship -> relationship.holder().reference())
                    .containsExactly(
                            Holder.team(TeamId.of("equipment-and-adaptations")).reference());
            assertThat(hub.bean(ServiceRequests.class).forMyTeams(staff("equipment.slc", Purpose.DIRECT_CARE)))
                    .extracting(ServiceRequestView::id)
                    .containsExactly(request.id());

            for (String table :
                    List.of("record_item", "record_item_version", "service_request", "consent_withholding")) {
                counts.put(table, count(hub, table));
            }
        }
        try (RunningHub again = RunningHub.demo(dataDir, database)) {
            for (Map.Entry<String, Long> table : counts.entrySet()) {
                assertThat(count(again, table.getKey())).as(table.getKey()).isEqualTo(table.getValue());
            }
        }
    }

    @Test
    void seedsTheKerrsProtectionStoryOnceWithItsFlagsMessageAndAttendanceAndWithholdsItsProtectionAccesses() {
        TestDatabase database = TestDatabase.fresh(dataDir);
        Map<String, Long> counts = new LinkedHashMap<>();
        try (RunningHub hub = RunningHub.demo(dataDir, database)) {
            Map<String, PersonId> people = DemoStoryPeopleIntegrationTests.storyPersons(hub);
            PersonId ryan = people.get("Ryan Kerr");
            PersonId ellie = people.get("Ellie Kerr");
            PersonId lisa = people.get("Lisa Kerr");
            PersonId mark = people.get("Mark Boyle");
            LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
            Requester lead = new Requester.Staff(
                    Username.of("sw.blantyre"), Purpose.CHILD_PROTECTION, "Reviewing the children's protection plan");

            // Both children on the register for neglect, reviewed at the case conference, each with a flag that names
            // the lead social worker and how to reach the team.
            for (PersonId child : List.of(ryan, ellie)) {
                Registration registration = hub.bean(ProtectionRegister.class).registrationsOf(lead, child).stream()
                        .collect(onlyElement());
                assertThat(registration.active()).isTrue();
                assertThat(registration.concerns()).containsExactly(RegistrationConcern.NEGLECT);
                assertThat(registration.leadSocialWorker()).isEqualTo(Username.of("sw.blantyre"));
                assertThat(registration.team()).isEqualTo(CHILDREN_AND_FAMILIES);
                assertThat(registration.registeredOn()).isEqualTo(today.minusMonths(4));
                assertThat(registration.history())
                        .extracting(RegistrationStep::kind, RegistrationStep::on)
                        .containsExactly(
                                tuple(RegistrationStep.Kind.REGISTERED, today.minusMonths(4)),
                                tuple(RegistrationStep.Kind.REVIEWED, today.minusDays(7)));
                Alert flag = hub.bean(Records.class)
                        .item(staff("sw.blantyre", Purpose.DIRECT_CARE), registration.flag())
                        .orElseThrow()
                        .item()
                        .content(Alert.class);
                assertThat(flag.type()).isEqualTo(AlertType.CHILD_PROTECTION);
                assertThat(flag.contact().staff()).isEqualTo(Username.of("sw.blantyre"));
                assertThat(flag.contact().team()).isEqualTo(CHILDREN_AND_FAMILIES);
                assertThat(flag.contact().name()).isEqualTo("Claire Swanson");
                assertThat(flag.contact().howToReach()).contains("01632 960005");
            }

            // The police message: about the children, naming Lisa and Mark, routed to the story's three teams (and
            // standby, had the demo been seeded out of hours), each acknowledged by its practitioner.
            ProtectionMessageView message =
                    hub.bean(ProtectionMessages.class).inbox(lead).stream().collect(onlyElement());
            assertThat(message.sentBy()).isEqualTo(Username.of("police.hub"));
            assertThat(message.senderTeam()).isEqualTo(TeamId.of("lanarkshire-concern-hub"));
            assertThat(message.people())
                    .extracting(ConcernPersonView::person, ConcernPersonView::role)
                    .containsExactlyInAnyOrder(
                            tuple(ryan, ConcernRole.SUBJECT),
                            tuple(ellie, ConcernRole.SUBJECT),
                            tuple(lisa, ConcernRole.PARENT),
                            tuple(mark, ConcernRole.POSING_RISK));
            Map<TeamId, Username> acknowledged = new LinkedHashMap<>(Map.of(
                    CHILDREN_AND_FAMILIES,
                    Username.of("sw.blantyre"),
                    TeamId.of("health-visiting-blantyre"),
                    Username.of("hv.blantyre"),
                    TeamId.of("blantyre-primary"),
                    Username.of("teacher.blantyre")));
            if (message.outOfHours()) {
                acknowledged.put(TeamId.of("social-work-standby"), Username.of("duty.sw"));
            }
            assertThat(message.routings())
                    .extracting(Routing::team, Routing::acknowledgedBy)
                    .containsExactlyInAnyOrderElementsOf(acknowledged.entrySet().stream()
                            .map(entry -> tuple(entry.getKey(), entry.getValue()))
                            .toList());

            // Ryan's attendance at the emergency department: stored, and in the lead social worker's team's inbox.
            assertThat(hub.bean(Attendances.class).lastOf(lead, ryan))
                    .singleElement()
                    .satisfies(attendance -> {
                        assertThat(attendance.reader()).isEqualTo(Username.of("ed.wishaw"));
                        assertThat(attendance.purpose()).isEqualTo(Purpose.EMERGENCY);
                        assertThat(attendance.notifiedTeam()).isEqualTo(CHILDREN_AND_FAMILIES);
                    });
            assertThat(hub.bean(Attendances.class).lastOf(lead, ellie)).isEmpty();
            assertThat(hub.bean(Deliveries.class).inbox(AgencyId.of("slc-social-work"), true, 200).stream()
                            .filter(delivery -> delivery.notification().topic().equals("cp-is-attendance")))
                    .singleElement()
                    .satisfies(delivery -> {
                        assertThat(delivery.notification().person()).isEqualTo(ryan);
                        assertThat(delivery.receiver())
                                .isEqualTo(Receiver.team(AgencyId.of("slc-social-work"), CHILDREN_AND_FAMILIES));
                    });

            // W3: every access under child protection about the family is withheld from Lisa, as from the children;
            // the emergency department's read is not a protection access and is not withheld.
            for (PersonId person : List.of(ryan, ellie, lisa)) {
                List<LoggedEvent> accesses = hub.bean(PersonEvents.class).about(List.of(person), 500).stream()
                        .filter(event -> event.type().equals("access"))
                        .toList();
                Set<Long> withheld = hub.bean(Withholdings.class).inForce(person, today).stream()
                        .filter(withholding -> withholding.target().isAccessEvent())
                        .filter(withholding -> withholding.exemption() == Exemption.CHILD_PROTECTION_ENQUIRY)
                        .map(withholding -> withholding.target().accessEvent())
                        .collect(Collectors.toSet());
                assertThat(accesses)
                        .filteredOn(event -> "child-protection".equals(event.purpose()))
                        .isNotEmpty()
                        .allSatisfy(event -> assertThat(withheld).contains(event.id()));
                assertThat(accesses)
                        .filteredOn(event -> !"child-protection".equals(event.purpose()))
                        .allSatisfy(event -> assertThat(withheld).doesNotContain(event.id()));
            }

            for (String table : List.of(
                    "protection_registration",
                    "protection_message",
                    "protection_message_routing",
                    "protection_attendance",
                    "delivery",
                    "access_relationship",
                    "consent_withholding")) {
                counts.put(table, count(hub, table));
            }

            // P3: Mark, were he a representative of Ryan, would see nothing of him, being named as posing a risk.
            PosingRiskRegister posingRisk = hub.bean(PosingRiskRegister.class);
            assertThat(posingRisk.namedAsPosingRisk(mark, ryan)).isTrue();
            assertThat(posingRisk.namedAsPosingRisk(lisa, ryan)).isFalse();
            RepresentativeAuthority parent = hub.bean(Representatives.class)
                    .record(
                            new AuthorityDraft(
                                    ryan, mark, Authority.Kind.PARENTAL_RESPONSIBILITY, null, Set.of(), today, null),
                            new DemoStories.Staff(hub.bean(Partnerships.class).current()).actor("sw.blantyre"));
            hub.bean(Representatives.class)
                    .verify(
                            parent.id(),
                            new DemoStories.Staff(hub.bean(Partnerships.class).current()).actor("sw.blantyre"));
            AccessItem demographics = new AccessItem(
                    "record-item-demographics",
                    Category.DEMOGRAPHICS,
                    Sensitivity.NORMAL,
                    AgencyId.of("slc-social-work"));
            AccessDecisions decisions = hub.bean(AccessDecisions.class);
            AccessDecision asMark = decisions
                    .decide(new Requester.Portal("mark.boyle", mark), Action.READ, ryan, List.of(demographics))
                    .get(0);
            assertThat(asMark.allowed()).isFalse();
            assertThat(asMark.decidingRules()).containsExactly("p3-not-posing-risk");
            assertThat(decisions
                            .decide(new Requester.Portal("lisa.kerr", lisa), Action.READ, ryan, List.of(demographics))
                            .get(0)
                            .allowed())
                    .isTrue();
        }
        try (RunningHub again = RunningHub.demo(dataDir, database)) {
            for (Map.Entry<String, Long> table : counts.entrySet()) {
                assertThat(count(again, table.getKey())).as(table.getKey()).isEqualTo(table.getValue());
            }
        }
    }

    static RecordItemId itemTitled(PersonRecord record, String title) {
        return record.ofKind(RecordKind.DOCUMENT).stream()
                .filter(view -> view.item().content(Document.class).title().equals(title))
                .map(view -> view.item().id())
                .collect(onlyElement());
    }

    static <T> java.util.stream.Collector<T, ?, T> onlyElement() {
        return java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(), list -> {
            assertThat(list).hasSize(1);
            return list.get(0);
        });
    }

    @Test
    void replaysTheHistoriesWithTheStorysOccurredAtTimesOnceAndKeepsTheTimesTheyWereLogged() {
        TestDatabase database = TestDatabase.fresh(dataDir);
        long replayedEvents;
        try (RunningHub hub = RunningHub.demo(dataDir, database)) {
            Map<String, PersonId> people = DemoStoryPeopleIntegrationTests.storyPersons(hub);
            PersonId agnes = people.get("Agnes Thomson");
            PersonId ryan = people.get("Ryan Kerr");
            java.time.Instant seededAt = hub.bean(DemoSeeds.class).seededAt().orElseThrow();
            LocalDate seedDay = LocalDate.ofInstant(seededAt, ZoneId.of("Europe/London"));
            PersonEvents events = hub.bean(PersonEvents.class);
            List<LoggedEvent> agnesHistory = events.about(List.of(agnes), PersonEvents.MAX_EVENTS);

            List<LoggedEvent> replayed =
                    agnesHistory.stream().filter(LoggedEvent::replayed).toList();
            assertThat(replayed).allSatisfy(event -> {
                assertThat(event.occurredAt()).isBefore(seededAt.minus(java.time.Duration.ofHours(12)));
                assertThat(event.time()).isAfter(event.occurredAt());
                assertThat(event.happenedAt()).isEqualTo(event.occurredAt());
            });
            // duty.sw read her record under the grant.
            assertThat(agnesHistory)
                    .filteredOn(event -> "duty.sw".equals(event.account()) && "access".equals(event.type()))
                    .anySatisfy(event -> {
                        assertThat(event.decision()).isEqualTo("allow");
                        assertThat(event.replayed()).isTrue();
                    });
            // Routine reads by each involved practitioner, allowed, in the four weeks before the first start.
            assertThat(replayed)
                    .filteredOn(event -> "access".equals(event.type()) && "allow".equals(event.decision()))
                    .extracting(LoggedEvent::account)
                    .contains("sw.hamilton", "gp.hamilton", "dn.hamilton", "ot.hamilton", "duty.sw");
            assertThat(replayed)
                    .filteredOn(event -> "access".equals(event.type()) && "sw.hamilton".equals(event.account()))
                    .allSatisfy(event ->
                            assertThat(event.occurredAt()).isAfter(seededAt.minus(java.time.Duration.ofDays(29))));
            // housing.ek asked for her letters and was refused the health detail.
            assertThat(replayed)
                    .filteredOn(event -> "housing.ek".equals(event.account()))
                    .isNotEmpty()
                    .allSatisfy(event -> assertThat(event.decision()).isEqualTo("deny"))
                    .anySatisfy(event -> assertThat(event.categories()).contains("health-detail"));

            // duty.sw's break-glass one evening, with its reason, and caldicott.slc's review of it the next morning.
            BreakGlassGrant grant = hub.bean(BreakGlassGrants.class).grantsFor(agnes).stream()
                    .filter(opened -> opened.user().equals(Username.of("duty.sw")))
                    .collect(onlyElement());
            assertThat(grant.reason()).isEqualTo("Homecare found no answer at 19:00; checking key holder and risks");
            LoggedEvent breakGlass = replayed.stream()
                    .filter(event -> "break-glass".equals(event.type()))
                    .collect(onlyElement());
            assertThat(breakGlass.account()).isEqualTo("duty.sw");
            assertThat(breakGlass.items()).contains(grant.id().reference());
            assertThat(breakGlass.occurredAt()).isEqualTo(DemoHistory.at(seedDay, 11, 19, 12));
            assertThat(breakGlass
                            .occurredAt()
                            .atZone(ZoneId.of("Europe/London"))
                            .getHour())
                    .isEqualTo(19);
            assertThat(replayed)
                    .filteredOn(event -> "review".equals(event.type()) && "caldicott.slc".equals(event.account()))
                    .extracting(LoggedEvent::action)
                    .contains("claim", "close");
            assertThat(hub.bean(org.ecarehub.access.CaldicottReviews.class).forPerson(agnes))
                    .filteredOn(review -> review.id().equals(grant.review()))
                    .singleElement()
                    .satisfies(review -> assertThat(review.closed()).isTrue());

            // Fiona's nomination two years before; David's power of attorney recorded and verified months before.
            assertThat(replayed)
                    .filteredOn(event -> "authority".equals(event.type()))
                    .extracting(LoggedEvent::action)
                    .contains("record", "verify");
            assertThat(replayed)
                    .filteredOn(event -> "authority".equals(event.type()))
                    .extracting(event -> LocalDate.ofInstant(event.occurredAt(), ZoneId.of("Europe/London")))
                    .contains(seedDay.minusYears(2), seedDay.minusMonths(8).plusDays(6));

            // The Kerrs: Ryan's attendance ten days before, the protection steps, withheld from Lisa as they happened.
            List<LoggedEvent> ryansHistory = events.about(List.of(ryan), PersonEvents.MAX_EVENTS);
            assertThat(ryansHistory)
                    .filteredOn(event -> "ed.wishaw".equals(event.account()) && "access".equals(event.type()))
                    .isNotEmpty()
                    .allSatisfy(event -> {
                        assertThat(event.replayed()).isTrue();
                        assertThat(LocalDate.ofInstant(event.occurredAt(), ZoneId.of("Europe/London")))
                                .isEqualTo(seedDay.minusDays(10));
                    });
            assertThat(ryansHistory)
                    .filteredOn(event -> "protection".equals(event.type()))
                    .isNotEmpty()
                    .allSatisfy(event -> assertThat(event.replayed()).isTrue());
            Set<Long> withheldFromLisa =
                    hub.bean(Withholdings.class).inForce(ryan, LocalDate.now(ZoneId.of("Europe/London"))).stream()
                            .filter(withholding -> withholding.target().isAccessEvent())
                            .map(withholding -> withholding.target().accessEvent())
                            .collect(Collectors.toSet());
            assertThat(ryansHistory)
                    .filteredOn(event -> withheldFromLisa.contains(event.id()))
                    .isNotEmpty()
                    .allSatisfy(event -> assertThat(event.replayed()).isTrue());

            replayedEvents = replayedCount(hub);
        }
        try (RunningHub again = RunningHub.demo(dataDir, database)) {
            PersonId agnes = DemoStoryPeopleIntegrationTests.storyPersons(again).get("Agnes Thomson");
            assertThat(again.bean(BreakGlassGrants.class).grantsFor(agnes)).hasSize(1);
            assertThat(replayedCount(again)).isEqualTo(replayedEvents);
        }
    }

    static long replayedCount(RunningHub hub) {
        return hub.bean(JdbcClient.class)
                .sql("select count(*) from transparency_event where event like '%\"replayed\":true%'")
                .query(Long.class)
                .single();
    }
}
