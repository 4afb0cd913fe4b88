package org.ecarehub.person.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.ecarehub.person.Actor;
import org.ecarehub.person.Address;
import org.ecarehub.person.AgencyRecord;
import org.ecarehub.person.AgencyRecordId;
import org.ecarehub.person.AgencyRecordLinked;
import org.ecarehub.person.AgencyRecordRecorded;
import org.ecarehub.person.ChiNumber;
import org.ecarehub.person.Demographics;
import org.ecarehub.person.Evidence;
import org.ecarehub.person.ManualDecisionRecorded;
import org.ecarehub.person.MergeId;
import org.ecarehub.person.PersonCreated;
import org.ecarehub.person.PersonIndex;
import org.ecarehub.person.PersonIndexRefused;
import org.ecarehub.person.PersonMatch;
import org.ecarehub.person.PersonSearch;
import org.ecarehub.person.PersonsMerged;
import org.ecarehub.person.PersonsUnmerged;
import org.ecarehub.person.ReviewOpened;
import org.ecarehub.person.ReviewQueue;
import org.ecarehub.person.ReviewTask;
import org.ecarehub.person.Sex;
import org.ecarehub.person.Submission;
import org.ecarehub.person.Verdict;
import org.ecarehub.person.matching.Field;
import org.ecarehub.person.matching.MatchModel;
import org.ecarehub.shared.AgencyId;
import org.ecarehub.shared.PersonId;
import org.ecarehub.shared.Username;
import org.ecarehub.support.RunningHub;
import org.ecarehub.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The person index in a running hub over a real database: online matching, manual decisions, merge and unmerge, the
 * review queue, and the transparency log. Each test has people of its own; the model stays at its priors, since the
 * index holds too few records to fit one.
 */
@Tag("database")
class PersonIndexIntegrationTests {

    @TempDir
    static Path dataDir;

    static RunningHub hub;
    static PersonIndex index;
    static ReviewQueue queue;
    static RunningHub.PublishedEvents events;
    static final JsonMapper json = JsonMapper.builder().build();

    static final Actor nhsSystem = Actor.agencySystem(AgencyId.of("nhs-lanarkshire"), 1);
    static final Actor caldicottGuardian =
            Actor.staff(Username.of("caldicott.slc"), AgencyId.of("slc-social-work"), List.of("caldicott-guardian"), 1);
    static final Actor socialWorker =
            Actor.staff(Username.of("sw.hamilton"), AgencyId.of("slc-social-work"), List.of("social-worker"), 1);

    @BeforeAll
    static void startHub() {
        hub = RunningHub.demo(dataDir, TestDatabase.fresh(dataDir));
        index = hub.bean(PersonIndex.class);
        queue = hub.bean(ReviewQueue.class);
        events = hub.recordEvents();
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    static AgencyRecord record(
            String agency,
            String localId,
            String chi,
            String given,
            String family,
            String born,
            Sex sex,
            String address,
            String postcode,
            String phone) {
        return new AgencyRecord(
                AgencyRecordId.of(agency, localId),
                new Demographics(
                        given,
                        null,
                        family,
                        List.of(),
                        born == null ? null : LocalDate.parse(born),
                        sex,
                        address == null && postcode == null ? List.of() : List.of(Address.current(address, postcode)),
                        phone,
                        chi == null ? null : ChiNumber.of(chi)));
    }

    static Submission submit(AgencyRecord record) {
        return index.submit(record, Actor.agencySystem(record.id().agency(), 1));
    }

    static PersonId personOf(AgencyRecord record) {
        return index.personOf(record.id()).orElseThrow();
    }

    /** The person-index events in the log under any of these person ids, as their JSON. */
    static List<JsonNode> loggedAbout(Set<PersonId> persons) {
        List<JsonNode> found = new ArrayList<>();
        for (PersonId person : persons) {
            hub.bean(JdbcClient.class)
                    .sql("select event from transparency_event where person_ref = ? and event_type = 8 order by id")
                    .param(person.value())
                    .query(String.class)
                    .list()
                    .forEach(event -> found.add(json.readTree(event)));
        }
        return found;
    }

    static long recordNumber(AgencyRecord record) {
        return hub.bean(JdbcClient.class)
                .sql("select id from person_agency_record where agency = ? and local_id = ?")
                .params(record.id().agency().value(), record.id().localId())
                .query(Long.class)
                .single();
    }

    @Nested
    class OnlineMatching {

        static final AgencyRecord margaretAtNhs = record(
                "nhs-lanarkshire",
                "LN4001017",
                "1908521309",
                "Margaret",
                "Campbell",
                "1952-08-19",
                Sex.FEMALE,
                "27 Almada Street, Hamilton",
                "ML3 0HQ",
                "01632 960417");
        static final AgencyRecord margaretAtSocialWork = record(
                "slc-social-work",
                "SW0051234",
                null,
                "Margaret",
                "Campbell",
                "1952-08-19",
                Sex.FEMALE,
                "27 Almada St, Hamilton",
                "ML3 0HQ",
                null);

        @Test
        void linksARecordThatMatchesAPersonTheIndexKnows() {
            Submission first = submit(margaretAtNhs);
            Submission second = submit(margaretAtSocialWork);

            assertThat(first.outcome()).isEqualTo(Submission.Outcome.NEW_PERSON);
            assertThat(second.outcome()).isEqualTo(Submission.Outcome.LINKED);
            assertThat(second.probability()).isGreaterThanOrEqualTo(0.99);
            assertThat(second.person()).isEqualTo(first.person());
            assertThat(index.person(first.person()).orElseThrow().records()).hasSize(2);
        }

        @Test
        void opensAReviewTaskForABorderlineRecord() {
            Submission janet = submit(record(
                    "nhs-lanarkshire",
                    "LN4001020",
                    "0112485804",
                    "Janet",
                    "Robertson",
                    "1948-12-01",
                    Sex.FEMALE,
                    "9 Quarry Street, Hamilton",
                    "ML3 7AR",
                    null));
            // Day and month swapped, and a new address in another town: perhaps her, perhaps not.
            Submission housing = submit(record(
                    "slc-housing",
                    "T/MW/20417",
                    null,
                    "Janet",
                    "Robertson",
                    "1948-01-12",
                    Sex.FEMALE,
                    "Flat 3, 22 Union Street, Motherwell",
                    "ML1 1PR",
                    null));

            assertThat(housing.outcome()).isEqualTo(Submission.Outcome.REVIEW);
            assertThat(housing.probability()).isBetween(0.5, 0.99);
            assertThat(housing.person()).isNotEqualTo(janet.person());
            assertThat(housing.newPerson()).isTrue();
            assertThat(housing.reviews()).hasSize(1);
            ReviewTask task = queue.task(housing.reviews().get(0)).orElseThrow();
            assertThat(task.first()).isEqualTo(AgencyRecordId.of("slc-housing", "T/MW/20417"));
            assertThat(task.second()).isEqualTo(AgencyRecordId.of("nhs-lanarkshire", "LN4001020"));
            assertThat(task.reason()).isEqualTo(ReviewTask.Reason.BETWEEN_THRESHOLDS);
        }

        @Test
        void makesANewPersonOfARecordUnlikeAnyone() {
            Submission thomas = submit(record(
                    "slc-education",
                    "SCN-163300418",
                    null,
                    "Thomas",
                    "Docherty",
                    "2013-03-03",
                    Sex.MALE,
                    "5 Station Road, Blantyre",
                    "G72 9AB",
                    null));

            assertThat(thomas.outcome()).isEqualTo(Submission.Outcome.NEW_PERSON);
            assertThat(thomas.newPerson()).isTrue();
            assertThat(thomas.reviews()).isEmpty();
        }

        @Test
        void keepsTwinsRecordedByTwoAgenciesApart() {
            // Twin girls: one birthday, one home, their mother's mobile at both; each has her own CHI number.
            AgencyRecord isla = record(
                    "nhs-lanarkshire",
                    "LN4001033",
                    "0205162401",
                    "Isla",
                    "Reid",
                    "2016-05-02",
                    Sex.FEMALE,
                    "4 Glen Road, Hamilton",
                    "ML3 6QQ",
                    "07700 900123");
            AgencyRecord sophie = record(
                    "hamilton-medical-practice",
                    "HMP-10233",
                    "0205162509",
                    "Sophie",
                    "Reid",
                    "2016-05-02",
                    Sex.FEMALE,
                    "4 Glen Road, Hamilton",
                    "ML3 6QQ",
                    "07700 900123");

            submit(isla);
            Submission second = submit(sophie);

            assertThat(second.outcome()).isNotEqualTo(Submission.Outcome.LINKED);
            assertThat(personOf(sophie)).isNotEqualTo(personOf(isla));
        }

        @Test
        void storesAChangeAsANewVersionAndAnUnchangedRecordNotAtAll() {
            AgencyRecord ian = record(
                    "slc-social-work",
                    "SW0051301",
                    null,
                    "Ian",
                    "Paterson",
                    "1939-10-10",
                    Sex.MALE,
                    "2 Church Street, Hamilton",
                    "ML3 6BA",
                    null);
            submit(ian);
            Demographics moved = ian.demographics()
                    .withAddresses(List.of(
                            new Address("2 Church Street, Hamilton", "ML3 6BA", null, LocalDate.of(2026, 1, 5)),
                            new Address(
                                    "Whitehill House, 1 Whitehill Road, Hamilton",
                                    "ML3 8QD",
                                    LocalDate.of(2026, 1, 5),
                                    null)));

            Submission same = submit(ian);
            Submission changed = submit(new AgencyRecord(ian.id(), moved));

            assertThat(same.outcome()).isEqualTo(Submission.Outcome.UNCHANGED);
            assertThat(changed.outcome()).isEqualTo(Submission.Outcome.KEPT);
            assertThat(index.versions(ian.id())).hasSize(2);
            assertThat(index.versions(ian.id()).get(0).demographics()).isEqualTo(ian.demographics());
            assertThat(index.current(ian.id()).orElseThrow().demographics().currentAddress())
                    .hasValueSatisfying(
                            address -> assertThat(address.postcode()).isEqualTo("ML3 8QD"));
            assertThat(index.current(ian.id()).orElseThrow().recordedBy())
                    .isEqualTo("system:agency-system:slc-social-work");
        }

        @Test
        void keepsAnInvalidChiFlagged() {
            AgencyRecord mistyped = record(
                    "hamilton-medical-practice",
                    "HMP-10240",
                    "1506751239",
                    "Andrew",
                    "Kelly",
                    "1975-06-15",
                    Sex.MALE,
                    null,
                    null,
                    null);

            submit(mistyped);

            ChiNumber kept =
                    index.current(mistyped.id()).orElseThrow().demographics().chi();
            assertThat(kept.text()).isEqualTo("1506751239");
            assertThat(kept.validity()).isEqualTo(ChiNumber.Validity.BAD_CHECK_DIGIT);
        }
    }

    @Nested
    class ManualDecisions {

        @Test
        void neverOverridesNotTheSamePersonWhenEitherRecordChanges() {
            AgencyRecord atNhs = record(
                    "nhs-lanarkshire",
                    "LN4001045",
                    "2702793614",
                    "Robert",
                    "Kerr",
                    "1979-02-27",
                    Sex.MALE,
                    "18 Bothwell Road, Hamilton",
                    "ML3 0AY",
                    null);
            AgencyRecord atPolice = record(
                    "police-scotland",
                    "PS-2025-118834",
                    null,
                    "Robert",
                    "Kerr",
                    "1979-02-27",
                    Sex.MALE,
                    "40 Bothwell Road, Hamilton",
                    "ML3 0AY",
                    null);
            submit(atNhs);
            assertThat(submit(atPolice).outcome()).isEqualTo(Submission.Outcome.LINKED);

            index.decide(
                    atPolice.id(),
                    atNhs.id(),
                    Verdict.NOT_THE_SAME_PERSON,
                    "Two men of one name and birthday on one street; the police record is the neighbour.",
                    caldicottGuardian);
            assertThat(personOf(atPolice)).isNotEqualTo(personOf(atNhs));

            Submission policeChanged = submit(new AgencyRecord(
                    atPolice.id(),
                    atNhs.demographics().withAddresses(atNhs.demographics().addresses())));
            Submission nhsChanged = submit(new AgencyRecord(
                    atNhs.id(),
                    atNhs.demographics()
                            .withAddresses(List.of(Address.current("40 Bothwell Road, Hamilton", "ML3 0AY")))));

            assertThat(policeChanged.outcome()).isNotEqualTo(Submission.Outcome.LINKED);
            assertThat(nhsChanged.outcome()).isNotEqualTo(Submission.Outcome.LINKED);
            assertThat(personOf(atPolice)).isNotEqualTo(personOf(atNhs));
            assertThat(index.decisionAbout(atNhs.id(), atPolice.id())).hasValueSatisfying(decision -> {
                assertThat(decision.verdict()).isEqualTo(Verdict.NOT_THE_SAME_PERSON);
                assertThat(decision.decidedBy()).isEqualTo("staff:caldicott.slc");
                assertThat(decision.reason()).contains("neighbour");
            });
        }

        @Test
        void keepsAManualLinkWhenARecordChanges() {
            AgencyRecord atNhs = record(
                    "nhs-lanarkshire",
                    "LN4001052",
                    null,
                    "Janet",
                    "Mitchell",
                    "1950-10-02",
                    Sex.FEMALE,
                    "11 Cadzow Street, Hamilton",
                    "ML3 6DZ",
                    null);
            AgencyRecord atHousing = record(
                    "slc-housing",
                    "T/MW/20533",
                    null,
                    "Janet",
                    "Mitchell",
                    "1950-02-10",
                    Sex.FEMALE,
                    "Flat 5, 31 Merry Street, Motherwell",
                    "ML1 1JJ",
                    null);
            submit(atNhs);
            assertThat(submit(atHousing).outcome()).isEqualTo(Submission.Outcome.REVIEW);

            index.decide(
                    atHousing.id(),
                    atNhs.id(),
                    Verdict.SAME_PERSON,
                    "Her tenancy file holds a copy of her birth certificate; housing typed the date the American way.",
                    socialWorker);
            assertThat(personOf(atHousing)).isEqualTo(personOf(atNhs));

            Submission changed = submit(record(
                    "slc-housing",
                    "T/MW/20533",
                    null,
                    "Jenny",
                    "Mitchell",
                    "1958-01-12",
                    Sex.FEMALE,
                    "19 Park Avenue, Larkhall",
                    "ML9 1AB",
                    null));

            assertThat(changed.outcome()).isEqualTo(Submission.Outcome.KEPT);
            assertThat(personOf(atHousing)).isEqualTo(personOf(atNhs));
        }

        @Test
        void publishesEveryDecision() {
            AgencyRecord one = record(
                    "caring-hands", "CH-7781", null, "Hamish", "Fraser", "1944-06-06", Sex.MALE, null, "ML3 9BB", null);
            AgencyRecord other = record(
                    "slc-social-work",
                    "SW0051377",
                    null,
                    "Hamish",
                    "Fraser",
                    "1946-06-06",
                    Sex.MALE,
                    null,
                    "ML6 8AA",
                    null);
            submit(one);
            submit(other);
            events.clear();

            index.decide(one.id(), other.id(), Verdict.NOT_THE_SAME_PERSON, "Brothers.", socialWorker);

            assertThat(events.ofType(ManualDecisionRecorded.class))
                    .singleElement()
                    .satisfies(event -> {
                        assertThat(event.first()).isEqualTo(one.id());
                        assertThat(event.verdict()).isEqualTo(Verdict.NOT_THE_SAME_PERSON);
                    });
        }
    }

    @Nested
    class MergeAndUnmerge {

        static final AgencyRecord fionaAtNhs = record(
                "nhs-lanarkshire",
                "LN4001066",
                null,
                "Kirsty",
                "Gibson",
                "1983-04-19",
                Sex.FEMALE,
                "61 Eddlewood Road, Hamilton",
                "ML3 7HT",
                "07700 900511");
        static final AgencyRecord fionaAtGp = record(
                "hamilton-medical-practice",
                "HMP-10301",
                null,
                "Kirsty",
                "Gibson",
                "1983-04-19",
                Sex.FEMALE,
                "61 Eddlewood Road, Hamilton",
                "ML3 7HT",
                null);
        static final AgencyRecord afterMarriage = record(
                "slc-housing",
                "T/HM/30112",
                null,
                "Kirsty",
                "Hunter",
                "1983-04-19",
                Sex.FEMALE,
                "3 Low Waters Road, Hamilton",
                "ML3 7QJ",
                null);

        @Test
        void unmergeRestoresTheLinksExactlyAndEachHistoryShowsOnlyItsOwnRecords() {
            PersonId kirsty = submit(fionaAtNhs).person();
            submit(fionaAtGp);
            PersonId married = submit(afterMarriage).person();
            assertThat(married).isNotEqualTo(kirsty);
            events.clear();

            MergeId merge = index.merge(kirsty, married, "Married in 2019; housing has her new name.", socialWorker);
            assertThat(personOf(afterMarriage)).isEqualTo(kirsty);
            assertThat(index.personIdsInHistory(kirsty)).containsExactlyInAnyOrder(kirsty, married);
            assertThat(index.personIdsInHistory(married)).containsExactlyInAnyOrder(kirsty, married);
            assertThat(index.person(married).orElseThrow().id()).isEqualTo(kirsty);
            // Changes while merged: each is logged under the record's own person.
            submit(new AgencyRecord(
                    afterMarriage.id(),
                    afterMarriage
                            .demographics()
                            .withAddresses(List.of(Address.current("5 Low Waters Road, Hamilton", "ML3 7QJ")))));
            submit(new AgencyRecord(
                    fionaAtGp.id(),
                    fionaAtGp.demographics().withAddresses(List.of(Address.current("61 Eddlewood Rd", "ML3 7HT")))));

            index.unmerge(merge, "Housing's Kirsty Hunter is her cousin.", caldicottGuardian);

            assertThat(personOf(fionaAtNhs)).isEqualTo(kirsty);
            assertThat(personOf(fionaAtGp)).isEqualTo(kirsty);
            assertThat(personOf(afterMarriage)).isEqualTo(married);
            assertThat(index.person(kirsty).orElseThrow().records())
                    .extracting(version -> version.record())
                    .containsExactlyInAnyOrder(fionaAtNhs.id(), fionaAtGp.id());
            assertThat(index.person(married).orElseThrow().records())
                    .extracting(version -> version.record())
                    .containsExactly(afterMarriage.id());
            assertThat(index.personIdsInHistory(kirsty)).containsExactly(kirsty);
            assertThat(index.personIdsInHistory(married)).containsExactly(married);
            assertThat(recordsNamedIn(loggedAbout(index.personIdsInHistory(married))))
                    .containsOnly(Journal.record(recordNumber(afterMarriage)));
            assertThat(recordsNamedIn(loggedAbout(index.personIdsInHistory(kirsty))))
                    .containsOnly(Journal.record(recordNumber(fionaAtNhs)), Journal.record(recordNumber(fionaAtGp)));
            assertThat(events.ofType(PersonsMerged.class)).singleElement().satisfies(event -> {
                assertThat(event.survivor()).isEqualTo(kirsty);
                assertThat(event.merged()).isEqualTo(married);
            });
            assertThat(events.ofType(PersonsUnmerged.class))
                    .singleElement()
                    .satisfies(event -> assertThat(event.restored()).isEqualTo(married));
            assertThat(index.merges(married)).singleElement().satisfies(done -> {
                assertThat(done.inForce()).isFalse();
                assertThat(done.mergedBy()).isEqualTo("staff:sw.hamilton");
                assertThat(done.unmergedBy()).contains("staff:caldicott.slc");
            });
        }

        @Test
        void neverLinksAgainWhatAnUnmergeSeparated() {
            AgencyRecord first = record(
                    "nlc-social-work",
                    "NLC-88120",
                    null,
                    "Gordon",
                    "Young",
                    "1950-11-30",
                    Sex.MALE,
                    "14 Mill Road, Airdrie",
                    "ML6 0AA",
                    null);
            AgencyRecord second = record(
                    "caring-hands",
                    "CH-7799",
                    null,
                    "Gordon",
                    "Young",
                    "1950-11-03",
                    Sex.MALE,
                    "Flat 1, 9 High Street, Wishaw",
                    "ML2 7AA",
                    null);
            PersonId one = submit(first).person();
            PersonId other = submit(second).person();
            MergeId merge = index.merge(one, other, "Looks like him.", socialWorker);
            index.unmerge(merge, "It is not him.", caldicottGuardian);

            Submission changed = submit(new AgencyRecord(second.id(), first.demographics()));

            assertThat(changed.outcome()).isNotEqualTo(Submission.Outcome.LINKED);
            assertThat(personOf(second)).isEqualTo(other);
        }

        @Test
        void refusesToMergeAPersonMergedIntoAnotherAlready() {
            PersonId a = submit(record(
                            "slc-education", "SCN-1", null, "Ava", "Grant", "2014-02-02", Sex.FEMALE, null, null, null))
                    .person();
            PersonId b = submit(record(
                            "slc-education", "SCN-2", null, "Mia", "Bell", "2014-03-03", Sex.FEMALE, null, null, null))
                    .person();
            PersonId c = submit(record(
                            "slc-education",
                            "SCN-3",
                            null,
                            "Amy",
                            "Hughes",
                            "2014-04-04",
                            Sex.FEMALE,
                            null,
                            null,
                            null))
                    .person();
            index.merge(a, b, "Test of the rule.", socialWorker);
            index.merge(c, a, "And again, through the first.", socialWorker);

            assertThatThrownBy(() -> index.merge(c, b, "Again.", socialWorker)).isInstanceOf(PersonIndexRefused.class);
            // Who each id stands for now: itself, through one merge, through two, and nobody for an unknown id.
            assertThat(index.personNow(c)).contains(c);
            assertThat(index.personNow(a)).contains(c);
            assertThat(index.personNow(b)).contains(c);
            assertThat(index.personNow(PersonId.random())).isEmpty();
        }

        static List<String> recordsNamedIn(List<JsonNode> logged) {
            List<String> records = new ArrayList<>();
            for (JsonNode event : logged) {
                event.get("what").get("items").forEach(item -> {
                    String text = item.asString();
                    if (text.startsWith("agency-record-")) {
                        records.add(text.contains("/") ? text.substring(0, text.indexOf('/')) : text);
                    }
                });
            }
            return records;
        }
    }

    @Nested
    class Finding {

        static final AgencyRecord catrionaAtNhs = record(
                "nhs-lanarkshire",
                "LN4001208",
                "2307791124",
                "Catriona",
                "Macfarlane-Oyelaran",
                "1979-07-23",
                Sex.FEMALE,
                "14 Quarry Street, Hamilton",
                "ML3 7AR",
                null);
        static final AgencyRecord catrionaAtHousing = record(
                "slc-housing",
                "T/HM/41177",
                null,
                "Catriona",
                "Macfarlane-Oyelaran",
                "1979-07-23",
                Sex.FEMALE,
                "14 Quarry St, Hamilton",
                "ML3 7AR",
                null);

        static PersonSearch search(String chi, String family, String given, String born, String postcode) {
            return new PersonSearch(
                    chi, null, family, given, null, born == null ? null : LocalDate.parse(born), postcode);
        }

        static List<PersonId> found(PersonSearch search, int limit) {
            return index.find(search, limit).stream().map(PersonMatch::person).toList();
        }

        @Test
        void namesTheRecordsThatMatchedEachByItself() {
            PersonId catriona = submit(catrionaAtNhs).person();
            submit(catrionaAtHousing);

            assertThat(index.find(search("2307791124", null, null, null, null), 10))
                    .singleElement()
                    .satisfies(match -> {
                        assertThat(match.person()).isEqualTo(catriona);
                        assertThat(match.records()).containsExactly(catrionaAtNhs.id());
                    });
            assertThat(index.find(search(null, "Macfarlane-Oyelaran", null, null, null), 10))
                    .singleElement()
                    .satisfies(match -> assertThat(match.records())
                            .containsExactlyInAnyOrder(catrionaAtNhs.id(), catrionaAtHousing.id()));
        }

        @Test
        void findsAPersonByAnyDetailTheirCurrentRecordsHold() {
            PersonId catriona = submit(catrionaAtNhs).person();
            submit(catrionaAtHousing);

            assertThat(found(search(null, "macfarlane-oy", null, null, null), 10))
                    .containsExactly(catriona);
            assertThat(found(search(null, null, "CATRI", "1979-07-23", "ml37ar"), 10))
                    .containsExactly(catriona);
            assertThat(found(search("2307791124", null, null, null, null), 10)).containsExactly(catriona);
            assertThat(found(new PersonSearch(null, catrionaAtHousing.id(), null, null, null, null, null), 10))
                    .containsExactly(catriona);
        }

        @Test
        void findsNobodyWhenOneDetailDiffers() {
            submit(catrionaAtNhs);

            assertThat(found(search(null, "Macfarlane-Oyelaran", null, "1979-07-24", null), 10))
                    .isEmpty();
            assertThat(found(search(null, "Macfarlane%", null, null, null), 10))
                    .as("a wildcard typed is taken literally")
                    .isEmpty();
        }

        @Test
        void refusesASearchThatNamesNothing() {
            assertThatThrownBy(() -> found(search(null, null, null, null, null), 10))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a search for a person needs at least one detail");
        }
    }

    @Nested
    class TransparencyLog {

        @Test
        void logsAndPublishesEveryChangeWithThePersonsId() {
            events.clear();
            AgencyRecord scott = record(
                    "police-scotland",
                    "PS-2025-120017",
                    null,
                    "Scott",
                    "Wallace",
                    "1991-12-24",
                    Sex.MALE,
                    "8 Beckford Street, Hamilton",
                    "ML3 0BT",
                    null);

            PersonId person = submit(scott).person();

            List<JsonNode> logged = loggedAbout(Set.of(person));
            assertThat(logged)
                    .extracting(event -> event.get("what").get("action").asString())
                    .containsExactly("create-person", "record", "link");
            assertThat(logged).allSatisfy(event -> {
                assertThat(event.get("type").asString()).isEqualTo("person-index");
                assertThat(event.get("whom").get("person").asString()).isEqualTo(person.value());
                assertThat(event.get("who").get("agency").asString()).isEqualTo("police-scotland");
                assertThat(event.toString()).doesNotContain("Wallace", "PS-2025-120017", "ML3");
            });
            assertThat(events.ofType(PersonCreated.class))
                    .extracting(PersonCreated::person)
                    .containsExactly(person);
            assertThat(events.ofType(AgencyRecordRecorded.class))
                    .singleElement()
                    .satisfies(event -> {
                        assertThat(event.record()).isEqualTo(scott.id());
                        assertThat(event.version()).isEqualTo(1);
                    });
            assertThat(events.ofType(AgencyRecordLinked.class)).singleElement().satisfies(event -> {
                assertThat(event.person()).isEqualTo(person);
                assertThat(event.reason()).isEqualTo(AgencyRecordLinked.Reason.NEW_PERSON);
            });
        }
    }

    @Nested
    class ReviewQueueOfTasks {

        static final AgencyRecord atNhs = record(
                "nhs-lanarkshire",
                "LN4001099",
                null,
                "Elaine",
                "Duncan",
                "1961-07-07",
                Sex.FEMALE,
                "30 Strathaven Road, Hamilton",
                "ML3 7AQ",
                "01632 960822");
        static final AgencyRecord atCarer = record(
                "caring-hands",
                "CH-7810",
                null,
                "Elaine",
                "Duncan",
                "1961-07-17",
                Sex.FEMALE,
                "Flat 4, 2 Glasgow Road, Blantyre",
                "G72 0LA",
                null);

        @Test
        void listsClaimsForOneReviewerAndDecidesWithTheEvidenceOfEveryField() {
            submit(atNhs);
            events.clear();
            Submission borderline = submit(atCarer);
            assertThat(borderline.outcome()).isEqualTo(Submission.Outcome.REVIEW);
            var taskId = borderline.reviews().get(0);
            assertThat(events.ofType(ReviewOpened.class))
                    .extracting(ReviewOpened::task)
                    .containsExactly(taskId);

            var open = queue.open(0, 200);
            assertThat(open.items()).extracting(ReviewTask::id).contains(taskId);
            assertThat(open.total()).isGreaterThanOrEqualTo(1);

            assertThatThrownBy(() -> queue.decide(taskId, Verdict.SAME_PERSON, "Not claimed.", socialWorker))
                    .isInstanceOf(PersonIndexRefused.class);
            ReviewTask claimed = queue.claim(taskId, socialWorker);
            assertThat(claimed.claimedBy()).contains("staff:sw.hamilton");
            assertThatThrownBy(() -> queue.claim(taskId, caldicottGuardian))
                    .isInstanceOf(ReviewQueue.ClaimedByAnother.class)
                    .hasMessageContaining("sw.hamilton");

            Evidence evidence = queue.evidence(taskId);
            assertThat(evidence.probability()).isBetween(0.5, 0.99);
            assertThat(evidence.fields())
                    .extracting(Evidence.FieldEvidence::name)
                    .containsExactly(
                            "chi",
                            "given_name",
                            "other_given_names",
                            "family_name",
                            "previous_family_names",
                            "date_of_birth",
                            "sex",
                            "address",
                            "postcode",
                            "phone");
            assertThat(evidence.fields())
                    .extracting(Evidence.FieldEvidence::comparedAs)
                    .containsAll(List.of(Field.values()));
            assertThat(evidence.fields())
                    .filteredOn(field -> field.name().equals("date_of_birth"))
                    .singleElement()
                    .satisfies(field -> {
                        assertThat(field.first()).isEqualTo("1961-07-17");
                        assertThat(field.second()).isEqualTo("1961-07-07");
                        assertThat(field.agreement()).contains("one digit");
                        assertThat(field.factorWeight()).isNotZero();
                    });
            assertThat(evidence.fields())
                    .filteredOn(field -> field.name().equals("phone"))
                    .singleElement()
                    .satisfies(field -> {
                        assertThat(field.first()).isNull();
                        assertThat(field.second()).isEqualTo("01632 960822");
                        assertThat(field.agreement()).isEqualTo("not compared");
                    });

            queue.decide(
                    taskId,
                    Verdict.SAME_PERSON,
                    "She moved to her daughter's; the carer typed 17 for 7.",
                    socialWorker);

            assertThat(personOf(atCarer)).isEqualTo(personOf(atNhs));
            assertThat(queue.open(0, 200).items()).extracting(ReviewTask::id).doesNotContain(taskId);
            assertThat(queue.task(taskId))
                    .hasValueSatisfying(task -> assertThat(task.status()).isEqualTo(ReviewTask.Status.DECIDED));
            assertThat(index.decisionAbout(atCarer.id(), atNhs.id()))
                    .hasValueSatisfying(
                            decision -> assertThat(decision.verdict()).isEqualTo(Verdict.SAME_PERSON));
        }
    }

    @Test
    void scoresWithThePriorsUntilTheIndexHoldsEnoughRecordsToFitTo() {
        assertThat(hub.bean(IndexedRecords.class).fits()).isZero();
        assertThat(hub.bean(IndexedRecords.class).model().lambda())
                .isEqualTo(MatchModel.priors().lambda());
    }
}
